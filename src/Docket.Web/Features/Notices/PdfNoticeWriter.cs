using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;
using QRCoder;

namespace Docket.Web.Features.Notices;

public enum CellAlign
{
    Left,
    Center,
    Right,
}

/// <summary>
/// Flow-layout builder for A4 court notices (receipts, correction/acceptance/fee notices, rulings).
/// Blocks are added top to bottom; pages break automatically; "第 N 页 共 M 页" is added to every page
/// by <see cref="ToArray"/>. Text is drawn as real (extractable) text, run by run, each run in the face
/// that has its glyphs (<see cref="CjkFonts.SplitRuns"/>).
/// </summary>
public sealed partial class PdfNoticeWriter : IDisposable
{
    const double Mm = 72.0 / 25.4;
    public const double PageWidth = 210 * Mm;
    public const double PageHeight = 297 * Mm;

    const double MarginLeft = 26 * Mm;
    const double MarginRight = 26 * Mm;
    const double MarginTop = 25 * Mm;
    const double MarginBottom = 25 * Mm;
    const double LineSpacing = 1.55;
    const double Ascent = 0.88;
    const double CellPadding = 3;
    const double SealSize = 42 * Mm; // standard round court seal

    static readonly XPdfFontOptions FontOptions = new(PdfFontEncoding.Unicode);
    static readonly XPen RulePen = new(XColors.Black, 0.8);
    static readonly XPen GridPen = new(XColor.FromGrayScale(0.35), 0.5);
    static readonly XBrush HeaderFill = new XSolidBrush(XColor.FromGrayScale(0.92));
    static readonly XBrush TextBrush = XBrushes.Black;
    static readonly XBrush FooterBrush = new XSolidBrush(XColor.FromGrayScale(0.3));

    readonly PdfDocument _doc;
    readonly Dictionary<(string Family, double Size, bool Bold), XFont> _fonts = [];
    readonly Dictionary<(string Text, double Size, bool Bold), double> _widths = [];
    readonly List<IDisposable> _resources = [];
    PdfPage _page = null!;
    XGraphics _gfx = null!;
    double _y;
    string? _footerText;
    bool _hasSupplementary;
    (PdfPage Page, double CenterX, double CenterY)? _signature;
    byte[]? _result;
    bool _disposed;
    readonly bool _cjkAvailable;

    /// <param name="documentTitle">Document title stored in the PDF metadata.</param>
    public PdfNoticeWriter(string documentTitle)
    {
        _cjkAvailable = CjkFonts.MainFontAvailable;
        _doc = new PdfDocument();
        _doc.Info.Title = documentTitle;
        _doc.Info.Creator = "Docket";
        _doc.Info.Subject = documentTitle;
        _doc.Language = "zh-CN";
        NewPage();
    }

    /// <summary>Width available for content.</summary>
    public static double ContentWidth => PageWidth - MarginLeft - MarginRight;

    /// <summary>Number of pages so far.</summary>
    public int PageCount => _doc.PageCount;

    /// <summary>Minimum width of the label column used by <see cref="Field"/>, in em of the field's size.</summary>
    public double FieldLabelEm { get; set; } = 6;

    /// <summary>The court name at the top, centred, with a rule under it.</summary>
    public PdfNoticeWriter CourtHeader(string courtName)
    {
        Centered(courtName, 20, bold: true);
        Space(2);
        EnsureSpace(6);
        _gfx.DrawLine(RulePen, MarginLeft, _y + 2, PageWidth - MarginRight, _y + 2);
        _gfx.DrawLine(RulePen, MarginLeft, _y + 4.5, PageWidth - MarginRight, _y + 4.5);
        _y += 14;
        return this;
    }

    /// <summary>The document title, centred and large.</summary>
    /// <param name="letterSpacingEm">Extra space between characters in em (e.g. 0.3 for "民 事 裁 定 书");
    /// drawn as positioning, so the extracted text has no spaces.</param>
    public PdfNoticeWriter Title(string text, double size = 18, double letterSpacingEm = 0)
    {
        Centered(text, size, bold: true, letterSpacingEm);
        Space(size * 0.6);
        return this;
    }

