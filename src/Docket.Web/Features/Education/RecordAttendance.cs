using Docket.Web.Features.Organisation;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Docket.Web.Features.Education;

public sealed record RejectedRecord(int Index, string Reason, string Message);

public sealed record AttendanceResult(int Accepted, int Duplicates, List<RejectedRecord> Rejected);

/// <summary>The checks on one attendance record against its event (pure: no database, no HTTP).</summary>
public static class AttendanceRules
{
    /// <summary>The reason a record is refused, or null when it may be counted.</summary>
    public static string? Refusal(TrainingEvent e, int sessionIndex, string? venueId, string? method, int? watchedMinutes)
    {
        if (method is null || !AttendanceMethods.All.Contains(method)) return "method-invalid";
        if (sessionIndex < 0 || sessionIndex >= e.Sessions.Count) return "session-out-of-range";
        var venue = e.Venues.FirstOrDefault(v => v.Id == venueId);
        if (venue is null) return "venue-unknown";
        if (method == AttendanceMethods.Stream && venue.Kind != VenueKinds.Online) return "stream-not-online";
        if (method != AttendanceMethods.Stream && venue.Kind == VenueKinds.Online) return "online-needs-stream";
        if (method == AttendanceMethods.Stream && (watchedMinutes ?? 0) < e.MinWatchMinutes) return "stream-too-short";
        return null;
    }
}

/// <summary>
/// Records attendance in bulk (a venue's roll, the stream's watch log, QR check-ins). Set-based, so that all 5,798
/// officers of the Wuwei training go in one call: the event's officers and existing keys are loaded once, the new
/// rows inserted in one batch. Idempotent per (event, session, officer): a repeat counts as a duplicate.
/// </summary>
public sealed class RecordAttendance(DocketDbContext db, TimeProvider clock, IStringLocalizer<Messages> l)
{
    public const int MaxRecords = 20_000;

    public sealed record Item(string? OfficerId, int? SessionIndex, string? VenueId, string? Method, int? WatchedMinutes);

    public sealed record Request(List<Item?>? Records);

    public async Task<Result<AttendanceResult>> HandleAsync(OrgCaller caller, string eventId, Request? r, CancellationToken ct)
    {
        var found = await TrainingEvents.FindAsync(db, caller, eventId, ct);
        if (!found.IsOk) return found.Error!;
        if (r?.Records is null) return Error.Validation("records", "education.records-required");
        if (r.Records.Count > MaxRecords) return Error.Validation("records", "education.too-many-records");
        return await RecordAsync(caller, found.Value, r.Records, ct);
    }

    /// <summary>
    /// A venue's signed roll from Excel (columns 编号 or officerId; 场次 or session, counted from 1; 会场 or venue, the
    /// venue's id or name), recorded as <c>roll</c>. The same rules as the JSON call; a rejected record's
    /// <c>index</c> is its row in the sheet (the header is row 1). A venue's page may give the session and venue for
    /// rows that leave them blank (a roll signed at one venue for one session lists only officers).
    /// </summary>
    public async Task<Result<AttendanceResult>> ImportAsync(OrgCaller caller, string eventId, HttpRequest request, CancellationToken ct,
        int? defaultSessionIndex = null, string? defaultVenueId = null)
    {
        var found = await TrainingEvents.FindAsync(db, caller, eventId, ct);
        if (!found.IsOk) return found.Error!;
        var e = found.Value;
        var read = await Spreadsheets.ReadAsync(request, ct);
        if (!read.IsOk) return read.Error!;
        var rows = new List<int>();
        var items = new List<Item?>();
        foreach (var (row, i) in read.Value.Select((r, i) => (r, i)))
        {
            var officer = Spreadsheets.Cell(row, "编号", "officerId");
            var session = Spreadsheets.Cell(row, "场次", "session");
            var venue = Spreadsheets.Cell(row, "会场", "venue");
            if (officer.Length == 0 && session.Length == 0 && venue.Length == 0) continue;
            if (venue.Length == 0 && defaultVenueId is not null) venue = defaultVenueId;
            var venueId = e.Venues.FirstOrDefault(v => v.Id == venue || v.Name == venue)?.Id ?? venue;
            int? index = int.TryParse(session, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n - 1
                : session.Length == 0 ? defaultSessionIndex : null;
            rows.Add(i + 2);
            items.Add(new Item(officer.Length == 0 ? null : officer, index, venueId, AttendanceMethods.Roll, null));
        }
        if (items.Count == 0) return Error.Validation("file", "org.import-empty");
        var result = await RecordAsync(caller, e, items, ct);
        return result with { Rejected = [.. result.Rejected.Select(r => r with { Index = rows[r.Index] })] };
    }

    internal async Task<AttendanceResult> RecordAsync(OrgCaller caller, TrainingEvent e, IReadOnlyList<Item?> records, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try { return await TryRecordAsync(caller, e, records, ct); }
            catch (DbUpdateException x) when (attempt == 0 && DbErrors.IsUniqueViolation(x))
            {
                // A concurrent call recorded some of the same officers first: start again from the keys now stored.
                db.ChangeTracker.Clear();
            }
        }
    }

