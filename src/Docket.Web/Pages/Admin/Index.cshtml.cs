using System.Globalization;
using Docket.Web.Features.Accounts;
using Docket.Web.Features.Courts;
using Docket.Web.Features.Courts.Admin;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Docket.Web.Pages.Admin;

/// <summary>
/// Court administration: policy, payee account and contacts, seal, staff, and the loaded years of the holiday calendar (imported by system admins on <c>/Admin/Calendar</c>). A court admin
/// manages their own court; a system admin picks any court with <c>?court=</c>. Every form posts to a handler that
/// calls the same use case class an API would.
/// </summary>
[Authorize(Roles = $"{Roles.CourtAdmin},{Roles.Admin}")]
public sealed class IndexModel(UpdateCourtSettings settings, UploadSeal seals, ManageClerks clerks, ImportCalendar calendar,
    DocketDbContext db, UserManager<User> users, IStringLocalizer<Messages> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "court")] public string? CourtQuery { get; set; }

    // Policy.
    [BindProperty] public List<string> AcceptedCaseTypes { get; set; } = [];
    [BindProperty] public string? MaxDocumentMiB { get; set; }
    [BindProperty] public string? MaxFilingMiB { get; set; }
    [BindProperty] public string? CorrectionDays { get; set; }
    [BindProperty] public bool CrossRegionAccepts { get; set; }
    [BindProperty] public List<string> CrossRegionTypes { get; set; } = [];
    // Payee account and contacts.
    [BindProperty] public string? PayeeName { get; set; }
    [BindProperty] public string? PayeeBank { get; set; }
    [BindProperty] public string? PayeeAccount { get; set; }
    [BindProperty] public string? FilingOfficePhone { get; set; }
    [BindProperty] public string? Address { get; set; }
    // New clerk.
    [BindProperty] public string? NewEmail { get; set; }
    [BindProperty] public string? NewFullName { get; set; }
    [BindProperty] public string? NewPassword { get; set; }

    public CourtManager Manager { get; private set; } = null!;
    public string? CourtId { get; private set; }
    public CourtSettingsDto? Settings { get; private set; }
    public IReadOnlyList<StaffDto> Staff { get; private set; } = [];
    public IReadOnlyList<CalendarYearDto> CalendarYears { get; private set; } = [];
    public IReadOnlyList<CourtDto> Courts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await ResolveAsync() is { } denied) return denied;
        return await LoadAsync(null, ct) ?? Page();
    }

    public async Task<IActionResult> OnGetSealAsync(CancellationToken ct)
    {
        if (await ResolveAsync() is { } denied) return denied;
        var r = await seals.OpenAsync(Manager, CourtId ?? "", ct);
        if (!r.IsOk) return NotFound();
        Response.Headers.XContentTypeOptions = "nosniff";
        Response.Headers.CacheControl = "private, max-age=86400"; // the URL carries the seal's hash
        return File(r.Value.Stream, r.Value.MediaType);
    }

    public async Task<IActionResult> OnPostPolicyAsync(CancellationToken ct)
    {
        if (await ResolveAsync() is { } denied) return denied;
        var e = new FieldErrors();
        var maxDocument = MiB(MaxDocumentMiB, "maxDocumentBytes", e);
        var maxFiling = MiB(MaxFilingMiB, "maxFilingBytes", e);
        int? days = null;
        if (int.TryParse(CorrectionDays, NumberStyles.None, CultureInfo.InvariantCulture, out var d)) days = d;
        else e.Add("correctionDays", "court.correction-days-invalid");
        if (e.Any) return await ShowAsync(e.ToError(), "policy", ct);
        var request = new UpdateCourtSettings.PolicyRequest([.. AcceptedCaseTypes], maxDocument, maxFiling, days, CrossRegionAccepts, [.. CrossRegionTypes]);
        var r = await settings.UpdatePolicyAsync(Manager, CourtId ?? "", request, ct);
        return r.IsOk ? Done(l["立案规则已保存。"].Value) : await ShowAsync(r.Error!, "policy", ct);
    }

    public async Task<IActionResult> OnPostContactAsync(CancellationToken ct)
    {
        if (await ResolveAsync() is { } denied) return denied;
        var request = new UpdateCourtSettings.ContactRequest(PayeeName, PayeeBank, PayeeAccount, FilingOfficePhone, Address);
        var r = await settings.UpdateContactAsync(Manager, CourtId ?? "", request, ct);
        return r.IsOk ? Done(l["收款账户和联系方式已保存。"].Value) : await ShowAsync(r.Error!, "contact", ct);
    }

    public async Task<IActionResult> OnPostSealAsync(IFormFile? sealFile, CancellationToken ct)
    {
        if (await ResolveAsync() is { } denied) return denied;
        await using var stream = sealFile?.OpenReadStream();
        var r = await seals.HandleAsync(Manager, CourtId ?? "", stream, ct);
        return r.IsOk ? Done(l["印章图片已更新，此后生成的文书将加盖此印章。"].Value) : await ShowAsync(r.Error!, "seal", ct);
    }

    public async Task<IActionResult> OnPostRemoveSealAsync(CancellationToken ct)
    {
        if (await ResolveAsync() is { } denied) return denied;
        var r = await seals.RemoveAsync(Manager, CourtId ?? "", ct);
        return r.IsOk ? Done(l["已移除印章图片。"].Value) : await ShowAsync(r.Error!, "seal", ct);
    }

    public async Task<IActionResult> OnPostCreateClerkAsync(CancellationToken ct)
    {
        if (await ResolveAsync() is { } denied) return denied;
        var r = await clerks.CreateAsync(Manager, CourtId ?? "", new ManageClerks.CreateRequest(NewEmail, NewFullName, NewPassword), ct);
        return r.IsOk
            ? Done(string.Format(CultureInfo.CurrentCulture, l["已创建立案庭工作人员账号 {0}，请将初始密码当面告知本人。"].Value, r.Value.Email))
            : await ShowAsync(r.Error!, "clerk", ct);
    }

    public Task<IActionResult> OnPostLockAsync(string? userId, CancellationToken ct) => LockAsync(userId, true, ct);

    public Task<IActionResult> OnPostUnlockAsync(string? userId, CancellationToken ct) => LockAsync(userId, false, ct);

    async Task<IActionResult> LockAsync(string? userId, bool locked, CancellationToken ct)
    {
        if (await ResolveAsync() is { } denied) return denied;
        var r = await clerks.SetLockedAsync(Manager, CourtId ?? "", userId ?? "", locked, ct);
        if (!r.IsOk) return await ShowAsync(r.Error!, "staff", ct);
        return Done(string.Format(CultureInfo.CurrentCulture, locked ? l["已锁定账号 {0}。"].Value : l["已解锁账号 {0}。"].Value, r.Value.Email));
    }

    /// <summary>
    /// The import moved to <c>/Admin/Calendar</c> (preview, then confirm; system admins only). A post to the old
    /// handler is refused for court admins and sent to the new page for system admins; it never imports.
    /// </summary>
    public async Task<IActionResult> OnPostCalendarAsync()
    {
        if (await ResolveAsync() is { } denied) return denied;
        return Manager.IsSystemAdmin ? RedirectToPage("/Admin/Calendar") : Forbid();
    }

    async Task<IActionResult?> ResolveAsync()
    {
        var m = await CourtAdminScope.ManagerAsync(users, User);
        if (!m.IsOk) return Forbid();
        Manager = m.Value;
        CourtId = CourtAdminScope.DefaultCourtId(Manager, CourtQuery);
        return null;
    }

    IActionResult Done(string message)
    {
        TempData["Flash"] = message;
        return RedirectToPage(new { court = Manager.IsSystemAdmin ? CourtId : null });
    }

    /// <summary>Field errors beside the fields of the form that was posted (prefixed where forms share names).</summary>
    async Task<IActionResult> ShowAsync(Error error, string form, CancellationToken ct)
    {
        if (error.Status == 404) return NotFound();
        var prefix = form is "seal" or "clerk" ? form : null;
        error.AddTo(ModelState, l, prefix);
        return await LoadAsync(form, ct) ?? Page();
    }

    /// <summary>Loads the court; the form just posted keeps what the user typed, the others show the saved values.</summary>
    async Task<IActionResult?> LoadAsync(string? posted, CancellationToken ct)
    {
        if (Manager.IsSystemAdmin) Courts = await CourtsModule.ListAsync(db, ct);
        CalendarYears = await calendar.YearsAsync(ct);
        if (CourtId is null) return null; // a system admin without a court of their own picks one first
        var s = await settings.GetAsync(Manager, CourtId, ct);
        if (!s.IsOk) return NotFound();
        Settings = s.Value;
        var staff = await clerks.ListAsync(Manager, CourtId, ct);
        Staff = staff.IsOk ? staff.Value : [];
        if (posted != "policy")
        {
            var p = Settings.Policy;
            AcceptedCaseTypes = [.. p.CaseTypes];
            MaxDocumentMiB = (p.MaxDocumentBytes / UpdateCourtSettings.MiB).ToString(CultureInfo.InvariantCulture);
            MaxFilingMiB = (p.MaxFilingBytes / UpdateCourtSettings.MiB).ToString(CultureInfo.InvariantCulture);
            CorrectionDays = p.CorrectionDays.ToString(CultureInfo.InvariantCulture);
            CrossRegionAccepts = p.CrossRegion.Accepts;
            CrossRegionTypes = [.. p.CrossRegion.CaseTypes];
        }
        if (posted != "contact")
        {
            PayeeName = Settings.Payee.Name;
            PayeeBank = Settings.Payee.Bank;
            PayeeAccount = Settings.Payee.Account;
            FilingOfficePhone = Settings.FilingOfficePhone;
            Address = Settings.Address;
        }
        return null;
    }

    static long? MiB(string? text, string field, FieldErrors e)
    {
        if (long.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var mib) && mib <= long.MaxValue / UpdateCourtSettings.MiB)
            return mib * UpdateCourtSettings.MiB;
        e.Add(field, "court.mib-invalid");
        return null;
    }

    public string RoleName(string role) => role switch
    {
        Roles.Clerk => l["立案庭工作人员"],
        Roles.CourtAdmin => l["法院管理员"],
        _ => role,
    };
}
