using Docket.Web.Features.Accounts;
using Docket.Web.Features.Filings;
using Docket.Web.Features.Review;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Docket.Web.Pages.Review;

/// <summary>The court's filings by party name, ID number or USCC, receipt number or case number.</summary>
[Authorize(Roles = $"{Roles.Clerk},{Roles.CourtAdmin}")]
public sealed class SearchModel(ReviewQueue queue, UserManager<User> users, IStringLocalizer<Messages> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Page<QueueItemDto>? Results { get; private set; }
    public string CourtId { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var clerk = await ReviewScope.ClerkAsync(users, User);
        if (!clerk.IsOk) return Forbid();
        CourtId = clerk.Value.CourtId;
        if (string.IsNullOrWhiteSpace(Q)) return Page();
        PageNumber = Math.Max(PageNumber, 1);
        var r = await queue.SearchAsync(clerk.Value, Q, PageNumber, IndexModel.PageSize, ct);
        if (r.IsOk) Results = r.Value;
        else r.Error!.AddTo(ModelState, l);
        return Page();
    }

    public string PageLink(int page) => Url.Page("/Review/Search", new { q = Q, p = page })!;
}
