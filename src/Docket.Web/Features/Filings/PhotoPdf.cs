using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Docket.Web.Features.Filings;

/// <summary>
/// Several photographs of one paper (a complaint's pages taken with a phone) combined into one PDF, one A4 page
/// per photo in the order given, each turned upright by its EXIF orientation and scaled to fit with a margin.
/// </summary>
public static class PhotoPdf
{
    const double Mm = 72 / 25.4;
    const double PageWidth = 210 * Mm, PageHeight = 297 * Mm, Margin = 10 * Mm;

    public static void Combine(IReadOnlyList<string> imagePaths, Stream output, string title)
    {
        using var doc = new PdfDocument();
        doc.Info.Title = title;
        doc.Info.Creator = "Docket";
        foreach (var path in imagePaths)
        {
            var orientation = ExifOrientation.Read(path);
            using var image = XImage.FromFile(path);
            var page = doc.AddPage();
            page.Width = XUnit.FromPoint(PageWidth);
            page.Height = XUnit.FromPoint(PageHeight);
            using var g = XGraphics.FromPdfPage(page);
            // Orientations 5–8 turn the picture by a quarter: width and height swap on the page.
            var quarter = orientation is >= 5 and <= 8;
            double w = image.PointWidth, h = image.PointHeight;
            double shownW = quarter ? h : w, shownH = quarter ? w : h;
            var scale = Math.Min((PageWidth - 2 * Margin) / shownW, (PageHeight - 2 * Margin) / shownH);
            g.TranslateTransform(PageWidth / 2, PageHeight / 2);
            switch (orientation)
            {
                case 2: g.ScaleTransform(-1, 1); break;
                case 3: g.RotateTransform(180); break;
                case 4: g.ScaleTransform(1, -1); break;
                case 5: g.RotateTransform(90); g.ScaleTransform(1, -1); break;
                case 6: g.RotateTransform(90); break;
                case 7: g.RotateTransform(-90); g.ScaleTransform(1, -1); break;
                case 8: g.RotateTransform(-90); break;
            }
            g.DrawImage(image, -w * scale / 2, -h * scale / 2, w * scale, h * scale);
        }
        doc.Save(output, closeStream: false);
    }
}

/// <summary>The EXIF Orientation tag (0x0112) of a JPEG, 1 (upright) when absent or unreadable.</summary>
public static class ExifOrientation
{
    public static int Read(string path)
    {
        using var f = File.OpenRead(path);
        var head = new byte[Math.Min(f.Length, 128 * 1024)];
        f.ReadExactly(head);
        return Read(head);
    }

    public static int Read(ReadOnlySpan<byte> jpeg)
    {
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8) return 1;
        var i = 2;
        while (i + 4 <= jpeg.Length && jpeg[i] == 0xFF)
        {
            var marker = jpeg[i + 1];
            var length = (jpeg[i + 2] << 8) | jpeg[i + 3];
            if (marker == 0xDA || length < 2) break; // start of scan: no more metadata
            if (marker == 0xE1 && i + 4 + length - 2 <= jpeg.Length)
            {
                var app1 = jpeg.Slice(i + 4, length - 2);
                if (app1.Length > 14 && app1[..6].SequenceEqual("Exif\0\0"u8)) return FromTiff(app1[6..]);
            }
            i += 2 + length;
        }
        return 1;
    }

    static int FromTiff(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length < 8) return 1;
        var little = tiff[0] == (byte)'I';
        var ifd = U32(tiff, 4, little);
        var count = U16(tiff, ifd, little);
        if (ifd < 0 || count < 0) return 1;
        for (var e = 0; e < count; e++)
        {
            var at = ifd + 2 + e * 12;
            if (U16(tiff, at, little) == 0x0112)
            {
                var value = U16(tiff, at + 8, little);
                return value is >= 1 and <= 8 ? value : 1;
            }
        }
        return 1;
    }

    static int U16(ReadOnlySpan<byte> t, int at, bool little) =>
        at < 0 || at + 2 > t.Length ? -1 : little ? t[at] | t[at + 1] << 8 : t[at] << 8 | t[at + 1];

    static int U32(ReadOnlySpan<byte> t, int at, bool little) =>
        at < 0 || at + 4 > t.Length ? -1 : little
            ? t[at] | t[at + 1] << 8 | t[at + 2] << 16 | t[at + 3] << 24
            : t[at] << 24 | t[at + 1] << 16 | t[at + 2] << 8 | t[at + 3];
}
