using System.Globalization;

namespace Docket.Web.Pages;

/// <summary>How the pages read what people type into the claims fields.</summary>
public static class FormValues
{
    /// <summary>An amount as typed (thousands separators "," or "，" allowed); blank is null; false when it is no number.</summary>
    public static bool TryAmount(string? text, out decimal? amount)
    {
        amount = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!decimal.TryParse(text.Replace(",", "").Replace("，", ""), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign,
                CultureInfo.InvariantCulture, out var a))
            return false;
        amount = a;
        return true;
    }

    /// <summary>One claim per line, blank lines dropped.</summary>
    public static List<string?> Lines(string? text) =>
        [.. (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
}
