using Docket.Web.Features.Organisation;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Docket.Web.Features.Education;

public sealed record TimetableEntryDto(int Weekday, string Mode, string Topic);

public sealed record StudyRecordsResult(int Accepted, List<RejectedRecord> Rejected);

public sealed record ParticipationDto(
    string UnitId, string Name, string From, string To, int MinRecords, int Officers, int Participating, double Rate, List<ParticipationDto> Children);

/// <summary>A unit's weekly study timetable (weekday, mode, topic), replaced as a whole.</summary>
public sealed class Timetable(DocketDbContext db)
{
    public sealed record Item(int? Weekday, string? Mode, string? Topic);

    public async Task<Result<List<TimetableEntryDto>>> GetAsync(OrgCaller caller, string unitId, CancellationToken ct)
    {
        if (!caller.Sees(unitId)) return Error.NotFound();
        return await db.StudyTimetable.AsNoTracking().Where(t => t.UnitId == unitId).OrderBy(t => t.Position)
            .Select(t => new TimetableEntryDto(t.Weekday, t.Mode, t.Topic)).ToListAsync(ct);
    }

    public async Task<Result<List<TimetableEntryDto>>> PutAsync(OrgCaller caller, string unitId, List<Item?>? items, CancellationToken ct)
    {
        if (!caller.Sees(unitId)) return Error.NotFound();
        if (items is null) return Error.Validation("entries", "education.records-required");
        var e = new FieldErrors();
        if (items.Count > 50) e.Add("entries", "education.too-many-items");
        var rows = new List<TimetableEntry>();
        foreach (var (x, i) in items.Select((x, i) => (x, i)))
        {
            if (x?.Weekday is not (>= 1 and <= 7)) e.Add($"[{i}].weekday", "education.weekday-invalid");
            if (x?.Mode is null || !StudyModes.All.Contains(x.Mode)) e.Add($"[{i}].mode", "education.study-mode-invalid");
            var topic = EducationInput.Text(x?.Topic, $"[{i}].topic", 200, e);
            rows.Add(new TimetableEntry { UnitId = unitId, Position = i, Weekday = x?.Weekday ?? 0, Mode = x?.Mode ?? "", Topic = topic });
        }
        if (e.Any) return e.ToError();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.StudyTimetable.Where(t => t.UnitId == unitId).ExecuteDeleteAsync(ct);
        db.StudyTimetable.AddRange(rows);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return rows.Select(t => new TimetableEntryDto(t.Weekday, t.Mode, t.Topic)).ToList();
    }
}

/// <summary>
/// Study records, by an officer for themself (on the phone) or in bulk by a manager for the officers they see.
/// Each record is judged on its own; the good ones are kept, the others come back with a reason.
/// </summary>
public sealed class RecordStudy(DocketDbContext db, TimeProvider clock, IStringLocalizer<Messages> l)
{
    public const int MaxRecords = 20_000;

    public sealed record Item(string? OfficerId, string? Date, string? Mode, int? Minutes, string? Topic);

    public sealed record Request(List<Item?>? Records);

