using Docket.Web.Features.Accounts;
using Docket.Web.Features.Filings;
using Docket.Web.Features.Review;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Docket.Web.Pages.Review;

/// <summary>The clerk's queue: what waits for this court, earliest decision deadline first (api.md, "Review").</summary>
[Authorize(Roles = $"{Roles.Clerk},{Roles.CourtAdmin}")]
public sealed class IndexModel(ReviewQueue queue, UserManager<User> users, IStringLocalizer<Messages> l) : PageModel
{
    public const int PageSize = 20;

    /// <summary>Empty: the default "waiting" view (submitted, under review, and what this court must forward).</summary>
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? CaseType { get; set; }
    // Not "page": Razor Pages keeps the page's own path in the route value of that name.
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Page<QueueItemDto> Queue { get; private set; } = new(0, []);
    public string CourtId { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var clerk = await ReviewScope.ClerkAsync(users, User);
        if (!clerk.IsOk) return Forbid();
        CourtId = clerk.Value.CourtId;
        PageNumber = Math.Max(PageNumber, 1);
        var r = await queue.ListAsync(clerk.Value, Blank(Status), Blank(CaseType), PageNumber, PageSize, ct);
        if (r.IsOk) Queue = r.Value;
        else r.Error!.AddTo(ModelState, l);
        return Page();
    }

    public string PageLink(int page) =>
        Url.Page("/Review/Index", new { status = Blank(Status), caseType = Blank(CaseType), p = page })!;

    static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>The rows of the queue or of a search, shared by both pages.</summary>
public sealed record QueueTableModel(IReadOnlyList<QueueItemDto> Items, string CourtId);
