using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Docket.Web.Features.Calendar;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Courts.Admin;

public sealed record CalendarYearDto(int Year, int Holidays, int Workdays);
public sealed record CalendarImportDto(IReadOnlyList<int> Years, int Rows);

/// <summary>
/// Imports the State Council's holiday notice for a year (published each November) in the <c>cn-calendar.csv</c>
/// format. All or nothing: a bad line is reported with its number and nothing is imported; otherwise the rows of
/// every year in the file replace that year's rows in one transaction, and the cached calendar is dropped.
/// </summary>
public sealed partial class ImportCalendar(DocketDbContext db, CalendarService calendar)
{
    public const int MaxBytes = 512 * 1024;
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    public async Task<IReadOnlyList<CalendarYearDto>> YearsAsync(CancellationToken ct)
    {
        var rows = await db.CalendarDays.AsNoTracking().Select(d => new { d.Date, d.Kind }).ToListAsync(ct);
        return [.. rows.GroupBy(d => d.Date.Year).OrderBy(g => g.Key)
            .Select(g => new CalendarYearDto(g.Key, g.Count(d => d.Kind == CalendarDayKind.Holiday), g.Count(d => d.Kind == CalendarDayKind.Workday)))];
    }

    public async Task<Result<CalendarImportDto>> HandleAsync(CourtManager manager, Stream? content, CancellationToken ct)
    {
        _ = manager; // any court admin or system admin: the calendar is the country's, shared by every court
        if (content is null) return Error.Validation("file", "calendar.file-required");
        var buffer = new byte[MaxBytes + 1];
        var length = await content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
        if (length == 0) return Error.Validation("file", "calendar.file-required");
        if (length > MaxBytes) return new Error(StatusCodes.Status413PayloadTooLarge, "calendar.file-too-large",
            new Dictionary<string, string[]> { ["file"] = ["calendar.file-too-large"] });
        string text;
        try { text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, length); }
        catch (DecoderFallbackException) { return Error.Validation("file", "calendar.encoding-invalid"); }

        try { WorkingCalendar.ParseCsv(text); }
        catch (FormatException e)
        {
            var m = LineRegex().Match(e.Message);
            return Invalid(m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 1, m.Success ? m.Groups[2].Value : e.Message);
        }

        // ParseCsv has checked every line; read them again for the names it does not keep.
        var days = new List<CalendarDay>();
        var lines = text.Split('\n');
        var header = true;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (i == 0) line = line.TrimStart('\uFEFF');
            if (line.Trim().Length == 0) continue;
            if (header) { header = false; continue; }
            var fields = line.Split(',', 3);
            var date = DateOnly.ParseExact(fields[0].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var name = fields.Length > 2 ? fields[2].Trim() : "";
            if (date.Year is < MinYear or > MaxYear) return Invalid(i + 1, $"{date:yyyy-MM-dd} is outside {MinYear}–{MaxYear}");
            if (name.Length > 50) return Invalid(i + 1, "the name is longer than 50 characters");
            days.Add(new CalendarDay
            {
                Date = date,
                Kind = fields[1].Trim().Equals("holiday", StringComparison.OrdinalIgnoreCase) ? CalendarDayKind.Holiday : CalendarDayKind.Workday,
                Name = name,
            });
        }
        if (days.Count == 0) return Error.Validation("file", "calendar.csv-empty");

        var years = days.Select(d => d.Date.Year).Distinct().Order().ToList();
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            foreach (var year in years)
            {
                var first = new DateOnly(year, 1, 1);
                var last = new DateOnly(year, 12, 31);
                await db.CalendarDays.Where(d => d.Date >= first && d.Date <= last).ExecuteDeleteAsync(ct);
            }
            db.CalendarDays.AddRange(days);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        calendar.Invalidate();
        return new CalendarImportDto(years, days.Count);
    }

    static Error Invalid(int line, string reason) =>
        Error.Validation("file", "calendar.csv-invalid") with
        {
            Extensions = new Dictionary<string, object?> { ["line"] = line, ["reason"] = reason },
        };

    [GeneratedRegex(@"line (\d+): (.*?)\.?$")]
    private static partial Regex LineRegex();
}
