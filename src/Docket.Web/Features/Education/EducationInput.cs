using System.Globalization;
using Docket.Web.Infrastructure.Problems;

namespace Docket.Web.Features.Education;

/// <summary>Field checks shared by the education use cases: plain dates, trimmed texts with a length limit.</summary>
static class EducationInput
{
    public static DateOnly? Date(string? s) =>
        DateOnly.TryParseExact(s?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public static DateOnly? RequiredDate(string? s, string field, FieldErrors e)
    {
        var d = Date(s);
        if (d is null) e.Add(field, "education.date-invalid");
        return d;
    }

    public static string Text(string? s, string field, int max, FieldErrors e, bool required = true)
    {
        var t = (s ?? "").Trim();
        if (required && t.Length == 0) e.Add(field, "education.text-required");
        else if (t.Length > max) e.Add(field, "education.text-too-long");
        return t;
    }

    public static string? Optional(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public static double Rate(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);

    public static string NewId() => Guid.CreateVersion7().ToString("N");
}
