using System.Buffers.Binary;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;

namespace Docket.IntegrationTests;

/// <summary>Small, well-formed documents of each accepted type, and the multipart body that uploads one.</summary>
public static class TestFiles
{
    /// <summary>A valid one-page PDF (<c>%PDF-1.4 … %%EOF</c>) with a correct cross-reference table; unique per call.</summary>
    public static byte[] Pdf(string text = "docket")
    {
        var stream = Encoding.ASCII.GetBytes($"BT /F1 18 Tf 72 720 Td ({Ascii(text)} {Guid.NewGuid():N}) Tj ET");
        var objects = new List<byte[]>
        {
            Encoding.ASCII.GetBytes("<< /Type /Catalog /Pages 2 0 R >>"),
            Encoding.ASCII.GetBytes("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            Encoding.ASCII.GetBytes("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"),
            Encoding.ASCII.GetBytes($"<< /Length {stream.Length} >>\nstream\n").Concat(stream).Concat(Encoding.ASCII.GetBytes("\nendstream")).ToArray(),
            Encoding.ASCII.GetBytes("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"),
        };
        var output = new MemoryStream();
        output.Write("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n"u8);
        var offsets = new List<long>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(output.Length);
            output.Write(Encoding.ASCII.GetBytes($"{i + 1} 0 obj\n"));
            output.Write(objects[i]);
            output.Write("\nendobj\n"u8);
        }
        var xref = output.Length;
        var tail = new StringBuilder($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) tail.Append($"{o:D10} 00000 n \n");
        tail.Append($"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        output.Write(Encoding.ASCII.GetBytes(tail.ToString()));
        return output.ToArray();
    }

    /// <summary>A valid PDF followed by random bytes up to <paramref name="bytes"/> in all (readers ignore what follows %%EOF).</summary>
    public static byte[] LargePdf(int bytes)
    {
        var head = Pdf("large");
        var padding = new byte[Math.Max(0, bytes - head.Length)];
        Random.Shared.NextBytes(padding);
        // No '/' or 'P': random bytes must not spell a PDF name (/JS, /Encrypt) or a ZIP record (PK) by chance.
        for (var i = 0; i < padding.Length; i++)
            if (padding[i] is (byte)'/' or (byte)'P') padding[i] = (byte)'-';
        return [.. head, .. padding];
    }

    /// <summary>A valid RGB PNG of w×h red pixels.</summary>
    public static byte[] Png(int w = 2, int h = 2)
    {
        var raw = new MemoryStream();
        for (var y = 0; y < h; y++)
        {
            raw.WriteByte(0); // filter: none
            for (var x = 0; x < w; x++) raw.Write([0xFF, (byte)Random.Shared.Next(256), 0x00]);
        }
        var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) z.Write(raw.ToArray());

        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, w);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), h);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // colour type: RGB
        var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", ihdr);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>
    /// A valid baseline JPEG: one 8×8 grey block (all coefficients zero), with one-symbol Huffman tables, so the
    /// whole scan is a single byte.
    /// </summary>
    public static byte[] Jpeg()
    {
        var j = new MemoryStream();
        j.Write([0xFF, 0xD8]); // SOI
        j.Write([0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
        j.Write([0xFF, 0xDB, 0x00, 0x43, 0x00]); // DQT, table 0, 8-bit
        for (var i = 0; i < 64; i++) j.WriteByte(1);
        j.Write([0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x08, 0x00, 0x08, 0x01, 0x01, 0x11, 0x00]); // SOF0: 8×8, 1 component
        // DHT: DC table 0 and AC table 0, each one code of length 1 (symbol 0: DC category 0 / AC end of block).
        j.Write([0xFF, 0xC4, 0x00, 0x14, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00]);
        j.Write([0xFF, 0xC4, 0x00, 0x14, 0x10, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00]);
        j.Write([0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]); // SOS
        j.WriteByte(0x3F); // DC "0", EOB "0", padded with ones
        j.Write([0xFF, 0xD9]); // EOI
        return j.ToArray();
    }

    /// <summary>An ELF/PE-style executable head: what a renamed program looks like.</summary>
    public static byte[] Executable()
    {
        var b = new byte[4096];
        Random.Shared.NextBytes(b);
        b[0] = (byte)'M';
        b[1] = (byte)'Z';
        b[2] = 0x90;
        b[3] = 0x00;
        return b;
    }

    public static byte[] Text() => Encoding.UTF8.GetBytes("这不是 PDF，只是一段文字。\nJust some plain text, not a document.\n");

    public static MultipartFormDataContent Multipart(string? kind, string? fileName, byte[]? bytes, string mediaType = "application/pdf")
    {
        var form = new MultipartFormDataContent("----docket-it-" + Guid.NewGuid().ToString("N"));
        if (kind is not null) form.Add(new StringContent(kind, Encoding.UTF8), "kind");
        if (bytes is not null)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            form.Add(file, "file", fileName ?? "document");
        }
        return form;
    }

    static void Chunk(Stream s, string type, byte[] data)
    {
        Span<byte> n = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(n, data.Length);
        s.Write(n);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        s.Write(typeBytes);
        s.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(n, Crc32([.. typeBytes, .. data]));
        s.Write(n);
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

    static string Ascii(string s) => new([.. s.Where(c => c is >= ' ' and < (char)127 and not '(' and not ')' and not '\\')]);
}
