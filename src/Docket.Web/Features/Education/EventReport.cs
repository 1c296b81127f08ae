using Docket.Web.Features.Filings;
using Docket.Web.Features.Organisation;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Docket.Web.Features.Education;

public sealed record UnitAttendanceDto(string UnitId, string Name, int Expected, int Attended, double Rate, int Absent);

public sealed record VenueAttendanceDto(string VenueId, string Name, string Kind, int Attended, int Records);

public sealed record ChannelAttendanceDto(int Main, int Sub, int Online);

public sealed record EventReportDto(
    string EventId, int Expected, int Attended, double Rate, List<UnitAttendanceDto> ByUnit, List<VenueAttendanceDto> ByVenue,
    ChannelAttendanceDto ByChannel);

/// <summary>
/// Attendance of a training event: an officer attended when present at one or more sessions; rate = attended ÷
/// expected. Per unit (every unit of the enrolled subtrees, its own officers), per venue and per channel (distinct
/// officers each), and the absentees for make-up study. Rows are few (one per officer and session): read once.
/// </summary>
public sealed class EventReport(DocketDbContext db)
{
    sealed record Roll(string Id, string UnitId, string Name);

    public async Task<Result<EventReportDto>> HandleAsync(OrgCaller caller, string eventId, CancellationToken ct)
    {
        var found = await TrainingEvents.FindAsync(db, caller, eventId, ct);
        if (!found.IsOk) return found.Error!;
        return await BuildAsync(caller, found.Value, ct);
    }

    async Task<(List<Roll> Officers, HashSet<string> Enrolled)> RollAsync(OrgCaller caller, TrainingEvent e, CancellationToken ct)
    {
        var enrolled = TrainingEvents.EnrolledUnits(caller, e);
        var list = enrolled.ToList();
        var officers = await db.Officers.AsNoTracking().Where(o => list.Contains(o.UnitId)).OrderBy(o => o.Id)
            .Select(o => new Roll(o.Id, o.UnitId, o.Name)).ToListAsync(ct);
        return (officers, enrolled);
    }

    async Task<EventReportDto> BuildAsync(OrgCaller caller, TrainingEvent e, CancellationToken ct)
    {
        var (officers, enrolled) = await RollAsync(caller, e, ct);
        var rows = await db.Attendances.AsNoTracking().Where(a => a.EventId == e.Id)
            .Select(a => new { a.OfficerId, a.VenueId, a.VenueKind }).ToListAsync(ct);
        // Venues and channels count the caller's officers only, as the units do (a unit admin on a committee event).
        var roll = officers.Select(o => o.Id).ToHashSet();
        rows = [.. rows.Where(r => roll.Contains(r.OfficerId))];
        var present = rows.Select(r => r.OfficerId).ToHashSet();
        var byUnit = OrgTree.Ordered(caller.Units, enrolled).Select(u =>
        {
            var own = officers.Where(o => o.UnitId == u.Id).ToList();
            var attended = own.Count(o => present.Contains(o.Id));
            return new UnitAttendanceDto(u.Id, u.Name, own.Count, attended, EducationInput.Rate(attended, own.Count), own.Count - attended);
        }).ToList();
        var byVenue = e.Venues.Select(v =>
        {
            var at = rows.Where(r => r.VenueId == v.Id).ToList();
            return new VenueAttendanceDto(v.Id, v.Name, v.Kind, at.Select(r => r.OfficerId).Distinct().Count(), at.Count);
        }).ToList();
        int Channel(string kind) => rows.Where(r => r.VenueKind == kind).Select(r => r.OfficerId).Distinct().Count();
        var attendedAll = officers.Count(o => present.Contains(o.Id));
        return new EventReportDto(e.Id, officers.Count, attendedAll, EducationInput.Rate(attendedAll, officers.Count), byUnit, byVenue,
            new ChannelAttendanceDto(Channel(VenueKinds.Main), Channel(VenueKinds.Sub), Channel(VenueKinds.Online)));
    }

    /// <summary>The officers of <paramref name="unitId"/> (its own, not its sub-units; all enrolled when null) who attended no session.</summary>
    public async Task<Result<Page<OfficerDto>>> AbsenteesAsync(OrgCaller caller, string eventId, string? unitId, int page, int pageSize, CancellationToken ct)
    {
        var found = await TrainingEvents.FindAsync(db, caller, eventId, ct);
        if (!found.IsOk) return found.Error!;
        var (officers, enrolled) = await RollAsync(caller, found.Value, ct);
        if (unitId is not null && !enrolled.Contains(unitId)) return Error.Validation("unitId", "education.unit-not-enrolled");
        var present = (await db.Attendances.AsNoTracking().Where(a => a.EventId == eventId).Select(a => a.OfficerId).Distinct().ToListAsync(ct)).ToHashSet();
        var absent = officers.Where(o => (unitId is null || o.UnitId == unitId) && !present.Contains(o.Id)).ToList();
        page = Math.Max(page, 1);
        pageSize = Math.Clamp(pageSize, 1, 100);
        return new Page<OfficerDto>(absent.Count, [.. absent.Skip((page - 1) * pageSize).Take(pageSize).Select(o => new OfficerDto(o.Id, o.Name, o.UnitId))]);
    }

    public const string MediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The report as a workbook for the committee's papers: 按单位, 按会场, 缺席名单 (Chinese headers whatever the language).</summary>
    public async Task<Result<byte[]>> WorkbookAsync(OrgCaller caller, string eventId, CancellationToken ct)
    {
        var found = await TrainingEvents.FindAsync(db, caller, eventId, ct);
        if (!found.IsOk) return found.Error!;
        var report = await BuildAsync(caller, found.Value, ct);
        var (officers, _) = await RollAsync(caller, found.Value, ct);
        var present = (await db.Attendances.AsNoTracking().Where(a => a.EventId == eventId).Select(a => a.OfficerId).Distinct().ToListAsync(ct)).ToHashSet();
        var names = caller.Units.ToDictionary(u => u.Id, u => u.Name);
        var sheets = new Dictionary<string, object>
        {
            ["按单位"] = report.ByUnit.Select(u => new Dictionary<string, object?>
            {
                ["单位"] = u.Name, ["单位代码"] = u.UnitId, ["应到"] = u.Expected, ["实到"] = u.Attended, ["参训率"] = u.Rate, ["缺席"] = u.Absent,
            }).ToList(),
            ["按会场"] = report.ByVenue.Select(v => new Dictionary<string, object?>
            {
                ["会场"] = v.Name, ["类型"] = v.Kind switch { VenueKinds.Main => "主会场", VenueKinds.Sub => "分会场", _ => "网络直播" },
                ["参训人数"] = v.Attended, ["签到人次"] = v.Records,
            }).ToList(),
            ["缺席名单"] = officers.Where(o => !present.Contains(o.Id)).Select(o => new Dictionary<string, object?>
            {
                ["单位"] = names.GetValueOrDefault(o.UnitId, o.UnitId), ["姓名"] = o.Name, ["编号"] = o.Id,
            }).ToList(),
        };
        using var stream = new MemoryStream();
        stream.SaveAs(sheets);
        return stream.ToArray();
    }
}
