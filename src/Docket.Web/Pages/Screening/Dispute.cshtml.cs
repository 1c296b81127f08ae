using System.Globalization;
using Docket.Web.Features.Accounts;
using Docket.Web.Features.Courts;
using Docket.Web.Features.Mediation;
using Docket.Web.Features.Screening;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Docket.Web.Pages.Screening;

/// <summary>
/// One dispute: parties, follow-ups and how it ended; for an open one, the follow-up form and the three ways to end
/// it. Another unit's dispute is not found.
/// </summary>
[Authorize(Roles = $"{Roles.Officer},{Roles.Admin}")]
public sealed class DisputeModel(DocketDbContext db, DisputeReads reads, RecordDisputeAction record, ResolveDispute resolve, MediationReads mediation,
    UserManager<User> users, TimeProvider clock, IStringLocalizer<Messages> l) : PageModel
{
    /// <summary>Local Asia/Shanghai time as a datetime-local input sends it.</summary>
    [BindProperty] public string? At { get; set; }
    [BindProperty] public string? Action { get; set; }
    [BindProperty] public string? Notes { get; set; }
    [BindProperty] public string? How { get; set; }
    [BindProperty] public string? MediationRoomId { get; set; }
    [BindProperty] public string? CourtId { get; set; }
    [BindProperty] public string? ResolutionNotes { get; set; }

    public DisputeDto Dispute { get; private set; } = null!;
    public string UnitName { get; private set; } = "";
    public bool CanAct { get; private set; }
    public List<MediationRoomDto> Rooms { get; private set; } = [];
    public IReadOnlyList<CourtDto> Courts { get; private set; } = [];

    public string TypeLabel(string t) => ScreeningPage.TypeLabel(l, t);
    public string RiskLabel(string r) => ScreeningPage.RiskLabel(l, r);
    public string StatusLabel(string s) => ScreeningPage.StatusLabel(l, s);
    public string CourtName(string? id) => Courts.FirstOrDefault(c => c.Id == id)?.Name ?? id ?? "";
    public string RoomName(string? id) => Rooms.FirstOrDefault(r => r.Id == id)?.Name ?? id ?? "";

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        var staff = await ScreeningScope.StaffAsync(db, users, User, ct);
        if (!staff.IsOk) return Forbid();
        At = ChinaTime.ToLocal(ChinaTime.UtcNow(clock)).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        return await LoadAsync(staff.Value, id, ct) ?? Page();
    }

    public async Task<IActionResult> OnPostActionAsync(string id, CancellationToken ct)
    {
        var officer = await ScreeningScope.OfficerAsync(db, users, User, ct);
        if (!officer.IsOk) return Forbid();
        var r = await record.HandleAsync(officer.Value, id, new RecordDisputeAction.Request(ChinaTime.FromLocalInput(At), Action, Notes), ct);
        return await AfterAsync(officer.Value, id, r, "action", l["已记录跟进情况。"], ct);
    }

    public async Task<IActionResult> OnPostResolveAsync(string id, CancellationToken ct)
    {
        var officer = await ScreeningScope.OfficerAsync(db, users, User, ct);
        if (!officer.IsOk) return Forbid();
        var r = await resolve.HandleAsync(officer.Value, id,
            new ResolveDispute.Request(How, How == ResolveDispute.ToMediation ? MediationRoomId : null, How == ResolveDispute.ToCourt ? CourtId : null, ResolutionNotes), ct);
        return await AfterAsync(officer.Value, id, r, "resolve", l["纠纷已办结。"], ct);
    }

    async Task<IActionResult> AfterAsync(ScreeningStaff officer, string id, Result<DisputeDto> r, string form, string done, CancellationToken ct)
    {
        if (r.IsOk)
        {
            TempData["Flash"] = done;
            return Redirect($"/Screening/Dispute/{Uri.EscapeDataString(id)}");
        }
        if (r.Error!.Status == 404) return NotFound();
        // Field names of the API: "notes" of the resolve form is ResolutionNotes here.
        r.Error.AddTo(ModelState, l, prefix: form == "resolve" ? "resolve" : null);
        return await LoadAsync(officer, id, ct) ?? Page();
    }

    async Task<IActionResult?> LoadAsync(ScreeningStaff staff, string id, CancellationToken ct)
    {
        var d = await reads.GetAsync(staff, id, ct);
        if (!d.IsOk) return NotFound();
        Dispute = d.Value;
        CanAct = !staff.IsAdmin && Dispute.Status == DisputeStatus.Open;
        UnitName = await db.OrgUnits.Where(u => u.Id == Dispute.UnitId).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? Dispute.UnitId;
        Rooms = await mediation.RoomsAsync(ct);
        Courts = [.. (await CourtsModule.ListAsync(db, ct)).Where(c => c.Level == "basic")];
        return null;
    }
}
