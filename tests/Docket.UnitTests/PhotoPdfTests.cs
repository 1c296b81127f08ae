using System.IO.Compression;
using Docket.Web.Features.Filings;
using UglyToad.PdfPig;

namespace Docket.UnitTests;

public class PhotoPdfTests
{
    /// <summary>A tiny baseline JPEG (1×1), optionally with an EXIF APP1 segment carrying an orientation.</summary>
    static byte[] Jpeg(int? orientation = null, bool littleEndian = false)
    {
        var jpeg = Convert.FromBase64String(
            "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/yQALCAABAAEBAREA/8wABgAQEAX/2gAIAQEAAD8A0s8g/9k=");
        if (orientation is null) return jpeg;
        byte[] tiff = littleEndian
            ? [(byte)'I', (byte)'I', 0x2A, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, (byte)orientation, 0, 0, 0, 0, 0, 0, 0]
            : [(byte)'M', (byte)'M', 0, 0x2A, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte)orientation, 0, 0, 0, 0, 0, 0];
        var app1 = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var length = app1.Length + 2;
        return [0xFF, 0xD8, 0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. app1, .. jpeg[2..]];
    }

    static byte[] Png(int width, int height)
    {
        static byte[] Chunk(string type, byte[] data)
        {
            var t = System.Text.Encoding.ASCII.GetBytes(type);
            var crc = Crc32([.. t, .. data]);
            return [.. BitConverter.GetBytes(data.Length).Reverse(), .. t, .. data, .. BitConverter.GetBytes(crc).Reverse()];
        }
        var raw = new MemoryStream();
        for (var y = 0; y < height; y++) { raw.WriteByte(0); for (var x = 0; x < width; x++) raw.Write([200, 30, 30]); }
        var z = new MemoryStream();
        using (var d = new ZLibStream(z, CompressionLevel.Fastest, leaveOpen: true)) d.Write(raw.ToArray());
        byte[] ihdr = [.. BitConverter.GetBytes(width).Reverse(), .. BitConverter.GetBytes(height).Reverse(), 8, 2, 0, 0, 0];
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Chunk("IHDR", ihdr), .. Chunk("IDAT", z.ToArray()), .. Chunk("IEND", [])];
    }

    static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(3, false)]
    [InlineData(6, false)]
    [InlineData(8, true)]
    [InlineData(6, true)]
    public void Read_JpegWithExifOrientation_ThatOrientation(int orientation, bool little) =>
        Assert.Equal(orientation, ExifOrientation.Read(Jpeg(orientation, little)));

    [Fact]
    public void Read_NoExifOrNotAJpeg_Upright()
    {
        Assert.Equal(1, ExifOrientation.Read(Jpeg()));
        Assert.Equal(1, ExifOrientation.Read(Png(2, 2)));
        Assert.Equal(1, ExifOrientation.Read([0xFF, 0xD8, 0xFF, 0xE1, 0x00]));
        Assert.Equal(1, ExifOrientation.Read(ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public void Combine_ThreePhotosOneTurned_OnePdfWithThreeA4PagesInOrder()
    {
        var dir = Directory.CreateTempSubdirectory("photopdf-").FullName;
        try
        {
            var paths = new[] { ("p1.jpg", Jpeg()), ("p2.png", Png(30, 20)), ("p3.jpg", Jpeg(6)) }
                .Select(p => { var path = Path.Combine(dir, p.Item1); File.WriteAllBytes(path, p.Item2); return path; }).ToList();
            using var output = new MemoryStream();
            PhotoPdf.Combine(paths, output, "起诉状");
            var bytes = output.ToArray();
            Assert.True(bytes.AsSpan(0, 5).SequenceEqual("%PDF-"u8));
            using var pdf = PdfDocument.Open(bytes);
            Assert.Equal(3, pdf.NumberOfPages);
            Assert.All(pdf.GetPages(), p => Assert.Equal((595, 842), ((int)Math.Round(p.Width), (int)Math.Round(p.Height))));
            Assert.All(pdf.GetPages(), p => Assert.Single(p.GetImages()));
        }
        finally { Directory.Delete(dir, true); }
    }
}
