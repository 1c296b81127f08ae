using Docket.Web.Features.Filings;
using Docket.Web.Features.Organisation;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Education;

public sealed record EventSessionDto(string Date, string Part);

public sealed record EventVenueDto(string Id, string Name, string Kind, string? Location, int? Capacity);

public sealed record TrainingEventDto(
    string Id, string Title, string StartDate, string EndDate, List<EventSessionDto> Sessions, List<EventVenueDto> Venues,
    List<string> UnitIds, int MinWatchMinutes, int Expected)
{
    public static TrainingEventDto From(TrainingEvent e, int expected) => new(
        e.Id, e.Title, Iso(e.StartDate), Iso(e.EndDate), [.. e.Sessions.Select(s => new EventSessionDto(Iso(s.Date), s.Part))],
        [.. e.Venues.Select(v => new EventVenueDto(v.Id, v.Name, v.Kind, v.Location, v.Capacity))], e.UnitIds, e.MinWatchMinutes, expected);

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Which training events a caller sees (ADR 0006): those run by a unit they see, and those that enrol a unit they
/// see (a committee-run event that enrols a court is the court's admin's too, with figures for their units only).
/// </summary>
public static class TrainingEvents
{
    /// <summary>The rule in memory: events are few, and the enrolled units are a list column SQL cannot search portably.</summary>
    public static bool Sees(OrgCaller c, TrainingEvent e) =>
        c.Sees(e.OwnerUnitId) || e.UnitIds.Any(u => c.Sees(u) || c.Subtree(u).Overlaps(c.Visible));

    public static async Task<Result<TrainingEvent>> FindAsync(DocketDbContext db, OrgCaller c, string id, CancellationToken ct) =>
        await db.TrainingEvents.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct) is { } e && Sees(c, e) ? e : Error.NotFound();

    /// <summary>The expected audience as far as the caller sees it: every unit in the enrolled subtrees that they see.</summary>
    public static HashSet<string> EnrolledUnits(OrgCaller c, TrainingEvent e) =>
        e.UnitIds.SelectMany(c.Subtree).Where(c.Visible.Contains).ToHashSet();

    public static Task<int> ExpectedAsync(DocketDbContext db, IReadOnlySet<string> units, CancellationToken ct)
    {
        var list = units.ToList();
        return db.Officers.CountAsync(o => list.Contains(o.UnitId), ct);
    }

    public static async Task<Result<TrainingEventDto>> GetAsync(DocketDbContext db, OrgCaller c, string id, CancellationToken ct)
    {
        var e = await FindAsync(db, c, id, ct);
        if (!e.IsOk) return e.Error!;
        return TrainingEventDto.From(e.Value, await ExpectedAsync(db, EnrolledUnits(c, e.Value), ct));
    }

    public static async Task<Page<TrainingEventDto>> ListAsync(DocketDbContext db, OrgCaller c, int page, int pageSize, CancellationToken ct)
    {
        page = Math.Max(page, 1);
        pageSize = Math.Clamp(pageSize, 1, 100);
        var all = (await db.TrainingEvents.AsNoTracking().ToListAsync(ct)).Where(e => Sees(c, e)).ToList();
        var total = all.Count;
        var rows = all.OrderByDescending(e => e.StartDate).ThenByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id, StringComparer.Ordinal)
            .Skip((page - 1) * pageSize).Take(pageSize).ToList();
        var items = new List<TrainingEventDto>();
        foreach (var e in rows) items.Add(TrainingEventDto.From(e, await ExpectedAsync(db, EnrolledUnits(c, e), ct)));
        return new Page<TrainingEventDto>(total, items);
    }
}

/// <summary>A manager sets up a training event: sessions (half-days), venues and the enrolled units.</summary>
public sealed class CreateEvent(DocketDbContext db, TimeProvider clock)
{
    public sealed record SessionInput(string? Date, string? Part);

    public sealed record VenueInput(string? Name, string? Kind, string? Location, int? Capacity);

    public sealed record Request(
        string? Title, string? StartDate, string? EndDate, List<SessionInput?>? Sessions, List<VenueInput?>? Venues, List<string?>? UnitIds,
        int? MinWatchMinutes);

