using System.Text;

namespace Docket.Web.Features.Notices;

/// <summary>
/// Greedy line breaking for Chinese text mixed with Latin words and numbers.
/// A line may break between any two CJK characters; Latin words and numbers stay together unless one
/// alone is wider than the line; explicit '\n' starts a new line; kinsoku rules keep closing punctuation
/// off the start of a line and opening punctuation off the end of a line. Surrogate pairs are never split.
/// </summary>
public static class ChineseLineBreaker
{
    // Characters that must not start a line (closing brackets, stops, commas, iteration marks, dashes, ellipsis).
    const string NoLineStart =
        "，。、；：？！）》」』】〉〕〗〙〛〞〟”’…‥—–·・ー々〻ゝゞヽヾ～" +
        "！％），．：；？］｝｠｡｣､･ﾞﾟ" +
        ",.;:?!)]}%‰℃°′″";

    // Characters that must not end a line (opening brackets and quotes, currency signs before numbers).
    const string NoLineEnd = "（《「『【〈〔〖〘〚〝“‘([{＜［｛｟｢￥＄£¥$";

    public static bool IsNoLineStart(Rune r) => r.IsBmp && NoLineStart.Contains((char)r.Value);

    public static bool IsNoLineEnd(Rune r) => r.IsBmp && NoLineEnd.Contains((char)r.Value);

    /// <summary>Breaks <paramref name="text"/> into lines no wider than <paramref name="maxWidth"/> where possible.</summary>
    /// <param name="text">Text; '\n' (or "\r\n") forces a line break.</param>
    /// <param name="measure">Width of a string; assumed additive (width of a concatenation = sum of widths).</param>
    /// <param name="maxWidth">Available width.</param>
    public static IReadOnlyList<string> Break(string text, Func<string, double> measure, double maxWidth)
    {
        ArgumentNullException.ThrowIfNull(measure);
        var lines = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            lines.Add(string.Empty);
            return lines;
        }
        foreach (var paragraph in text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n'))
            BreakParagraph(paragraph, measure, maxWidth, lines);
        return lines;
    }

    static void BreakParagraph(string paragraph, Func<string, double> measure, double maxWidth, List<string> lines)
    {
        if (paragraph.Length == 0)
        {
            lines.Add(string.Empty);
            return;
        }
        var segments = Segments(Units(paragraph));
        var line = new StringBuilder();
        var width = 0.0;
        var firstLine = true;

        void Flush()
        {
            lines.Add(firstLine ? line.ToString().TrimEnd() : line.ToString().Trim());
            line.Clear();
            width = 0;
            firstLine = false;
        }

        foreach (var segment in segments)
        {
            var isSpace = IsAllWhiteSpace(segment);
            if (isSpace && line.Length == 0 && !firstLine)
                continue; // no leading blanks on wrapped lines
            var w = measure(segment);
            if (width + w <= maxWidth || (isSpace && line.Length == 0))
            {
                line.Append(segment);
                width += w;
                continue;
            }
            if (isSpace)
            {
                // A blank that does not fit becomes the line break.
                Flush();
                continue;
            }
            if (line.Length > 0 && w <= maxWidth)
            {
                Flush();
                line.Append(segment);
                width = w;
                continue;
            }
            // The segment is wider than a whole line: break inside it, by character.
            if (line.Length > 0 && !IsAllWhiteSpace(line.ToString()))
                Flush();
            else
                line.Clear();
            width = 0;
            foreach (var piece in BreakInside(segment, measure, maxWidth))
            {
                if (line.Length > 0)
                    Flush();
                line.Append(piece.Text);
                width = piece.Width;
            }
        }
        if (line.Length > 0 || firstLine)
            Flush();
    }

    /// <summary>Character-level breaking of an unbreakable segment that is wider than the line.</summary>
    static List<(string Text, double Width)> BreakInside(string segment, Func<string, double> measure, double maxWidth)
    {
        var runes = segment.EnumerateRunes().Select(r => r.ToString()).ToList();
        var widths = runes.Select(measure).ToList();
        var pieces = new List<(string, double)>();
        var start = 0;
        while (start < runes.Count)
        {
            var end = start;
            var width = 0.0;
            while (end < runes.Count && (end == start || width + widths[end] <= maxWidth))
            {
                width += widths[end];
                end++;
            }
            // Kinsoku inside the segment: do not start the next piece with closing punctuation,
            // do not end this piece with opening punctuation, as long as the piece keeps a character.
            while (end < runes.Count && end - start > 1 &&
                   (IsNoLineStart(Rune.GetRuneAt(runes[end], 0)) || IsNoLineEnd(Rune.GetRuneAt(runes[end - 1], 0))))
            {
                end--;
                width -= widths[end];
            }
            pieces.Add((string.Concat(runes.Skip(start).Take(end - start)), width));
            start = end;
        }
        return pieces;
    }

