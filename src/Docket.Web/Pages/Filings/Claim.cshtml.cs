using Docket.Web.Features.Accounts;
using Docket.Web.Features.Counter;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Docket.Web.Pages.Filings;

/// <summary>
/// 认领窗口立案: the litigant types the claim code from the counter receipt, then the SMS code sent to the phone the
/// clerk recorded, and the filing joins their account.
/// </summary>
[Authorize(Roles = Roles.Filer)]
public sealed class ClaimModel(AttachCounterFiling attach, UserManager<User> users, IStringLocalizer<Messages> l) : PageModel
{
    [BindProperty] public string? ClaimCode { get; set; }
    [BindProperty] public string? SmsCode { get; set; }
    public string? SentTo { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostSendAsync(CancellationToken ct)
    {
        var r = await attach.StartAsync(new AttachCounterFiling.StartRequest(ClaimCode), AccountsModule.ClientAddress(HttpContext), ct);
        if (r.IsOk) SentTo = r.Value.Phone;
        else r.Error!.AddTo(ModelState, l);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var r = await attach.ConfirmAsync(user, new AttachCounterFiling.ConfirmRequest(ClaimCode, SmsCode), ct);
        if (!r.IsOk)
        {
            var error = r.Error!;
            error.AddTo(ModelState, l);
            if (error.Extensions?.GetValueOrDefault("attemptsLeft") is int left && left > 0)
                ModelState.AddModelError(nameof(SmsCode), string.Format(System.Globalization.CultureInfo.CurrentCulture, l["还可尝试 {0} 次。"].Value, left));
            // The SMS step stays open unless the claim code itself is the problem.
            SentTo = error.Fields?.ContainsKey("claimCode") == true ? null : "";
            return Page();
        }
        TempData["Flash"] = l["已将窗口立案关联到您的账户。"].Value;
        return Redirect($"/Filings/Detail?id={Uri.EscapeDataString(r.Value.Id)}");
    }
}
