using Docket.Web.Features.Accounts;
using Docket.Web.Features.Counter;
using Docket.Web.Features.Filings;
using Docket.Web.Features.Review;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Docket.Web.Pages.Counter;

/// <summary>
/// The page side of the counter's uploads, like <see cref="Filings.UploadModel"/>: it binds nothing (so MVC never
/// buffers the form) and reads the id from the route, leaving the body to <see cref="UploadDocument"/> acting for the
/// litigant's counter account. <c>?scans=1</c>: scanned pages of one paper, combined into one PDF.
/// </summary>
[Authorize(Roles = $"{Roles.Clerk},{Roles.CourtAdmin}")]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Docket.Web.Infrastructure.RateLimits.Upload)]
public sealed class ScanModel(DocketDbContext db, UploadDocument upload, UserManager<User> users, IStringLocalizer<Messages> l) : PageModel
{
    public IActionResult OnGet() => Redirect($"/Counter/Filing/{Uri.EscapeDataString(RouteData.Values["id"] as string ?? "")}");

    // No parameters at all: binding even a CancellationToken makes MVC build its value providers, and the form
    // provider reads (buffers) the whole multipart body before the handler could stream it.
    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        var id = RouteData.Values["id"] as string ?? "";
        var clerk = await ReviewScope.ClerkAsync(users, User);
        if (!clerk.IsOk) return Forbid();
        var litigant = await CounterScope.LitigantAsync(db, clerk.Value, id, ct);
        var r = !litigant.IsOk ? litigant.Error!
            : Request.Query["scans"] == "1"
                ? await upload.ReceivePhotosAsync(litigant.Value.Id, id, Request, ct)
                : await upload.HandleAsync(litigant.Value.Id, id, Request, ct);
        if (r.IsOk) TempData["Flash"] = l["材料已上传。"].Value; // shown when the script reloads the page, too
        if (Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase))
            return r.IsOk ? new JsonResult(r.Value) { StatusCode = 201 } : r.Error!.ToPageProblem(HttpContext);
        if (!r.IsOk && r.Error!.Status == 404) return NotFound();
        if (!r.IsOk) TempData["FlashError"] = l.Text(r.Error!.Fields?.Values.FirstOrDefault()?.FirstOrDefault() ?? r.Error.Code);
        return Redirect($"/Counter/Filing/{Uri.EscapeDataString(id)}#documents");
    }
}
