using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Docket.Web.Features.Calendar;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Courts.Admin;

public sealed record CalendarYearDto(int Year, int Holidays, int Workdays);
public sealed record CalendarImportDto(int Year, int Rows);
public sealed record CalendarRangeDto(DateOnly From, DateOnly To);
public sealed record CalendarHolidayDto(string Name, IReadOnlyList<CalendarRangeDto> Ranges, int Days);
public sealed record CalendarWorkdayDto(DateOnly Date, string Name);

/// <summary>One date whose row differs from what is loaded: <c>added</c>, <c>removed</c> or <c>changed</c>.</summary>
public sealed record CalendarChangeDto(DateOnly Date, string Change, CalendarDayKind? OldKind, string? OldName, CalendarDayKind? NewKind, string? NewName);

/// <summary>
/// What a confirmed import would do. <see cref="Token"/> carries the checked file to the confirmation: the file's
/// text, the year and a fingerprint of that year's rows as loaded now, protected (encrypted and authenticated) with
/// Data Protection for this admin and for <see cref="ImportCalendar.TokenLifetime"/>.
/// </summary>
public sealed record CalendarPreviewDto(int Year, int Holidays, int Workdays, IReadOnlyList<CalendarHolidayDto> HolidayGroups,
    IReadOnlyList<CalendarWorkdayDto> AdjustedWorkdays, int ExistingRows, IReadOnlyList<CalendarChangeDto> Changes, string Token);

