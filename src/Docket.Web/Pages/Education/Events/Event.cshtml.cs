using System.Globalization;
using System.Text.Json;
using Docket.Web.Features.Accounts;
using Docket.Web.Features.Education;
using Docket.Web.Features.Filings;
using Docket.Web.Features.Organisation;
using Docket.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace Docket.Web.Pages.Education.Events;

/// <summary>
/// One training event's live dashboard (/Education/Events/{id}): expected, attended and rate, by unit, venue and
/// channel, redrawn by wwwroot/js/education-event.js from <c>?handler=Report</c> every few seconds; absentees per unit
/// for make-up study; the workbook; each venue's signed roll (.xlsx, the same rules as the API's import); and a QR code
/// per session and venue that opens the officer's check-in page. Whoever sees the event (ADR 0006) sees the figures
/// of the units they see.
/// </summary>
[Authorize(Roles = $"{Roles.UnitAdmin},{Roles.CommitteeAdmin},{Roles.Admin}")]
public sealed class EventModel(UserManager<User> users, DocketDbContext db, EventReport reports, RecordAttendance attendance, CheckIn checkIn,
    IStringLocalizer<Messages> l) : PageModel
{
    public const int AbsenteesPageSize = 20;
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [FromRoute] public string Id { get; set; } = "";
    [FromQuery(Name = "unit")] public string? AbsentUnit { get; set; }
    [FromQuery(Name = "page")] public int AbsentPage { get; set; } = 1;

    public TrainingEventDto Event { get; private set; } = null!;
    public EventReportDto Report { get; private set; } = null!;
    public Page<OfficerDto>? Absentees { get; private set; }
    public List<(int Session, EventVenueDto Venue, string Url)> CheckIns { get; } = [];
    /// <summary>The venue whose roll was just uploaded, and what became of it.</summary>
    public string? RollVenue { get; private set; }
    public AttendanceResult? RollResult { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnGetReportAsync(CancellationToken ct)
    {
        var c = await OrgScope.ManagerAsync(users, db, User, ct);
        if (!c.IsOk) return Forbid();
        var r = await reports.HandleAsync(c.Value, Id, ct);
        return r.IsOk ? new JsonResult(r.Value, Json) : r.Error!.ToPageProblem(HttpContext);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var c = await OrgScope.ManagerAsync(users, db, User, ct);
        if (!c.IsOk) return Forbid();
        var r = await reports.WorkbookAsync(c.Value, Id, ct);
        return r.IsOk ? File(r.Value, EventReport.MediaType, $"training-{Id}.xlsx") : NotFound();
    }

    /// <summary>The QR code a venue shows for a session: a fresh token's check-in URL, as a PNG.</summary>
    public async Task<IActionResult> OnGetQrAsync(int? session, string? venue, CancellationToken ct)
    {
        var c = await OrgScope.ManagerAsync(users, db, User, ct);
        if (!c.IsOk) return Forbid();
        var t = await checkIn.TokenAsync(c.Value, Id, session, venue, ct);
        if (!t.IsOk) return t.Error!.Status == 404 ? NotFound() : t.Error.ToPageProblem(HttpContext);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(Absolute(t.Value.Url), QRCodeGenerator.ECCLevel.M);
        Response.Headers.CacheControl = "no-store";
        return File(new PngByteQRCode(data).GetGraphic(6), "image/png");
    }

    /// <summary>A venue's signed roll: rows name the officer (编号), and may name the session (场次) and venue (会场).</summary>
    public async Task<IActionResult> OnPostRollAsync(string? venueId, int? sessionIndex, CancellationToken ct)
    {
        var c = await OrgScope.ManagerAsync(users, db, User, ct);
        if (!c.IsOk) return Forbid();
        var found = await TrainingEvents.FindAsync(db, c.Value, Id, ct);
        if (!found.IsOk) return NotFound();
        RollVenue = venueId;
        if (found.Value.Venues.All(v => v.Id != venueId || v.Kind == VenueKinds.Online))
            ModelState.AddModelError("file", l.Text("education.attendance.venue-unknown"));
        else
        {
            var r = await attendance.ImportAsync(c.Value, Id, Request, ct, sessionIndex, venueId);
            if (r.IsOk) RollResult = r.Value;
            else ModelState.AddModelError("file", l.Text(r.Error!.Fields?.Values.SelectMany(v => v).FirstOrDefault() ?? r.Error.Code));
        }
        return await LoadAsync(ct) ?? Page();
    }

    async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var caller = await OrgScope.ManagerAsync(users, db, User, ct);
        if (!caller.IsOk) return Forbid();
        var c = caller.Value;
        var e = await TrainingEvents.GetAsync(db, c, Id, ct);
        if (!e.IsOk) return NotFound();
        Event = e.Value;
        Report = (await reports.HandleAsync(c, Id, ct)).Value;
        if (AbsentUnit is not null)
        {
            var a = await reports.AbsenteesAsync(c, Id, AbsentUnit, AbsentPage, AbsenteesPageSize, ct);
            if (a.IsOk) Absentees = a.Value;
            else AbsentUnit = null;
        }
        foreach (var (_, i) in Event.Sessions.Select((s, i) => (s, i)))
            foreach (var v in Event.Venues.Where(v => v.Kind != VenueKinds.Online))
                if ((await checkIn.TokenAsync(c, Id, i, v.Id, ct)) is { IsOk: true } t) CheckIns.Add((i, v, t.Value.Url));
        return null;
    }

    string Absolute(string path) => $"{Request.Scheme}://{Request.Host}{Request.PathBase}{path}";

    public string ReportJson() => JsonSerializer.Serialize(new
    {
        report = Report,
        labels = new
        {
            rate = l["参训率"].Value,
            attended = l["实到"].Value,
            expected = l["应到"].Value,
            byUnit = l["各单位参训率"].Value,
            byChannel = l["各渠道参训人数"].Value,
            main = l["主会场"].Value,
            sub = l["分会场"].Value,
            online = l["网络直播"].Value,
        },
    }, Json);

    public string SessionLabel(int index)
    {
        var s = Event.Sessions[index];
        return $"{s.Date} {(s.Part == "am" ? l["上午"] : l["下午"])}";
    }

    public string KindLabel(string kind) => kind switch { VenueKinds.Main => l["主会场"], VenueKinds.Sub => l["分会场"], _ => l["网络直播"] };

    public static string Percent(double rate) => (rate * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
