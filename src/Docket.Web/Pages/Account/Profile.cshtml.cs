using Docket.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Docket.Web.Pages.Account;

[Authorize]
public sealed class ProfileModel(Profile profile, SmsSignIn sms, IStringLocalizer<Messages> l) : PageModel
{
    public MeDto? Me { get; private set; }
    public List<ServiceAddressDto> History { get; private set; } = [];

    [BindProperty] public string? FullName { get; set; }
    [BindProperty] public string? IdType { get; set; } = "resident-id";
    [BindProperty] public string? IdNumber { get; set; }
    [BindProperty] public string? Phone { get; set; }

    [BindProperty] public bool ElectronicConsent { get; set; }
    [BindProperty] public string? ServicePhone { get; set; }
    [BindProperty] public string? ServiceEmail { get; set; }
    [BindProperty] public string? PostalAddress { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync(fill: true);
        return Page();
    }

    public async Task<IActionResult> OnPostProfileAsync(CancellationToken ct)
    {
        var r = await profile.UpdateProfileAsync(User.Id(), new ProfileRequest(FullName, IdType, IdNumber, Phone), ct);
        if (!r.IsOk)
        {
            r.Error!.AddTo(ModelState, l);
            await LoadAsync(fill: false);
            return Page();
        }
        TempData["Flash"] = l["实名信息已保存。"].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostServiceAddressAsync()
    {
        var r = await profile.UpdateServiceAddressAsync(User.Id(), new ServiceAddressRequest(ElectronicConsent, ServicePhone, ServiceEmail, PostalAddress));
        if (!r.IsOk)
        {
            // The form's phone and e-mail fields carry a "service" prefix.
            var e = r.Error!;
            if (e.Fields is { } f)
                e = e with { Fields = f.ToDictionary(x => x.Key switch { "phone" => "servicePhone", "email" => "serviceEmail", _ => x.Key }, x => x.Value) };
            e.AddTo(ModelState, l);
            await LoadAsync(fill: false);
            return Page();
        }
        TempData["Flash"] = l["送达地址已确认。"].Value;
        return RedirectToPage();
    }

    [BindProperty] public string? VerifyPhone { get; set; }
    [BindProperty] public string? VerifyCode { get; set; }
    public bool VerifyCodeSent { get; private set; }

    /// <summary>An e-mail account adds a mobile number: a code to it, then the code back.</summary>
    public async Task<IActionResult> OnPostPhoneCodeAsync(CancellationToken ct)
    {
        var r = await sms.SendVerifyCodeAsync(User.Id(), new SmsSignIn.PhoneRequest(VerifyPhone, null), AccountsModule.ClientAddress(HttpContext), ct);
        if (!r.IsOk) Rename(r.Error!).AddTo(ModelState, l);
        else VerifyCodeSent = true;
        await LoadAsync(fill: false);
        return Page();
    }

    public async Task<IActionResult> OnPostPhoneVerifyAsync(CancellationToken ct)
    {
        var r = await sms.VerifyPhoneAsync(User.Id(), new SmsSignIn.PhoneRequest(VerifyPhone, VerifyCode), ct);
        if (!r.IsOk)
        {
            Rename(r.Error!).AddTo(ModelState, l);
            VerifyCodeSent = true;
            await LoadAsync(fill: false);
            return Page();
        }
        TempData["Flash"] = l["手机号已验证，可用短信验证码登录。"].Value;
        return RedirectToPage();
    }

    /// <summary>The verification form's fields carry a "verify" prefix.</summary>
    static Docket.Web.Infrastructure.Problems.Error Rename(Docket.Web.Infrastructure.Problems.Error e) => e.Fields is { } f
        ? e with { Fields = f.ToDictionary(x => x.Key switch { "phone" => "verifyPhone", "code" => "verifyCode", _ => x.Key }, x => x.Value) }
        : e;

    public async Task<IActionResult> OnGetPdfAsync()
    {
        var pdf = await profile.ConfirmationPdfAsync(User.Id());
        return pdf.IsOk ? File(pdf.Value, "application/pdf", "送达地址确认书.pdf") : NotFound();
    }

    async Task LoadAsync(bool fill)
    {
        Me = (await profile.GetAsync(User.Id())).Value;
        History = await profile.HistoryAsync(User.Id(), HttpContext.RequestAborted);
        if (!fill) return;
        FullName = Me.Profile.FullName;
        IdType = Me.Profile.IdType ?? "resident-id";
        IdNumber = Me.Profile.IdNumber;
        Phone = Me.Profile.Phone;
        ElectronicConsent = Me.ServiceAddress?.ElectronicConsent ?? true;
        ServicePhone = Me.ServiceAddress?.Phone ?? Me.Profile.Phone;
        ServiceEmail = Me.ServiceAddress?.Email ?? Me.Email;
        PostalAddress = Me.ServiceAddress?.PostalAddress;
    }
}
