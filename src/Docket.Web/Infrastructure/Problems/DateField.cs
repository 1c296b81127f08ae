using System.Globalization;

namespace Docket.Web.Infrastructure.Problems;

/// <summary>An optional calendar date in a query (<c>from</c>, <c>to</c>): YYYY-MM-DD, or a field error naming it.</summary>
public static class DateField
{
    public static DateOnly? Parse(string? value, string field, FieldErrors e)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        e.Add(field, "date.invalid");
        return null;
    }
}