    /// <summary>A centred line (wrapped if needed), e.g. a subtitle or document number.</summary>
    /// <param name="letterSpacingEm">Extra space between characters in em; see <see cref="Title"/>.</param>
    public PdfNoticeWriter Centered(string text, double size = 11, bool bold = false, double letterSpacingEm = 0)
    {
        var spacing = Math.Max(0, letterSpacingEm) * size;
        // Each character carries its trailing spacing (keeps widths additive for the line breaker);
        // the last character's spacing is not part of the visible line.
        double Width(string s) => Measure(s, size, bold) + (spacing > 0 ? spacing * s.EnumerateRunes().Count() : 0);
        foreach (var line in ChineseLineBreaker.Break(text ?? "", Width, ContentWidth + spacing))
        {
            var h = size * LineSpacing;
            EnsureSpace(h);
            var w = Width(line) - (line.Length > 0 ? spacing : 0);
            var x = MarginLeft + (ContentWidth - w) / 2;
            var baseline = Baseline(_y, size);
            if (spacing == 0)
            {
                DrawText(line, x, baseline, size, bold, TextBrush);
            }
            else
            {
                foreach (var rune in line.EnumerateRunes())
                {
                    var ch = rune.ToString();
                    DrawText(ch, x, baseline, size, bold, TextBrush);
                    x += Measure(ch, size, bold) + spacing;
                }
            }
            _y += h;
        }
        return this;
    }

    /// <summary>A section heading.</summary>
    public PdfNoticeWriter Heading(string text, double size = 12)
    {
        Space(size * 0.4);
        EnsureSpace(size * LineSpacing * 2); // keep a heading with at least one following line
        return Paragraph(text, size, bold: true);
    }

    /// <summary>Wrapped text. Leading ideographic spaces ("　　") indent the first line.</summary>
    public PdfNoticeWriter Paragraph(string text, double size = 11, bool bold = false, CellAlign align = CellAlign.Left)
    {
        foreach (var line in BreakLines(text, ContentWidth, size, bold))
        {
            var h = size * LineSpacing;
            EnsureSpace(h);
            var x = align switch
            {
                CellAlign.Center => MarginLeft + (ContentWidth - Measure(line, size, bold)) / 2,
                CellAlign.Right => MarginLeft + ContentWidth - Measure(line, size, bold),
                _ => MarginLeft,
            };
            DrawText(line, x, Baseline(_y, size), size, bold, TextBrush);
            _y += h;
        }
        return this;
    }

    /// <summary>"label：value" with the value wrapped in the width right of the label column.</summary>
    public PdfNoticeWriter Field(string label, string value, double size = 11)
    {
        var labelText = label.EndsWith('：') || label.EndsWith(':') ? label : label + "：";
        var labelWidth = Math.Max(FieldLabelEm * size, Measure(labelText, size, bold: false));
        labelWidth = Math.Min(labelWidth, ContentWidth / 2);
        var valueWidth = ContentWidth - labelWidth;
        var labelLines = BreakLines(labelText, labelWidth, size, false);
        var valueLines = BreakLines(string.IsNullOrEmpty(value) ? "—" : value, valueWidth, size, false);
        var count = Math.Max(labelLines.Count, valueLines.Count);
        var h = size * LineSpacing;
        EnsureSpace(h * Math.Min(count, 2));
        for (var i = 0; i < count; i++)
        {
            EnsureSpace(h);
            var baseline = Baseline(_y, size);
            if (i < labelLines.Count)
                DrawText(labelLines[i], MarginLeft, baseline, size, false, TextBrush);
            if (i < valueLines.Count)
                DrawText(valueLines[i], MarginLeft + labelWidth, baseline, size, false, TextBrush);
            _y += h;
        }
        return this;
    }

