using Docket.Web.Features.Accounts;
using Docket.Web.Features.Counter;
using Docket.Web.Features.Courts;
using Docket.Web.Features.Filings;
using Docket.Web.Features.Review;
using Docket.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Docket.Web.Pages.Counter;

/// <summary>
/// The counter's desk (cross-region.md, step 1): what this court's counter entered for walk-in litigants, newest
/// first, and the form that starts a new entry after the clerk has checked the litigant's ID in person.
/// </summary>
[Authorize(Roles = $"{Roles.Clerk},{Roles.CourtAdmin}")]
public sealed class IndexModel(DocketDbContext db, StartCounterFiling start, UserManager<User> users, IStringLocalizer<Messages> l) : PageModel
{
    public const int PageSize = 20;

    // Not "page": Razor Pages keeps the page's own path in the route value of that name.
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    // The names follow the handler's field keys (courtId, caseType, identityChecked, litigant.*), so each message
    // lands next to its input.
    [BindProperty] public string? CourtId { get; set; }
    [BindProperty] public string? CaseType { get; set; } = "civil-first-instance";
    [BindProperty] public bool IdentityChecked { get; set; }
    [BindProperty] public CounterLitigantInput Litigant { get; set; } = new();

    public Page<CounterFilingSummaryDto> Entries { get; private set; } = new(0, []);
    public List<Court> Courts { get; private set; } = [];
    public string OwnCourtId { get; private set; } = "";

    public string CourtName(string id) => Courts.FirstOrDefault(c => c.Id == id)?.Name ?? id;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var clerk = await ReviewScope.ClerkAsync(users, User);
        if (!clerk.IsOk) return Forbid();
        CourtId = clerk.Value.CourtId;
        await LoadAsync(clerk.Value, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var clerk = await ReviewScope.ClerkAsync(users, User);
        if (!clerk.IsOk) return Forbid();
        var r = await start.HandleAsync(clerk.Value, new StartCounterFiling.Request(CourtId, CaseType, IdentityChecked, Litigant.ToRequest()), ct);
        if (r.IsOk)
        {
            TempData["Flash"] = l["已为当事人建立立案草稿，请录入起诉内容并扫描材料。"].Value;
            return Redirect($"/Counter/Filing/{Uri.EscapeDataString(r.Value.Id)}");
        }
        r.Error!.AddTo(ModelState, l);
        await LoadAsync(clerk.Value, ct);
        return Page();
    }

    public string PageLink(int page) => Url.Page("/Counter/Index", new { p = page })!;

    async Task LoadAsync(Clerk clerk, CancellationToken ct)
    {
        OwnCourtId = clerk.CourtId;
        PageNumber = Math.Max(PageNumber, 1);
        Entries = await CounterScope.ListAsync(db, clerk, PageNumber, PageSize, ct);
        // The counter's own court first (the usual case), then its province, then the rest.
        var province = await db.Courts.AsNoTracking().Where(c => c.Id == clerk.CourtId).Select(c => c.Province).FirstOrDefaultAsync(ct);
        Courts = await db.Courts.AsNoTracking()
            .OrderBy(c => c.Id == clerk.CourtId ? 0 : c.Province == province ? 1 : 2).ThenBy(c => c.Id).ToListAsync(ct);
    }
}

/// <summary>The walk-in litigant as the clerk types them from the ID document.</summary>
public sealed class CounterLitigantInput
{
    public string? Name { get; set; }
    public string? IdType { get; set; } = "resident-id";
    public string? IdNumber { get; set; }
    public string? Phone { get; set; }
    public string? PostalAddress { get; set; }
    public bool? ElectronicServiceConsent { get; set; }

    public StartCounterFiling.Litigant ToRequest() => new(Name, IdType, IdNumber, Phone, PostalAddress, ElectronicServiceConsent);
}
