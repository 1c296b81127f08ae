using System.Globalization;

namespace Docket.Web.Features.Calendar;

/// <summary>A good row of an uploaded calendar file (1-based line number in the file).</summary>
public sealed record CalendarCsvRow(int Line, DateOnly Date, CalendarDayKind Kind, string Name);

/// <summary>
/// What is wrong with one line: a message code (<c>calendar.row-*</c>, <c>calendar.header-invalid</c>), the text
/// found there (for the admin to recognise the row) and, for a duplicate, the line that listed the date first; for a
/// date outside the year, the year expected.
/// </summary>
public sealed record CalendarRowError(int Line, string Code, string? Value = null, int? Arg = null);

/// <summary>The whole file checked: the year, every good row and every bad one. Valid only with no errors and at least one row.</summary>
public sealed record CalendarCsvReport(int? Year, IReadOnlyList<CalendarCsvRow> Rows, IReadOnlyList<CalendarRowError> Errors)
{
    public bool IsValid => Errors.Count == 0 && Rows.Count > 0;
}

/// <summary>
/// Validates an uploaded calendar file (the <c>cn-calendar.csv</c> format: header <c>date,kind,name</c>) line by
/// line, without stopping at the first bad line, so that the admin gets one report for the whole file. A file is
/// one year's notice: every row must fall in the year the admin chose, or else the year of the first row with a
/// valid date. Tolerates a UTF-8 BOM, CRLF line ends, blank lines, spaces around fields and a quoted name. Pure.
/// </summary>
public static class CalendarCsv
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;
    public const int MaxNameLength = 50;

    public const string HeaderInvalid = "calendar.header-invalid";
    public const string DateInvalid = "calendar.row-date-invalid";
    public const string KindUnknown = "calendar.row-kind-unknown";
    public const string Duplicate = "calendar.row-duplicate";
    public const string WrongYear = "calendar.row-wrong-year";
    public const string NameTooLong = "calendar.row-name-too-long";

    public static CalendarCsvReport Validate(string text, int? year = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rows = new List<CalendarCsvRow>();
        var errors = new List<CalendarRowError>();
        var firstLine = new Dictionary<DateOnly, int>();
        var headerSeen = false;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i].TrimEnd('\r');
            if (i == 0) line = line.TrimStart('\uFEFF');
            if (line.Trim().Length == 0) continue;
            if (!headerSeen)
            {
                headerSeen = true;
                var h = line.Split(',');
                if (h.Length == 3 && h[0].Trim().Equals("date", StringComparison.OrdinalIgnoreCase)
                    && h[1].Trim().Equals("kind", StringComparison.OrdinalIgnoreCase)
                    && h[2].Trim().Equals("name", StringComparison.OrdinalIgnoreCase))
                    continue;
                errors.Add(new CalendarRowError(number, HeaderInvalid, Clip(line)));
                // A file without a header whose first line is a row: check it as a row too, so its errors show.
                if (!DateOnly.TryParseExact(line.Split(',')[0].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)) continue;
            }

            var fields = line.Split(',', 3);
            var dateText = fields[0].Trim();
            var kindText = fields.Length > 1 ? fields[1].Trim() : "";
            var name = fields.Length > 2 ? Unquote(fields[2].Trim()) : "";
            var before = errors.Count;

            var dateOk = DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                && date.Year is >= MinYear and <= MaxYear;
            if (!dateOk) errors.Add(new CalendarRowError(number, DateInvalid, Clip(dateText)));

            CalendarDayKind? kind = kindText.ToLowerInvariant() switch
            {
                "holiday" => CalendarDayKind.Holiday,
                "workday" => CalendarDayKind.Workday,
                _ => null,
            };
            if (kind is null) errors.Add(new CalendarRowError(number, KindUnknown, Clip(kindText)));

            if (name.Length > MaxNameLength) errors.Add(new CalendarRowError(number, NameTooLong, Clip(name)));

            if (dateOk)
            {
                year ??= date.Year;
                if (date.Year != year) errors.Add(new CalendarRowError(number, WrongYear, dateText, year));
                else if (!firstLine.TryAdd(date, number)) errors.Add(new CalendarRowError(number, Duplicate, dateText, firstLine[date]));
            }

            if (errors.Count == before) rows.Add(new CalendarCsvRow(number, date, kind!.Value, name));
        }
        if (!headerSeen) errors.Add(new CalendarRowError(1, HeaderInvalid));
        return new CalendarCsvReport(year, rows, errors);
    }

    /// <summary>Holidays grouped by name (in date order), each name with its runs of consecutive dates.</summary>
    public static IReadOnlyList<(string Name, IReadOnlyList<(DateOnly From, DateOnly To)> Ranges, int Days)> HolidayGroups(IEnumerable<CalendarCsvRow> rows) =>
        [.. rows.Where(r => r.Kind == CalendarDayKind.Holiday).OrderBy(r => r.Date).GroupBy(r => r.Name)
            .Select(g => (g.Key, Runs(g.Select(r => r.Date)), g.Count()))];

    static IReadOnlyList<(DateOnly From, DateOnly To)> Runs(IEnumerable<DateOnly> dates)
    {
        var runs = new List<(DateOnly From, DateOnly To)>();
        foreach (var d in dates.Order())
        {
            if (runs.Count > 0 && runs[^1].To.AddDays(1) == d) runs[^1] = (runs[^1].From, d);
            else runs.Add((d, d));
        }
        return runs;
    }

    static string Unquote(string s) =>
        s.Length >= 2 && s[0] == '"' && s[^1] == '"' ? s[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal).Trim() : s;

    static string Clip(string s) => s.Length <= 60 ? s : s[..60] + "…";
}