    /// <summary>A bordered table; cell text wraps (long tokens such as hashes break inside the cell).
    /// The header row is repeated after a page break.</summary>
    public PdfNoticeWriter Table(string[] headers, IEnumerable<string[]> rows, double[] relativeWidths,
        double size = 9, CellAlign[]? align = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(relativeWidths);
        if (relativeWidths.Length != headers.Length || relativeWidths.Any(w => w <= 0))
            throw new ArgumentException("one positive relative width per column is required", nameof(relativeWidths));
        var total = relativeWidths.Sum();
        var widths = relativeWidths.Select(w => ContentWidth * w / total).ToArray();
        var lineHeight = size * 1.35;

        List<string>[] Layout(string[] cells, bool bold) =>
            widths.Select((w, c) => BreakLines(c < cells.Length ? cells[c] ?? "" : "", w - 2 * CellPadding, size, bold)).ToArray();

        var headerLines = Layout(headers, true);
        var headerHeight = headerLines.Max(l => l.Count) * lineHeight + 2 * CellPadding;

        void DrawHeader()
        {
            DrawRow(headerLines, 0, headerLines.Max(l => l.Count), widths, size, lineHeight, bold: true, align, fill: true);
            _y += headerHeight;
        }

        Space(2);
        EnsureSpace(headerHeight + lineHeight + 2 * CellPadding);
        DrawHeader();
        var pageCapacity = Math.Max(1, (int)Math.Floor((ContentBottom - MarginTop - headerHeight - 2 * CellPadding) / lineHeight));
        foreach (var row in rows)
        {
            var lines = Layout(row, false);
            var count = Math.Max(1, lines.Max(l => l.Count));
            var start = 0;
            var freshPage = false;
            while (start < count)
            {
                var fit = (int)Math.Floor((ContentBottom - _y - 2 * CellPadding) / lineHeight + 1e-9);
                var remaining = count - start;
                // A row that does not fit moves to the next page, unless it is too tall for any page:
                // then it is split between pages.
                if (!freshPage && fit < remaining && (fit < 1 || remaining <= pageCapacity))
                {
                    NewPage();
                    DrawHeader();
                    freshPage = true;
                    continue;
                }
                var take = Math.Max(1, Math.Min(fit, remaining));
                DrawRow(lines, start, take, widths, size, lineHeight, bold: false, align, fill: false);
                _y += take * lineHeight + 2 * CellPadding;
                start += take;
                freshPage = false;
                if (start < count)
                {
                    NewPage();
                    DrawHeader();
                    freshPage = true;
                }
            }
        }
        Space(size * 0.8);
        return this;
    }

    void DrawRow(List<string>[] cells, int firstLine, int lineCount, double[] widths, double size, double lineHeight,
        bool bold, CellAlign[]? align, bool fill)
    {
        var height = lineCount * lineHeight + 2 * CellPadding;
        var x = MarginLeft;
        for (var c = 0; c < widths.Length; c++)
        {
            if (fill)
                _gfx.DrawRectangle(HeaderFill, x, _y, widths[c], height);
            _gfx.DrawRectangle(GridPen, x, _y, widths[c], height);
            var a = bold ? CellAlign.Center : align is not null && c < align.Length ? align[c] : CellAlign.Left;
            var lines = cells[c];
            for (var i = 0; i < lineCount && firstLine + i < lines.Count; i++)
            {
                var text = lines[firstLine + i];
                var inner = widths[c] - 2 * CellPadding;
                var tx = a switch
                {
                    CellAlign.Center => x + CellPadding + (inner - Measure(text, size, bold)) / 2,
                    CellAlign.Right => x + CellPadding + inner - Measure(text, size, bold),
                    _ => x + CellPadding,
                };
                var top = _y + CellPadding + i * lineHeight;
                DrawText(text, tx, top + (lineHeight - size) / 2 + Ascent * size, size, bold, TextBrush);
            }
            x += widths[c];
        }
    }