    public async Task<Result<TrainingEventDto>> HandleAsync(OrgCaller caller, Request? r, CancellationToken ct)
    {
        if (r is null) return Error.BadRequest("request.malformed");
        var e = new FieldErrors();
        var title = EducationInput.Text(r.Title, "title", 200, e);
        var start = EducationInput.RequiredDate(r.StartDate, "startDate", e);
        var end = EducationInput.RequiredDate(r.EndDate, "endDate", e);
        if (start is { } s0 && end is { } e0 && e0 < s0) e.Add("endDate", "education.end-before-start");

        var sessions = new List<EventSession>();
        if (r.Sessions is not { Count: > 0 }) e.Add("sessions", "education.sessions-required");
        else if (r.Sessions.Count > 100) e.Add("sessions", "education.too-many-items");
        else
            foreach (var (si, i) in r.Sessions.Select((x, i) => (x, i)))
            {
                var date = EducationInput.RequiredDate(si?.Date, $"sessions[{i}].date", e);
                var part = si?.Part;
                if (part is not ("am" or "pm")) e.Add($"sessions[{i}].part", "education.session-part-invalid");
                if (date is { } d0 && start is { } s && end is { } en && (d0 < s || d0 > en)) e.Add($"sessions[{i}].date", "education.session-outside-dates");
                if (date is not { } d || part is not ("am" or "pm")) continue;
                if (sessions.Any(x => x.Date == d && x.Part == part)) e.Add($"sessions[{i}]", "education.session-duplicate");
                sessions.Add(new EventSession(d, part));
            }

        var venues = new List<EventVenue>();
        if (r.Venues is not { Count: > 0 }) e.Add("venues", "education.main-venue-one");
        else if (r.Venues.Count > 200) e.Add("venues", "education.too-many-items");
        else
        {
            foreach (var (v, i) in r.Venues.Select((x, i) => (x, i)))
            {
                var name = EducationInput.Text(v?.Name, $"venues[{i}].name", 200, e);
                var kind = v?.Kind ?? "";
                if (!VenueKinds.All.Contains(kind)) e.Add($"venues[{i}].kind", "education.venue-kind-invalid");
                var location = EducationInput.Text(v?.Location, $"venues[{i}].location", 200, e, required: false);
                if (v?.Capacity is < 1) e.Add($"venues[{i}].capacity", "education.capacity-invalid");
                // Venue ids are the event's own (attendance is keyed by event): short enough to print beside a QR code.
                venues.Add(new EventVenue("v" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), name, kind, location.Length == 0 ? null : location, v?.Capacity));
            }
            if (venues.Count(v => v.Kind == VenueKinds.Main) != 1) e.Add("venues", "education.main-venue-one");
            if (venues.Count(v => v.Kind == VenueKinds.Online) > 1) e.Add("venues", "education.online-venue-at-most-one");
        }

        var units = new List<string>();
        if (r.UnitIds is not { Count: > 0 }) e.Add("unitIds", "education.units-required");
        else
            foreach (var (u, i) in r.UnitIds.Select((x, i) => (x, i)))
            {
                // Units the caller does not see are as unknown as units that do not exist.
                if (u is null || !caller.Sees(u)) e.Add($"unitIds[{i}]", "education.unit-unknown");
                else if (!units.Contains(u)) units.Add(u);
            }
        var minWatch = r.MinWatchMinutes ?? 30;
        if (minWatch is < 1 or > 600) e.Add("minWatchMinutes", "education.min-watch-invalid");
        if (e.Any) return e.ToError();

        var ev = new TrainingEvent
        {
            Id = EducationInput.NewId(), Title = title, StartDate = start!.Value, EndDate = end!.Value, OwnerUnitId = caller.HomeUnit!,
            MinWatchMinutes = minWatch, Sessions = sessions, Venues = venues, UnitIds = units, CreatedBy = caller.User.Id,
            CreatedAt = ChinaTime.UtcNow(clock),
        };
        db.TrainingEvents.Add(ev);
        await db.SaveChangesAsync(ct);
        return TrainingEventDto.From(ev, await TrainingEvents.ExpectedAsync(db, TrainingEvents.EnrolledUnits(caller, ev), ct));
    }
}
