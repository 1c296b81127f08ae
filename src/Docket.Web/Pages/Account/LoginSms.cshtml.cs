using Docket.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Docket.Web.Pages.Account;

/// <summary>Sign-in with a mobile number and an SMS code; the first sign-in creates the filer account.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Docket.Web.Infrastructure.RateLimits.SignIn)]
public sealed class LoginSmsModel(SmsSignIn sms, SignInManager<User> signIn, IStringLocalizer<Messages> l) : PageModel
{
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Code { get; set; }
    public bool CodeSent { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostSendAsync(CancellationToken ct)
    {
        var r = await sms.SendCodeAsync(new SmsSignIn.CodeRequest(Phone, "login"), AccountsModule.ClientAddress(HttpContext), ct);
        if (!r.IsOk) r.Error!.AddTo(ModelState, l);
        else CodeSent = true;
        return Page();
    }

    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken ct)
    {
        CodeSent = true;
        var r = await sms.LoginAsync(new SmsSignIn.LoginRequest(Phone, Code), ct);
        if (!r.IsOk)
        {
            r.Error!.AddTo(ModelState, l);
            if (r.Error!.Extensions?.GetValueOrDefault("attemptsLeft") is int left && left > 0)
                ModelState.AddModelError(nameof(Code), string.Format(System.Globalization.CultureInfo.CurrentCulture, l["还可尝试 {0} 次。"].Value, left));
            return Page();
        }
        if (await signIn.UserManager.IsLockedOutAsync(r.Value))
        {
            ModelState.AddModelError(string.Empty, l.Text("auth.locked-out"));
            return Page();
        }
        await signIn.SignInAsync(r.Value, isPersistent: false);
        var me = r.Value;
        return LocalRedirect(me.ProfileComplete && me.ServiceAddressComplete ? "/Filings" : "/Account/Profile");
    }
}