    /// <summary>A QR code (QRCoder → PNG → XImage) with a caption wrapped to its right.</summary>
    public PdfNoticeWriter QrCode(string url, string caption, double sizeMm = 28)
    {
        var png = RenderQrPng(url);
        var image = LoadImage(png);
        image.Interpolate = false;
        var side = sizeMm * Mm;
        Space(4);
        EnsureSpace(side);
        _gfx.DrawImage(image, MarginLeft, _y, side, side);
        var captionX = MarginLeft + side + 4 * Mm;
        var captionWidth = ContentWidth - side - 4 * Mm;
        const double size = 9;
        var y = _y + 3 * Mm;
        foreach (var line in BreakLines(caption, captionWidth, size, false))
        {
            if (y + size * LineSpacing > _y + side)
                break;
            DrawText(line, captionX, Baseline(y, size), size, false, TextBrush);
            y += size * LineSpacing;
        }
        _y += side + 4;
        return this;
    }

    internal static byte[] RenderQrPng(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        // Explicit colours make QRCoder write a 1-bit palette PNG, which PDFsharp 6.2 imports
        // (its default 1-bit grayscale PNG is not supported by PDFsharp's PNG importer).
        return new PngByteQRCode(data).GetGraphic(8, [0, 0, 0, 255], [255, 255, 255, 255]);
    }

    /// <summary>Right-aligned signature block: the court name and the date, as at the end of an official document.</summary>
    public PdfNoticeWriter SignatureBlock(string courtName, string date, double size = 12)
    {
        Space(size);
        var h = size * LineSpacing;
        EnsureSpace(2 * h);
        var top = _y;
        var widest = Math.Max(Measure(courtName, size, false), Measure(date, size, false));
        var right = PageWidth - MarginRight - 2 * size;
        var center = right - widest / 2;
        foreach (var line in new[] { courtName, date })
        {
            var w = Measure(line, size, false);
            DrawText(line, center - w / 2, Baseline(_y, size), size, false, TextBrush);
            _y += h;
        }
        _signature = (_page, center, (top + _y) / 2);
        return this;
    }

    /// <summary>The seal image over the signature block when given; otherwise the note "(电子文本，未加盖印章)".</summary>
    public PdfNoticeWriter SealOrNote(byte[]? sealPng)
    {
        if (sealPng is { Length: > 0 })
        {
            var image = LoadImage(sealPng);
            var w = SealSize;
            var h = image.PixelWidth > 0 ? SealSize * image.PixelHeight / image.PixelWidth : SealSize;
            if (_signature is { } s && ReferenceEquals(s.Page, _page))
            {
                _gfx.DrawImage(image, s.CenterX - w / 2, s.CenterY - h / 2, w, h);
                _y = Math.Max(_y, s.CenterY + h / 2);
            }
            else
            {
                EnsureSpace(h);
                _gfx.DrawImage(image, PageWidth - MarginRight - w, _y, w, h);
                _y += h;
            }
            Space(6);
            return this;
        }
        Space(4);
        const double size = 10;
        var note = "(电子文本，未加盖印章)";
        EnsureSpace(size * LineSpacing);
        var noteWidth = Measure(note, size, false);
        var x = _signature is { } sig && ReferenceEquals(sig.Page, _page)
            ? sig.CenterX - noteWidth / 2
            : PageWidth - MarginRight - noteWidth;
        DrawText(note, x, Baseline(_y, size), size, false, TextBrush);
        _y += size * LineSpacing;
        return this;
    }

    /// <summary>Text printed at the bottom of every page, above the page number.</summary>
    public PdfNoticeWriter Footer(string? text)
    {
        _footerText = string.IsNullOrWhiteSpace(text) ? null : text;
        return this;
    }

    /// <summary>Vertical space in points (ignored at the top of a page).</summary>
    public PdfNoticeWriter Space(double points)
    {
        if (_y > MarginTop)
            _y = Math.Min(_y + points, ContentBottom);
        return this;
    }