    /// <summary>Atoms of breaking: single CJK characters, Latin words/numbers, runs of white space.</summary>
    static List<string> Units(string paragraph)
    {
        var units = new List<string>();
        var word = new StringBuilder();
        var space = new StringBuilder();
        foreach (var rune in paragraph.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                if (word.Length > 0) { units.Add(word.ToString()); word.Clear(); }
                space.Append(rune.ToString());
                continue;
            }
            if (space.Length > 0) { units.Add(space.ToString()); space.Clear(); }
            if (IsIdeographicUnit(rune))
            {
                if (word.Length > 0) { units.Add(word.ToString()); word.Clear(); }
                units.Add(rune.ToString());
            }
            else
            {
                word.Append(rune.ToString());
            }
        }
        if (word.Length > 0) units.Add(word.ToString());
        if (space.Length > 0) units.Add(space.ToString());
        return units;
    }

    /// <summary>Merges units across positions where kinsoku forbids a break.</summary>
    static List<string> Segments(List<string> units)
    {
        var segments = new List<string>();
        var current = new StringBuilder();
        string? previous = null;
        foreach (var unit in units)
        {
            if (previous is not null && !CanBreakBetween(previous, unit))
            {
                current.Append(unit);
            }
            else
            {
                if (current.Length > 0) segments.Add(current.ToString());
                current.Clear().Append(unit);
            }
            previous = unit;
        }
        if (current.Length > 0) segments.Add(current.ToString());
        return segments;
    }

    static bool CanBreakBetween(string before, string after)
    {
        var isSpaceBefore = IsAllWhiteSpace(before);
        var isSpaceAfter = IsAllWhiteSpace(after);
        if (isSpaceBefore || isSpaceAfter)
            return true; // blanks are break opportunities (and are trimmed at line ends)
        var last = LastRune(before);
        var first = Rune.GetRuneAt(after, 0);
        return !IsNoLineStart(first) && !IsNoLineEnd(last);
    }

    static Rune LastRune(string s) =>
        s.Length >= 2 && char.IsSurrogatePair(s[^2], s[^1]) ? Rune.GetRuneAt(s, s.Length - 2) : new Rune(s[^1]);

    static bool IsAllWhiteSpace(string s)
    {
        foreach (var c in s)
            if (!char.IsWhiteSpace(c))
                return false;
        return s.Length > 0;
    }

    /// <summary>Characters after which a line may break on either side: CJK ideographs, kana, hangul, CJK and full-width punctuation.</summary>
    internal static bool IsIdeographicUnit(Rune r)
    {
        var v = r.Value;
        return v is >= 0x1100 and <= 0x11FF     // Hangul Jamo
            or >= 0x2010 and <= 0x2027           // dashes, quotes, ellipsis
            or >= 0x2030 and <= 0x205E           // per mille, primes, ...
            or >= 0x2E80 and <= 0x2FFF           // radicals, Kangxi, ideographic description
            or >= 0x3000 and <= 0x33FF           // CJK symbols & punctuation, kana, bopomofo, enclosed, compatibility
            or >= 0x3400 and <= 0x4DBF           // Ext. A
            or >= 0x4E00 and <= 0x9FFF           // unified ideographs
            or >= 0xA000 and <= 0xA4CF           // Yi
            or >= 0xAC00 and <= 0xD7AF           // Hangul syllables
            or >= 0xF900 and <= 0xFAFF           // compatibility ideographs
            or >= 0xFE30 and <= 0xFE4F           // CJK compatibility forms
            or >= 0xFF00 and <= 0xFFEF           // half-width and full-width forms
            or >= 0x20000 and <= 0x3FFFF         // Ext. B and beyond
            or 0x00B7;                           // middle dot (name separator)
    }
}
