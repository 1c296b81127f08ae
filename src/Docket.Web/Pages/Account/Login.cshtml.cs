using Docket.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Docket.Web.Pages.Account;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Docket.Web.Infrastructure.RateLimits.SignIn)]
public sealed class LoginModel(SignInManager<User> signIn, IStringLocalizer<Messages> l) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() { }

    /// <summary>
    /// Staff start at their workbench (clerks the review queue, mediators their room, committee and unit admins the
    /// education overview, officers their screening), filers at their filings.
    /// </summary>
    public static string Landing(IList<string> roles) =>
        roles.Contains(Roles.Clerk) || roles.Contains(Roles.CourtAdmin) ? "/Review"
        : roles.Contains(Roles.Mediator) ? "/Mediation"
        : roles.Contains(Roles.CommitteeAdmin) || roles.Contains(Roles.UnitAdmin) ? "/Education"
        : roles.Contains(Roles.Officer) ? "/Screening"
        : "/Filings";

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email)) ModelState.AddModelError(nameof(Email), l.Text("auth.email-invalid"));
        if (string.IsNullOrEmpty(Password)) ModelState.AddModelError(nameof(Password), l.Text("auth.password-required"));
        if (!ModelState.IsValid) return Page();
        var user = await signIn.UserManager.FindByEmailAsync(Email!.Trim());
        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed : await signIn.PasswordSignInAsync(user, Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            if (Url.IsLocalUrl(ReturnUrl)) return LocalRedirect(ReturnUrl!);
            return LocalRedirect(Landing(await signIn.UserManager.GetRolesAsync(user!)));
        }
        ModelState.AddModelError(string.Empty, l.Text(result.IsLockedOut ? "auth.locked-out" : "auth.invalid-credentials"));
        return Page();
    }
}
