using Docket.Web.Features.Accounts;
using Docket.Web.Features.Fees;
using Docket.Web.Infrastructure.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Docket.Web.Pages.Filings;

/// <summary>
/// The page side of a fee voucher upload, like <see cref="UploadModel"/>: it binds nothing, so the body streams
/// into <see cref="UploadFeeVoucher"/> (the script sends the antiforgery token in a header); a plain form works too.
/// </summary>
[Authorize]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Docket.Web.Infrastructure.RateLimits.Upload)]
public sealed class VoucherModel(UploadFeeVoucher voucher, UserManager<User> users, IStringLocalizer<Messages> l) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Filings/Index");

    // No parameters at all: binding even a CancellationToken makes MVC build its value providers, and the form
    // provider reads (buffers) the whole multipart body before the handler could stream it.
    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        var id = RouteData.Values["id"] as string ?? "";
        if (await users.GetUserAsync(User) is not { } owner) return Challenge();
        var r = await voucher.HandleAsync(owner, id, Request, ct);
        if (Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase))
        {
            if (r.IsOk) return new JsonResult(r.Value) { StatusCode = 201 };
            return r.Error!.ToPageProblem(HttpContext);
        }
        if (r.IsOk) TempData["Flash"] = l["交费凭证已上传，等待法院确认。"].Value;
        else if (r.Error!.Status == 404) return NotFound();
        else TempData["FlashError"] = l.Text(r.Error.Fields?.Values.FirstOrDefault()?.FirstOrDefault() ?? r.Error.Code);
        return Redirect($"/Filings/Detail?id={Uri.EscapeDataString(id)}#fee");
    }
}
