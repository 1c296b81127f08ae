using System.Buffers.Binary;
using System.Text;
using PdfSharp.Fonts;

namespace Docket.Web.Features.Notices;

/// <summary>A piece of text that is drawn with one font family.</summary>
public readonly record struct FontRun(string Family, string Text);

/// <summary>
/// Fonts for Chinese notices. PDFsharp (Core build) has no access to system fonts, so a custom
/// <see cref="IFontResolver"/> serves three families from TrueType files:
/// <see cref="MainFamily"/> (AR PL SungtiL GB, a Song face covering GB2312 and Latin) and the Hanazono
/// Mincho fallbacks for rare characters (A: BMP incl. Ext. A, B: Ext. B and beyond).
/// Text is split into runs by looking each code point up in the fonts' own <c>cmap</c> tables.
/// </summary>
public static class CjkFonts
{
    public const string MainFamily = "DocketSong";
    public const string FallbackAFamily = "DocketFallbackA";
    public const string FallbackBFamily = "DocketFallbackB";

    /// <summary>Environment variable naming one more directory searched (first) for the font files.</summary>
    public const string FontPathVariable = "Docket__FontPath";

    internal const string MainFile = "gbsn00lp.ttf";
    internal const string FallbackAFile = "HanaMinA.ttf";
    internal const string FallbackBFile = "HanaMinB.ttf";

    internal static readonly string[] DefaultDirectories =
    [
        "/usr/share/fonts/truetype/arphic-gbsn00lp",
        "/usr/share/fonts/truetype/hanazono",
    ];

    static readonly object Gate = new();
    static volatile FontSet? _fonts;

    /// <summary>
    /// Installs the Docket font resolver as <see cref="GlobalFontSettings.FontResolver"/> once per process.
    /// Idempotent and thread-safe; never throws because fonts are missing (then PDFsharp's bundled Latin
    /// face is served for all families and Chinese characters render as boxes).
    /// </summary>
    public static void Register() => _ = EnsureRegistered();

    /// <summary>True when the main Chinese face (or a substitute CJK face) was found.</summary>
    public static bool MainFontAvailable => EnsureRegistered().MainAvailable;

    /// <summary>One line for the startup log.</summary>
    public static string Describe() => EnsureRegistered().Describe();

    /// <summary>The family that has a glyph for <paramref name="rune"/>: main face, else fallback A, else B, else main.</summary>
    public static string FamilyFor(Rune rune) => EnsureRegistered().FamilyFor(rune);

    /// <summary>Splits <paramref name="text"/> into runs of equal font family (surrogate pairs are never split).</summary>
    public static IReadOnlyList<FontRun> SplitRuns(string text) => EnsureRegistered().SplitRuns(text);

    internal static FontSet Fonts => EnsureRegistered();

    static FontSet EnsureRegistered()
    {
        var fonts = _fonts;
        if (fonts is not null)
            return fonts;
        lock (Gate)
        {
            if (_fonts is not null)
                return _fonts;
            fonts = FontSet.Load(SearchDirectories());
            var resolver = new DocketFontResolver(fonts);
            if (GlobalFontSettings.FontResolver is null)
                GlobalFontSettings.FontResolver = resolver;
            else if (GlobalFontSettings.FontResolver is not DocketFontResolver)
                fonts.Warning = "another PDFsharp font resolver is already installed; Docket font families may not resolve";
            _fonts = fonts;
            return fonts;
        }
    }

    internal static IEnumerable<string> SearchDirectories()
    {
        var custom = Environment.GetEnvironmentVariable(FontPathVariable);
        if (!string.IsNullOrWhiteSpace(custom))
            yield return custom.Trim();
        foreach (var dir in DefaultDirectories)
            yield return dir;
    }
}

/// <summary>The font files found and their character coverage.</summary>
internal sealed class FontSet
{
    FontSet(FontFile? main, FontFile? fallbackA, FontFile? fallbackB, IReadOnlyList<string> searched)
    {
        Main = main;
        FallbackA = fallbackA;
        FallbackB = fallbackB;
        Searched = searched;
    }

