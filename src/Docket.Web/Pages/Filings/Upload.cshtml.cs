using Docket.Web.Features.Accounts;
using Docket.Web.Features.Filings;
using Docket.Web.Infrastructure.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Docket.Web.Pages.Filings;

/// <summary>
/// The page side of an upload. It binds nothing (so MVC never buffers the form) and reads the id from the route,
/// leaving the body to <see cref="UploadDocument"/>, which streams it; the antiforgery token comes in a header.
/// </summary>
[Authorize]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Docket.Web.Infrastructure.RateLimits.Upload)]
public sealed class UploadModel(UploadDocument upload, IStringLocalizer<Messages> l) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Filings/Index");

    // No parameters at all: binding even a CancellationToken makes MVC build its value providers, and the form
    // provider reads (buffers) the whole multipart body before the handler could stream it.
    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        var id = RouteData.Values["id"] as string ?? "";
        // ?photos=1: several photos of one paper, combined into one PDF on the server.
        var r = Request.Query["photos"] == "1"
            ? await upload.ReceivePhotosAsync(User.Id(), id, Request, ct)
            : await upload.HandleAsync(User.Id(), id, Request, ct);
        var wantsJson = Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);
        if (wantsJson)
        {
            if (r.IsOk) return new JsonResult(r.Value) { StatusCode = 201 };
            return r.Error!.ToPageProblem(HttpContext);
        }
        if (r.IsOk) TempData["Flash"] = l["材料已上传。"].Value;
        else if (r.Error!.Status == 404) return NotFound();
        else TempData["Flash"] = l.Text(r.Error.Fields?.Values.FirstOrDefault()?.FirstOrDefault() ?? r.Error.Code);
        // Judicial-aid evidence is uploaded from the status page (also after submission): back there.
        if (Request.Query["back"] == "detail") return Redirect($"/Filings/Detail?id={Uri.EscapeDataString(id)}#judicial-aid");
        return RedirectToPage("/Filings/Edit", new { id, step = "documents" });
    }
}