    async Task<AttendanceResult> TryRecordAsync(OrgCaller caller, TrainingEvent e, IReadOnlyList<Item?> records, CancellationToken ct)
    {
        var enrolled = TrainingEvents.EnrolledUnits(caller, e).ToList();
        var officers = (await db.Officers.AsNoTracking().Where(o => enrolled.Contains(o.UnitId)).Select(o => o.Id).ToListAsync(ct)).ToHashSet();
        var outside = records.Where(x => x?.OfficerId is { } id && !officers.Contains(id)).Select(x => x!.OfficerId!).Distinct().ToList();
        var existsElsewhere = new HashSet<string>();
        foreach (var chunk in outside.Chunk(500))
            existsElsewhere.UnionWith(await db.Officers.AsNoTracking().Where(o => chunk.Contains(o.Id)).Select(o => o.Id).ToListAsync(ct));
        var taken = (await db.Attendances.AsNoTracking().Where(a => a.EventId == e.Id).Select(a => new { a.SessionIndex, a.OfficerId }).ToListAsync(ct))
            .Select(a => (a.SessionIndex, a.OfficerId)).ToHashSet();

        var now = ChinaTime.UtcNow(clock);
        var rejected = new List<RejectedRecord>();
        var rows = new List<Attendance>();
        var duplicates = 0;
        for (var i = 0; i < records.Count; i++)
        {
            var x = records[i];
            var reason = x is null ? "record-invalid"
                : x.SessionIndex is not { } si ? "session-out-of-range"
                : AttendanceRules.Refusal(e, si, x.VenueId, x.Method, x.WatchedMinutes)
                  ?? (x.OfficerId is null || (!officers.Contains(x.OfficerId) && !existsElsewhere.Contains(x.OfficerId)) ? "officer-unknown"
                      : !officers.Contains(x.OfficerId) ? "officer-not-enrolled" : null);
            if (reason is not null)
            {
                rejected.Add(new RejectedRecord(i, reason, l.Text("education.attendance." + reason)));
                continue;
            }
            if (!taken.Add((x!.SessionIndex!.Value, x.OfficerId!)))
            {
                duplicates++;
                continue;
            }
            var venue = e.Venues.First(v => v.Id == x.VenueId);
            rows.Add(new Attendance
            {
                EventId = e.Id, SessionIndex = x.SessionIndex.Value, OfficerId = x.OfficerId!, VenueId = venue.Id, VenueKind = venue.Kind,
                Method = x.Method!, WatchedMinutes = x.WatchedMinutes, RecordedAt = now,
            });
        }

        await db.InsertAllAsync(rows, ct);
        return new AttendanceResult(rows.Count, duplicates, rejected);
    }
}
