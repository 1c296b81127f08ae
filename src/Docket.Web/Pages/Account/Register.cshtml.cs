using Docket.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Docket.Web.Pages.Account;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Docket.Web.Infrastructure.RateLimits.Register)]
public sealed class RegisterModel(Register register, UserManager<User> users, SignInManager<User> signIn, IStringLocalizer<Messages> l) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var r = await register.HandleAsync(new RegisterRequest(Email, Password), ct);
        if (!r.IsOk)
        {
            r.Error!.AddTo(ModelState, l);
            return Page();
        }
        var user = await users.FindByIdAsync(r.Value.Id);
        await signIn.SignInAsync(user!, isPersistent: false);
        TempData["Flash"] = l["注册成功。请完善实名信息并确认送达地址。"].Value;
        return RedirectToPage("/Account/Profile");
    }
}