    public FontFile? Main { get; }
    public FontFile? FallbackA { get; }
    public FontFile? FallbackB { get; }
    public IReadOnlyList<string> Searched { get; }
    public string? Warning { get; set; }

    /// <summary>The file served for the main family: the Song face, else Hanazono A as a substitute.</summary>
    public FontFile? EffectiveMain => Main ?? FallbackA;

    public bool MainAvailable => EffectiveMain is not null;

    public static FontSet Load(IEnumerable<string> directories)
    {
        var dirs = directories.Where(d => !string.IsNullOrWhiteSpace(d)).Distinct(StringComparer.Ordinal).ToList();
        return new FontSet(
            FontFile.TryLoad(dirs, CjkFonts.MainFile),
            FontFile.TryLoad(dirs, CjkFonts.FallbackAFile),
            FontFile.TryLoad(dirs, CjkFonts.FallbackBFile),
            dirs);
    }

    /// <summary>File for a family (null: serve PDFsharp's bundled Latin face).</summary>
    public FontFile? FileFor(string family) => family switch
    {
        CjkFonts.FallbackAFamily => FallbackA ?? EffectiveMain,
        CjkFonts.FallbackBFamily => FallbackB ?? EffectiveMain,
        _ => EffectiveMain,
    };

    public string FamilyFor(Rune rune)
    {
        var main = EffectiveMain;
        if (main is null || main.Covers(rune.Value))
            return CjkFonts.MainFamily;
        if (Main is not null && FallbackA is not null && FallbackA.Covers(rune.Value))
            return CjkFonts.FallbackAFamily;
        if (FallbackB is not null && FallbackB.Covers(rune.Value))
            return CjkFonts.FallbackBFamily;
        return CjkFonts.MainFamily;
    }

    public IReadOnlyList<FontRun> SplitRuns(string text)
    {
        var runs = new List<FontRun>();
        if (string.IsNullOrEmpty(text))
            return runs;
        var sb = new StringBuilder();
        string? current = null;
        foreach (var rune in text.EnumerateRunes())
        {
            var family = FamilyFor(rune);
            if (current is not null && family != current)
            {
                runs.Add(new FontRun(current, sb.ToString()));
                sb.Clear();
            }
            current = family;
            sb.Append(rune.ToString());
        }
        if (current is not null)
            runs.Add(new FontRun(current, sb.ToString()));
        return runs;
    }

    public string Describe()
    {
        var found = new[] { Main, FallbackA, FallbackB }.Where(f => f is not null).Select(f => f!.Path).ToList();
        string line;
        if (!MainAvailable)
        {
            line = "PDF fonts: no CJK font found (searched " + string.Join(", ", Searched) +
                   "); Chinese text in PDF notices will render as boxes. Install with: apt-get install fonts-arphic-gbsn00lp fonts-hanazono" +
                   $" (or put {CjkFonts.MainFile}, {CjkFonts.FallbackAFile}, {CjkFonts.FallbackBFile} in the directory named by {CjkFonts.FontPathVariable})";
        }
        else
        {
            line = "PDF fonts: " + string.Join(", ", found);
            var missing = new List<string>();
            if (Main is null) missing.Add(CjkFonts.MainFile + " (using " + CjkFonts.FallbackAFile + " as main face)");
            if (FallbackA is null) missing.Add(CjkFonts.FallbackAFile);
            if (FallbackB is null) missing.Add(CjkFonts.FallbackBFile);
            if (missing.Count > 0)
                line += "; missing " + string.Join(", ", missing) + " — rare characters may render as boxes (apt-get install fonts-arphic-gbsn00lp fonts-hanazono)";
        }
        return Warning is null ? line : line + "; " + Warning;
    }
}

/// <summary>A TrueType file and the set of code points its cmap maps to a real glyph.</summary>
internal sealed class FontFile
{
    readonly int[] _starts;
    readonly int[] _ends;

