using Docket.Web.Features.Accounts;
using Docket.Web.Features.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewComponents;

namespace Docket.Web.Pages.Notifications;

/// <summary>The unread count beside "通知" in the top navigation (nothing when there is none).</summary>
public sealed class NotificationBadgeViewComponent(NotificationReads reads, ILogger<NotificationBadgeViewComponent> log) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (User.Identity?.IsAuthenticated != true) return Content("");
        try
        {
            var unread = (await reads.ListAsync(UserClaimsPrincipal.Id(), true, 1, 1, HttpContext.RequestAborted)).Total;
            return unread == 0 ? Content("") : new HtmlContentViewComponentResult(
                new Microsoft.AspNetCore.Html.HtmlString($"<span class=\"badge\">{(unread > 99 ? "99+" : unread.ToString(System.Globalization.CultureInfo.InvariantCulture))}</span>"));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The navigation must render even when the database does not (e.g. on the error page).
            log.LogWarning(e, "Unread notification count unavailable");
            return Content("");
        }
    }
}