/// <summary>
/// Imports the State Council's holiday notice for one year (published each November) in the <c>cn-calendar.csv</c>
/// format, in two steps. <see cref="PreviewAsync"/> checks the whole file (<see cref="CalendarCsv"/>) and reports every
/// bad row (code <c>calendar.csv-invalid</c>, extension <c>rows</c>), or shows what the import would change; it stores
/// nothing. <see cref="ConfirmAsync"/> takes the preview's token, checks the same text again, refuses when the year's
/// rows changed since the preview, replaces that year's rows in one transaction and drops the cached calendar.
/// Only a system admin imports: the calendar is national, every court's deadlines depend on it.
/// </summary>
public sealed class ImportCalendar(DocketDbContext db, CalendarService calendar, IDataProtectionProvider protection)
{
    public const int MaxBytes = 512 * 1024;
    public const int MinYear = CalendarCsv.MinYear;
    public const int MaxYear = CalendarCsv.MaxYear;
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);
    const string Purpose = "Docket.CalendarImport";

    sealed record Pending(int Year, string Text, string Baseline);

    public async Task<IReadOnlyList<CalendarYearDto>> YearsAsync(CancellationToken ct)
    {
        var rows = await db.CalendarDays.AsNoTracking().Select(d => new { d.Date, d.Kind }).ToListAsync(ct);
        return [.. rows.GroupBy(d => d.Date.Year).OrderBy(g => g.Key)
            .Select(g => new CalendarYearDto(g.Key, g.Count(d => d.Kind == CalendarDayKind.Holiday), g.Count(d => d.Kind == CalendarDayKind.Workday)))];
    }

    /// <summary>Step 1: read and check the upload; on success, what would change and the token to confirm it.</summary>
    public async Task<Result<CalendarPreviewDto>> PreviewAsync(CourtManager manager, Stream? content, string? year, CancellationToken ct)
    {
        if (!manager.IsSystemAdmin) return new Error(StatusCodes.Status403Forbidden, "auth.forbidden");
        int? chosen = null;
        if (!string.IsNullOrWhiteSpace(year))
        {
            if (!int.TryParse(year.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y)
                || y is < MinYear or > MaxYear)
                return Error.Validation("year", "calendar.year-invalid");
            chosen = y;
        }
        if (content is null) return Error.Validation("file", "calendar.file-required");
        var buffer = new byte[MaxBytes + 1];
        var length = await content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
        if (length == 0) return Error.Validation("file", "calendar.file-required");
        if (length > MaxBytes) return new Error(StatusCodes.Status413PayloadTooLarge, "calendar.file-too-large",
            new Dictionary<string, string[]> { ["file"] = ["calendar.file-too-large"] });
        string text;
        try { text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, length); }
        catch (DecoderFallbackException) { return Error.Validation("file", "calendar.encoding-invalid"); }

        var checkedFile = Check(text, chosen);
        if (!checkedFile.IsOk) return checkedFile.Error!;
        var report = checkedFile.Value;
        var existing = await ExistingAsync(report.Year!.Value, ct);
        var token = Protector(manager).Protect(JsonSerializer.Serialize(new Pending(report.Year.Value, text, Fingerprint(existing))), TokenLifetime);
        return Preview(report, existing, token);
    }

    /// <summary>Step 2: import what the admin saw in the preview.</summary>
    public async Task<Result<CalendarImportDto>> ConfirmAsync(CourtManager manager, string? token, CancellationToken ct)
    {
        if (!manager.IsSystemAdmin) return new Error(StatusCodes.Status403Forbidden, "auth.forbidden");
        Pending? pending;
        try { pending = string.IsNullOrEmpty(token) ? null : JsonSerializer.Deserialize<Pending>(Protector(manager).Unprotect(token, out _)); }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException) { pending = null; }
        if (pending is null) return Error.Validation("token", "calendar.preview-invalid");

        var checkedFile = Check(pending.Text, pending.Year);
        if (!checkedFile.IsOk) return checkedFile.Error!;
        var rows = checkedFile.Value.Rows;
        var first = new DateOnly(pending.Year, 1, 1);
        var last = new DateOnly(pending.Year, 12, 31);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (Fingerprint(await ExistingAsync(pending.Year, ct)) != pending.Baseline)
                return Error.Conflict("calendar.changed-since-preview");
            await db.CalendarDays.Where(d => d.Date >= first && d.Date <= last).ExecuteDeleteAsync(ct);
            db.CalendarDays.AddRange(rows.Select(r => new CalendarDay { Date = r.Date, Kind = r.Kind, Name = r.Name }));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another import of the same year committed in between (duplicate dates): nothing of this one was kept.
            db.ChangeTracker.Clear();
            return Error.Conflict("calendar.changed-since-preview");
        }
        finally { calendar.Invalidate(); }
        return new CalendarImportDto(pending.Year, rows.Count);
    }

    static Result<CalendarCsvReport> Check(string text, int? year)
    {
        var report = CalendarCsv.Validate(text, year);
        if (report.Errors.Count > 0)
            return Error.Validation("file", "calendar.csv-invalid") with
            {
                Extensions = new Dictionary<string, object?> { ["rows"] = report.Errors },
            };
        if (report.Rows.Count == 0) return Error.Validation("file", "calendar.csv-empty");
        return report;
    }

    async Task<List<CalendarDay>> ExistingAsync(int year, CancellationToken ct)
    {
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        return await db.CalendarDays.AsNoTracking().Where(d => d.Date >= first && d.Date <= last).OrderBy(d => d.Date).ToListAsync(ct);
    }

    static string Fingerprint(IEnumerable<CalendarDay> days) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n",
            days.OrderBy(d => d.Date).Select(d => $"{d.Date:yyyy-MM-dd},{d.Kind},{d.Name}")))));

    ITimeLimitedDataProtector Protector(CourtManager manager) =>
        protection.CreateProtector(Purpose).CreateProtector(manager.User.Id).ToTimeLimitedDataProtector();

    static CalendarPreviewDto Preview(CalendarCsvReport report, List<CalendarDay> existing, string token)
    {
        var rows = report.Rows;
        var before = existing.ToDictionary(d => d.Date);
        var after = rows.ToDictionary(r => r.Date);
        var changes = new List<CalendarChangeDto>();
        foreach (var date in before.Keys.Union(after.Keys).Order())
        {
            var had = before.GetValueOrDefault(date);
            var has = after.GetValueOrDefault(date);
            if (had is null) changes.Add(new(date, "added", null, null, has!.Kind, has.Name));
            else if (has is null) changes.Add(new(date, "removed", had.Kind, had.Name, null, null));
            else if (had.Kind != has.Kind || had.Name != has.Name) changes.Add(new(date, "changed", had.Kind, had.Name, has.Kind, has.Name));
        }
        return new CalendarPreviewDto(report.Year!.Value,
            rows.Count(r => r.Kind == CalendarDayKind.Holiday), rows.Count(r => r.Kind == CalendarDayKind.Workday),
            [.. CalendarCsv.HolidayGroups(rows).Select(g => new CalendarHolidayDto(g.Name, [.. g.Ranges.Select(x => new CalendarRangeDto(x.From, x.To))], g.Days))],
            [.. rows.Where(r => r.Kind == CalendarDayKind.Workday).OrderBy(r => r.Date).Select(r => new CalendarWorkdayDto(r.Date, r.Name))],
            existing.Count, changes, token);
    }
}