    FontFile(string path, int[] starts, int[] ends)
    {
        Path = path;
        _starts = starts;
        _ends = ends;
    }

    public string Path { get; }

    public int CodePointCount
    {
        get
        {
            var n = 0;
            for (var i = 0; i < _starts.Length; i++)
                n += _ends[i] - _starts[i] + 1;
            return n;
        }
    }

    public bool Covers(int codePoint)
    {
        int lo = 0, hi = _starts.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (codePoint < _starts[mid]) hi = mid - 1;
            else if (codePoint > _ends[mid]) lo = mid + 1;
            else return true;
        }
        return false;
    }

    public byte[] ReadAllBytes() => File.ReadAllBytes(Path);

    public static FontFile? TryLoad(IEnumerable<string> directories, string fileName)
    {
        foreach (var dir in directories)
        {
            var path = System.IO.Path.Combine(dir, fileName);
            if (!File.Exists(path))
                continue;
            try
            {
                return FromFile(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                // Unreadable or not a TrueType file: try the next directory.
            }
        }
        return null;
    }

    public static FontFile FromFile(string path)
    {
        using var stream = File.OpenRead(path);
        var cmap = ReadTable(stream, "cmap") ?? throw new InvalidDataException($"{path}: no cmap table");
        var codePoints = TrueTypeCmap.MappedCodePoints(cmap);
        var (starts, ends) = ToRanges(codePoints);
        return new FontFile(path, starts, ends);
    }

    /// <summary>Reads one table of an sfnt file (a single font, not a .ttc collection).</summary>
    static byte[]? ReadTable(Stream stream, string tag)
    {
        var header = ReadExactly(stream, 0, 12);
        var version = BinaryPrimitives.ReadUInt32BigEndian(header);
        if (version != 0x00010000 && version != 0x74727565 /* 'true' */ && version != 0x4F54544F /* 'OTTO' */)
            throw new InvalidDataException("not a TrueType/OpenType font (collections are not supported)");
        int numTables = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(4));
        var records = ReadExactly(stream, 12, numTables * 16);
        for (var i = 0; i < numTables; i++)
        {
            var rec = records.AsSpan(i * 16, 16);
            if (Encoding.ASCII.GetString(rec[..4]) != tag)
                continue;
            var offset = BinaryPrimitives.ReadUInt32BigEndian(rec[8..]);
            var length = BinaryPrimitives.ReadUInt32BigEndian(rec[12..]);
            if (offset + (long)length > stream.Length || length > int.MaxValue)
                throw new InvalidDataException($"{tag} table outside the file");
            return ReadExactly(stream, offset, (int)length);
        }
        return null;
    }

    static byte[] ReadExactly(Stream stream, long offset, int count)
    {
        var buffer = new byte[count];
        stream.Position = offset;
        stream.ReadExactly(buffer);
        return buffer;
    }

    static (int[] Starts, int[] Ends) ToRanges(List<int> codePoints)
    {
        codePoints.Sort();
        var starts = new List<int>();
        var ends = new List<int>();
        foreach (var cp in codePoints)
        {
            if (ends.Count > 0 && cp <= ends[^1] + 1)
            {
                if (cp > ends[^1]) ends[^1] = cp;
                continue;
            }
            starts.Add(cp);
            ends.Add(cp);
        }
        return (starts.ToArray(), ends.ToArray());
    }
}

