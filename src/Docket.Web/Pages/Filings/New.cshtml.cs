using Docket.Web.Features.Accounts;
using Docket.Web.Features.Courts;
using Docket.Web.Features.Filings;
using Docket.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Docket.Web.Pages.Filings;

/// <summary>Step 1 of the wizard: court and case type (and, optionally, a cooperating court near the filer).</summary>
[Authorize]
public sealed class NewModel(DocketDbContext db, CreateFiling create, UserManager<User> users, IStringLocalizer<Messages> l) : PageModel
{
    [BindProperty] public string? CourtId { get; set; } = "620622";
    [BindProperty] public string? CaseType { get; set; } = "civil-first-instance";
    [BindProperty] public string? CooperatingCourtId { get; set; }
    /// <summary>Makes a double-clicked or re-sent form create one draft, not two.</summary>
    [BindProperty] public string? RequestKey { get; set; }

    public List<Court> Courts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        RequestKey = Guid.NewGuid().ToString("N");
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var owner = await users.GetUserAsync(User);
        if (owner is null) return Challenge();
        var r = await create.HandleAsync(owner, new CreateFiling.Request(CourtId, CaseType, string.IsNullOrEmpty(CooperatingCourtId) ? null : CooperatingCourtId),
            string.IsNullOrEmpty(RequestKey) ? null : "page-" + RequestKey, ct);
        if (!r.IsOk)
        {
            r.Error!.AddTo(ModelState, l);
            await LoadAsync(ct);
            return Page();
        }
        return RedirectToPage("/Filings/Edit", new { id = r.Value.Filing.Id, step = "parties" });
    }

    async Task LoadAsync(CancellationToken ct) =>
        Courts = await db.Courts.AsNoTracking().OrderBy(c => c.Province == "甘肃省" ? 0 : 1).ThenBy(c => c.Id).ToListAsync(ct);
}