    public async Task<Result<StudyRecordsResult>> HandleAsync(OrgCaller caller, Request? r, CancellationToken ct)
    {
        if (r?.Records is null) return Error.Validation("records", "education.records-required");
        if (r.Records.Count > MaxRecords) return Error.Validation("records", "education.too-many-records");
        HashSet<string> allowed;
        if (caller.IsManager)
        {
            var ids = r.Records.Select(x => x?.OfficerId).OfType<string>().Distinct().ToList();
            var units = caller.Visible.ToList();
            allowed = [];
            foreach (var chunk in ids.Chunk(500))
                allowed.UnionWith(await db.Officers.AsNoTracking().Where(o => chunk.Contains(o.Id) && units.Contains(o.UnitId)).Select(o => o.Id).ToListAsync(ct));
        }
        else
        {
            var own = await db.Officers.AsNoTracking().Where(o => o.UserId == caller.User.Id).Select(o => o.Id).FirstOrDefaultAsync(ct);
            if (own is null) return new Error(403, "education.officer-not-linked");
            allowed = [own];
        }

        var now = ChinaTime.UtcNow(clock);
        var today = ChinaTime.DateOf(now);
        var rejected = new List<RejectedRecord>();
        var rows = new List<StudyRecord>();
        for (var i = 0; i < r.Records.Count; i++)
        {
            var x = r.Records[i];
            var date = EducationInput.Date(x?.Date);
            var topic = (x?.Topic ?? "").Trim();
            var reason = x is null ? "record-invalid"
                : x.OfficerId is null || !allowed.Contains(x.OfficerId) ? "officer-unknown"
                : date is null || date > today ? "date-invalid"
                : x.Mode is null || !StudyModes.All.Contains(x.Mode) ? "mode-invalid"
                : x.Minutes is not (>= 1 and <= 1440) ? "minutes-invalid"
                : topic.Length is 0 or > 200 ? "topic-invalid"
                : null;
            if (reason is not null)
            {
                rejected.Add(new RejectedRecord(i, reason, l.Text("education.study." + reason)));
                continue;
            }
            rows.Add(new StudyRecord
            {
                Id = EducationInput.NewId(),
                OfficerId = x!.OfficerId!,
                Date = date!.Value,
                Mode = x.Mode!,
                Minutes = x.Minutes!.Value,
                Topic = topic,
                RecordedBy = caller.User.Id,
                RecordedAt = now,
            });
        }
        await db.InsertAllAsync(rows, ct);
        return new StudyRecordsResult(rows.Count, rejected);
    }
}

/// <summary>
/// Participation rate (参学率) of a unit for a period: officers with at least <c>minRecords</c> study records ÷ the
/// unit's officers, over the unit's whole subtree; each child unit likewise. Two grouped queries, then the tree.
/// </summary>
public sealed class Participation(DocketDbContext db, TimeProvider clock)
{
    public async Task<Result<ParticipationDto>> HandleAsync(OrgCaller caller, string? unitId, string? from, string? to, int? minRecords, CancellationToken ct)
    {
        var root = EducationInput.Optional(unitId) ?? caller.HomeUnit;
        if (root is null || !caller.Sees(root)) return Error.NotFound();
        var e = new FieldErrors();
        var today = ChinaTime.DateOf(ChinaTime.UtcNow(clock));
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var f = from is null ? monthStart : EducationInput.RequiredDate(from, "from", e);
        var t = to is null ? monthStart.AddMonths(1).AddDays(-1) : EducationInput.RequiredDate(to, "to", e);
        if (f is { } f0 && t is { } t0 && (t0 < f0 || t0.DayNumber - f0.DayNumber > 3 * 366)) e.Add("to", "education.period-invalid");
        var min = minRecords ?? 1;
        if (min is < 1 or > 1000) e.Add("minRecords", "education.min-records-invalid");
        if (e.Any) return e.ToError();

        var subtree = caller.Subtree(root).ToList();
        var officers = await db.Officers.AsNoTracking().Where(o => subtree.Contains(o.UnitId)).GroupBy(o => o.UnitId)
            .Select(g => new { UnitId = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.UnitId, x => x.Count, ct);
        var (fromDate, toDate) = (f!.Value, t!.Value);
        var participating = (await (
                from r in db.StudyRecords
                join o in db.Officers on r.OfficerId equals o.Id
                where r.Date >= fromDate && r.Date <= toDate && subtree.Contains(o.UnitId)
                group r by new { o.Id, o.UnitId } into g
                where g.Count() >= min
                select g.Key.UnitId).ToListAsync(ct))
            .CountBy(u => u).ToDictionary(x => x.Key, x => x.Value);

        var children = caller.Units.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!);
        var names = caller.Units.ToDictionary(u => u.Id, u => u.Name);
        ParticipationDto Node(string id)
        {
            var kids = children[id].OrderBy(c => c.Id, StringComparer.Ordinal).Select(c => Node(c.Id)).ToList();
            var n = officers.GetValueOrDefault(id) + kids.Sum(k => k.Officers);
            var p = participating.GetValueOrDefault(id) + kids.Sum(k => k.Participating);
            return new ParticipationDto(id, names[id], TrainingEventDto.Iso(fromDate), TrainingEventDto.Iso(toDate), min, n, p, EducationInput.Rate(p, n), kids);
        }
        return Node(root);
    }
}
