using Docket.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Docket.Web.Pages.Account;

/// <summary>Forgotten password: a code to the account's verified phone, then a new password.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Docket.Web.Infrastructure.RateLimits.SignIn)]
public sealed class ResetPasswordModel(SmsSignIn sms, IStringLocalizer<Messages> l) : PageModel
{
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? NewPassword { get; set; }
    public bool CodeSent { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostSendAsync()
    {
        var r = await sms.SendCodeAsync(new SmsSignIn.CodeRequest(Phone, "reset-password"), AccountsModule.ClientAddress(HttpContext), HttpContext.RequestAborted);
        if (!r.IsOk) r.Error!.AddTo(ModelState, l);
        else CodeSent = true;
        return Page();
    }

    public async Task<IActionResult> OnPostResetAsync()
    {
        CodeSent = true;
        var r = await sms.ResetPasswordAsync(new SmsSignIn.ResetRequest(Phone, Code, NewPassword), HttpContext.RequestAborted);
        if (!r.IsOk)
        {
            r.Error!.AddTo(ModelState, l);
            return Page();
        }
        TempData["Flash"] = l["密码已重置，请用新密码登录。"].Value;
        return RedirectToPage("/Account/Login");
    }
}