    /// <summary>Starts a new page unless <paramref name="points"/> of vertical space remain on the current one,
    /// so that a block (e.g. signature and seal) is not split between pages.</summary>
    public PdfNoticeWriter KeepTogether(double points)
    {
        EnsureSpace(points);
        return this;
    }

    /// <summary>Starts a new page.</summary>
    public PdfNoticeWriter PageBreak()
    {
        NewPage();
        return this;
    }

    /// <summary>Finishes the document (page numbers, footer) and returns the PDF bytes.</summary>
    public byte[] ToArray()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_result is not null)
            return (byte[])_result.Clone();
        _gfx.Dispose();
        var total = _doc.PageCount;
        for (var i = 0; i < total; i++)
        {
            using var gfx = XGraphics.FromPdfPage(_doc.Pages[i], XGraphicsPdfPageOptions.Append);
            _gfx = gfx;
            DrawFooter(i + 1, total);
        }
        _gfx = null!;
        using var output = new MemoryStream();
        _doc.Save(output, closeStream: false);
        var bytes = output.ToArray();
        if (_hasSupplementary)
            bytes = FixSupplementaryToUnicode(bytes);
        _result = bytes;
        return (byte[])bytes.Clone();
    }

    void DrawFooter(int page, int total)
    {
        const double size = 9;
        var numberBaseline = PageHeight - 13 * Mm;
        var pageText = string.Create(CultureInfo.InvariantCulture, $"第 {page} 页 共 {total} 页");
        DrawText(pageText, (PageWidth - Measure(pageText, size, false)) / 2, numberBaseline, size, false, FooterBrush);
        if (_footerText is null)
            return;
        var lines = BreakLines(_footerText, ContentWidth, 8, false);
        var baseline = numberBaseline - size * 1.6 - (lines.Count - 1) * 8 * 1.4;
        foreach (var line in lines)
        {
            DrawText(line, (PageWidth - Measure(line, 8, false)) / 2, baseline, 8, false, FooterBrush);
            baseline += 8 * 1.4;
        }
    }

    double ContentBottom => PageHeight - MarginBottom;

    void NewPage()
    {
        if (_result is not null)
            throw new InvalidOperationException("The document is finished.");
        _gfx?.Dispose();
        _page = _doc.AddPage();
        _page.Size = PdfSharp.PageSize.A4;
        _page.Orientation = PdfSharp.PageOrientation.Portrait;
        _gfx = XGraphics.FromPdfPage(_page);
        _y = MarginTop;
    }

    void EnsureSpace(double height)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_result is not null)
            throw new InvalidOperationException("The document is finished.");
        if (_y + height > ContentBottom && _y > MarginTop)
            NewPage();
    }

    static double Baseline(double top, double size) => top + (size * LineSpacing - size) / 2 + Ascent * size;

    List<string> BreakLines(string text, double width, double size, bool bold) =>
        ChineseLineBreaker.Break(text ?? "", s => Measure(s, size, bold), width).ToList();

    XImage LoadImage(byte[] bytes)
    {
        var stream = new MemoryStream(bytes, writable: false);
        _resources.Add(stream);
        XImage image;
        try
        {
            image = XImage.FromStream(stream);
        }
        catch (InvalidOperationException e)
        {
            throw new ArgumentException("Image format not supported by PDFsharp: use JPEG or an 8-bit RGB/RGBA/palette PNG.", nameof(bytes), e);
        }
        _resources.Add(image);
        return image;
    }

    XFont Font(string family, double size, bool bold)
    {
        if (!_fonts.TryGetValue((family, size, bold), out var font))
        {
            font = new XFont(family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, FontOptions);
            _fonts[(family, size, bold)] = font;
        }
        return font;
    }

    /// <summary>Width of <paramref name="text"/> drawn run by run with font fallback.</summary>
    double Measure(string text, double size, bool bold)
    {
        if (string.IsNullOrEmpty(text))
            return 0;
        var key = (text, size, bold);
        if (_widths.TryGetValue(key, out var cached))
            return cached;
        var width = 0.0;
        if (!_cjkAvailable)
        {
            // No CJK font: Chinese characters come out as .notdef boxes that PDFsharp measures too narrow.
            // Count them as 1 em so that lines still stay inside the margins.
            var other = new StringBuilder();
            foreach (var rune in text.EnumerateRunes())
            {
                if (ChineseLineBreaker.IsIdeographicUnit(rune)) width += size;
                else other.Append(rune.ToString());
            }
            text = other.ToString();
        }
        foreach (var run in CjkFonts.SplitRuns(text))
            width += _gfx.MeasureString(run.Text, Font(run.Family, size, bold)).Width;
        if (key.text.Length <= 16)
            _widths[key] = width;
        return width;
    }

    void DrawText(string text, double x, double baseline, double size, bool bold, XBrush brush)
    {
        foreach (var run in CjkFonts.SplitRuns(text))
        {
            var font = Font(run.Family, size, bold);
            _gfx.DrawString(run.Text, font, brush, x, baseline, XStringFormats.BaseLineLeft);
            x += _gfx.MeasureString(run.Text, font).Width;
            if (!_hasSupplementary && run.Text.Any(char.IsSurrogate))
                _hasSupplementary = true;
        }
    }

    /// <summary>
    /// PDFsharp 6.2 writes ToUnicode entries for code points above U+FFFF as bare code points
    /// (e.g. &lt;20BB7&gt;) instead of UTF-16 (&lt;D842DFB7&gt;), so readers extract garbage for
    /// Ext. B characters such as 𠮷. Rewrites those entries; only called when such characters were drawn.
    /// </summary>
    internal static byte[] FixSupplementaryToUnicode(byte[] pdf)
    {
        using var input = new MemoryStream(pdf, writable: false);
        using var doc = PdfReader.Open(input, PdfDocumentOpenMode.Modify);
        var seen = new HashSet<PdfDictionary>(ReferenceEqualityComparer.Instance);
        var changed = false;
        foreach (var page in doc.Pages)
        {
            var fonts = page.Resources.Elements.GetDictionary("/Font");
            if (fonts is null)
                continue;
            foreach (var key in fonts.Elements.Keys)
            {
                var toUnicode = fonts.Elements.GetDictionary(key)?.Elements.GetDictionary("/ToUnicode");
                if (toUnicode?.Stream is null || !seen.Add(toUnicode))
                    continue;
                var cmap = Encoding.ASCII.GetString(toUnicode.Stream.UnfilteredValue);
                var fixedCmap = AstralEntry().Replace(cmap, m =>
                {
                    var utf16 = char.ConvertFromUtf32(int.Parse(m.Groups[2].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    return string.Create(CultureInfo.InvariantCulture, $"{m.Groups[1].Value}<{(int)utf16[0]:X4}{(int)utf16[1]:X4}>");
                });
                if (fixedCmap == cmap)
                    continue;
                toUnicode.Stream.Value = Encoding.ASCII.GetBytes(fixedCmap);
                toUnicode.Elements.Remove(PdfDictionary.PdfStream.Keys.Filter);
                toUnicode.Elements.Remove(PdfDictionary.PdfStream.Keys.DecodeParms);
                toUnicode.Elements.SetInteger(PdfDictionary.PdfStream.Keys.Length, toUnicode.Stream.Length);
                changed = true;
            }
        }
        if (!changed)
            return pdf;
        using var output = new MemoryStream();
        doc.Save(output, closeStream: false);
        return output.ToArray();
    }

    // "<0C1F><0C1F><20BB7>": a bfrange entry whose destination is a 5- or 6-digit code point.
    [GeneratedRegex(@"(<[0-9A-Fa-f]{4}><[0-9A-Fa-f]{4}>)<(1[0-9A-Fa-f]{4}|[2-9A-Fa-f][0-9A-Fa-f]{4}|10[0-9A-Fa-f]{4})>")]
    private static partial Regex AstralEntry();

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _gfx?.Dispose();
        foreach (var r in _resources)
            r.Dispose();
        _doc.Dispose();
    }
}
