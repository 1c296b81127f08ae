using Docket.Web.Features.Accounts;
using Docket.Web.Features.Filings;
using Docket.Web.Features.Organisation;
using Docket.Web.Features.Screening;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Pages.Filings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Docket.Web.Pages.Screening;

/// <summary>
/// The officer's screening desk (矛盾纠纷排查): the disputes of their units — open high-risk first, flagged after 7
/// days without a follow-up — and the form to log a new one in the field. Admins read every unit's disputes.
/// </summary>
[Authorize(Roles = $"{Roles.Officer},{Roles.Admin}")]
public sealed class IndexModel(DocketDbContext db, DisputeReads reads, LogDispute log, UserManager<User> users, IStringLocalizer<Messages> l) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    [BindProperty(SupportsGet = true, Name = "status")] public string? StatusFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "risk")] public string? RiskFilter { get; set; }

    [BindProperty] public string? UnitId { get; set; }
    [BindProperty] public string? DisputeType { get; set; }
    [BindProperty] public string? Location { get; set; }
    [BindProperty] public string? RiskLevel { get; set; } = RiskLevels.Medium;
    [BindProperty] public string? Summary { get; set; }
    [BindProperty] public List<PartyInput> Parties { get; set; } = [];

    public Page<DisputeDto> Disputes { get; private set; } = new(0, []);
    public List<OrgUnit> Units { get; private set; } = [];
    public bool CanLog { get; private set; }

    public string UnitName(string id) => Units.FirstOrDefault(u => u.Id == id)?.Name ?? id;
    public string TypeLabel(string t) => ScreeningPage.TypeLabel(l, t);
    public string RiskLabel(string r) => ScreeningPage.RiskLabel(l, r);
    public string StatusLabel(string s) => ScreeningPage.StatusLabel(l, s);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var staff = await ScreeningScope.StaffAsync(db, users, User, ct);
        if (!staff.IsOk) return Forbid();
        UnitId = staff.Value.User.UnitId;
        Parties = [new PartyInput { Role = "plaintiff", Kind = "person" }, new PartyInput { Role = "defendant", Kind = "person" }];
        return await LoadAsync(staff.Value, ct) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var officer = await ScreeningScope.OfficerAsync(db, users, User, ct);
        if (!officer.IsOk) return Forbid();
        var r = await log.HandleAsync(officer.Value,
            new LogDispute.Request(UnitId, DisputeType, Location, RiskLevel, Summary, [.. Parties.Select(p => p.ToDto())]), ct);
        if (r.IsOk)
        {
            TempData["Flash"] = l["纠纷已登记，请及时跟进。"].Value;
            return Redirect($"/Screening/Dispute/{Uri.EscapeDataString(r.Value.Id)}");
        }
        r.Error!.AddTo(ModelState, l);
        return await LoadAsync(officer.Value, ct) ?? Page();
    }

    public string PageLink(int page) => Url.Page("/Screening/Index", new { p = page, status = StatusFilter, risk = RiskFilter })!;

    async Task<IActionResult?> LoadAsync(ScreeningStaff staff, CancellationToken ct)
    {
        CanLog = !staff.IsAdmin;
        Units = await ScreeningPage.UnitsAsync(db, staff, ct);
        PageNumber = Math.Max(PageNumber, 1);
        var status = string.IsNullOrWhiteSpace(StatusFilter) ? null : StatusFilter;
        var risk = string.IsNullOrWhiteSpace(RiskFilter) ? null : RiskFilter;
        var list = await reads.ListAsync(staff, null, status, risk, PageNumber, PageSize, ct);
        if (!list.IsOk)
        {
            list.Error!.AddTo(ModelState, l);
            return null;
        }
        Disputes = list.Value;
        if (Parties.Count == 0) Parties = [new PartyInput { Role = "plaintiff", Kind = "person" }, new PartyInput { Role = "defendant", Kind = "person" }];
        return null;
    }
}
