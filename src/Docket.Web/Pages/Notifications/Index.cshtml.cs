using Docket.Web.Features.Accounts;
using Docket.Web.Features.Filings;
using Docket.Web.Features.Notifications;
using Docket.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Docket.Web.Pages.Notifications;

/// <summary>The signed-in user's notifications, newest first.</summary>
[Authorize]
public sealed class IndexModel(NotificationReads reads, TimeProvider clock) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public Page<NotificationDto> Notifications { get; private set; } = new(0, []);
    public bool AnyUnread { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Max(PageNumber, 1);
        Notifications = await reads.ListAsync(User.Id(), false, PageNumber, PageSize, ct);
        AnyUnread = (await reads.ListAsync(User.Id(), true, 1, 1, ct)).Total > 0;
    }

    public async Task<IActionResult> OnPostReadAsync(CancellationToken ct)
    {
        await reads.MarkReadAsync(User.Id(), null, ChinaTime.UtcNow(clock), ct);
        return RedirectToPage();
    }

    /// <summary>Where a notification leads: the filer's filing page, or the review page for court staff.</summary>
    public string? Link(NotificationDto n) => n.FilingId is null ? null
        : User.IsInRole(Roles.Clerk) || User.IsInRole(Roles.CourtAdmin) ? $"/Review/Filing?id={n.FilingId}" : $"/Filings/Detail?id={n.FilingId}";
}