/// <summary>Minimal reader of the Unicode subtables (formats 4 and 12) of a TrueType cmap table.</summary>
internal static class TrueTypeCmap
{
    /// <summary>All code points that map to a glyph other than .notdef (0).</summary>
    public static List<int> MappedCodePoints(ReadOnlySpan<byte> cmap)
    {
        var result = new List<int>();
        if (cmap.Length < 4)
            return result;
        int numTables = U16(cmap, 2);
        for (var i = 0; i < numTables; i++)
        {
            var rec = 4 + i * 8;
            if (rec + 8 > cmap.Length)
                break;
            int platform = U16(cmap, rec);
            int encoding = U16(cmap, rec + 2);
            var offset = (int)Math.Min(U32(cmap, rec + 4), int.MaxValue);
            var unicode = platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10));
            if (!unicode || offset + 2 > cmap.Length)
                continue;
            switch (U16(cmap, offset))
            {
                case 4: ReadFormat4(cmap, offset, result); break;
                case 12: ReadFormat12(cmap, offset, result); break;
            }
        }
        return result;
    }

    static void ReadFormat4(ReadOnlySpan<byte> t, int at, List<int> result)
    {
        if (at + 14 > t.Length) return;
        int segCount = U16(t, at + 6) / 2;
        var endCodes = at + 14;
        var startCodes = endCodes + segCount * 2 + 2;
        var idDeltas = startCodes + segCount * 2;
        var idRangeOffsets = idDeltas + segCount * 2;
        if (idRangeOffsets + segCount * 2 > t.Length) return;
        for (var s = 0; s < segCount; s++)
        {
            int end = U16(t, endCodes + s * 2);
            int start = U16(t, startCodes + s * 2);
            int delta = U16(t, idDeltas + s * 2);
            int rangeOffset = U16(t, idRangeOffsets + s * 2);
            for (var c = start; c <= end && c != 0xFFFF; c++)
            {
                int glyph;
                if (rangeOffset == 0)
                {
                    glyph = (c + delta) & 0xFFFF;
                }
                else
                {
                    var addr = idRangeOffsets + s * 2 + rangeOffset + (c - start) * 2;
                    if (addr + 2 > t.Length) break;
                    glyph = U16(t, addr);
                    if (glyph != 0) glyph = (glyph + delta) & 0xFFFF;
                }
                if (glyph != 0)
                    result.Add(c);
            }
        }
    }

    static void ReadFormat12(ReadOnlySpan<byte> t, int at, List<int> result)
    {
        if (at + 16 > t.Length) return;
        var numGroups = U32(t, at + 12);
        for (long g = 0; g < numGroups; g++)
        {
            var rec = at + 16 + (int)(g * 12);
            if (rec + 12 > t.Length) break;
            var start = U32(t, rec);
            var end = Math.Min(U32(t, rec + 4), 0x10FFFFu);
            var startGlyph = U32(t, rec + 8);
            for (var c = start; c <= end; c++)
            {
                if (startGlyph + (c - start) != 0 && (c < 0xD800 || c > 0xDFFF))
                    result.Add((int)c);
            }
        }
    }

    static int U16(ReadOnlySpan<byte> t, int at) => BinaryPrimitives.ReadUInt16BigEndian(t[at..]);
    static uint U32(ReadOnlySpan<byte> t, int at) => BinaryPrimitives.ReadUInt32BigEndian(t[at..]);
}

/// <summary>Serves the Docket families from the font files (or PDFsharp's bundled Segoe WP when none exists).</summary>
internal sealed class DocketFontResolver(FontSet fonts) : IFontResolver
{
    const string BundledFace = "DocketBundledLatin";

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        var face = familyName switch
        {
            CjkFonts.MainFamily or CjkFonts.FallbackAFamily or CjkFonts.FallbackBFamily =>
                fonts.FileFor(familyName) is null ? BundledFace : familyName,
            _ => fonts.EffectiveMain is null ? BundledFace : CjkFonts.MainFamily,
        };
        // The Chinese faces have no bold/italic members: let PDFsharp simulate them.
        return new FontResolverInfo(face, bold, italic);
    }

    public byte[]? GetFont(string faceName)
    {
        if (faceName == BundledFace)
            return PdfSharp.WPFonts.FontDataHelper.SegoeWP;
        var file = fonts.FileFor(faceName);
        return file is null ? PdfSharp.WPFonts.FontDataHelper.SegoeWP : file.ReadAllBytes();
    }
}
