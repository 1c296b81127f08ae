using System.Globalization;
using Docket.Web.Features.Accounts;
using Docket.Web.Features.Calendar;
using Docket.Web.Features.Courts.Admin;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Docket.Web.Pages.Admin;

/// <summary>
/// The national holiday calendar (system admins only): upload a year's notice, check the preview (or the report of
/// every bad row), then confirm. The preview's token carries the checked file to the confirmation (see
/// <see cref="ImportCalendar"/>); nothing is stored before the admin confirms.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class CalendarModel(ImportCalendar calendar, UserManager<User> users, IStringLocalizer<Messages> l) : PageModel
{
    /// <summary>Optional: the year the file is for; empty means the year of its first row.</summary>
    [BindProperty] public string? Year { get; set; }
    [BindProperty] public string? Token { get; set; }

    public IReadOnlyList<CalendarYearDto> CalendarYears { get; private set; } = [];
    public CalendarPreviewDto? Preview { get; private set; }
    public IReadOnlyList<CalendarRowError> RowErrors { get; private set; } = [];
    public const int MaxRowErrorsShown = 200;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await ManagerAsync() is null) return Forbid();
        CalendarYears = await calendar.YearsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? calendarFile, CancellationToken ct)
    {
        if (await ManagerAsync() is not { } manager) return Forbid();
        await using var stream = calendarFile?.OpenReadStream();
        var r = await calendar.PreviewAsync(manager, stream, Year, ct);
        if (r.IsOk) Preview = r.Value;
        else if (r.Error!.Status == 403) return Forbid();
        else Show(r.Error);
        CalendarYears = await calendar.YearsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
    {
        if (await ManagerAsync() is not { } manager) return Forbid();
        var r = await calendar.ConfirmAsync(manager, Token, ct);
        if (r.IsOk)
        {
            TempData["Flash"] = string.Format(CultureInfo.CurrentCulture, l["已导入 {0} 年的节假日安排（共 {1} 行）。"].Value, r.Value.Year, r.Value.Rows);
            return RedirectToPage();
        }
        if (r.Error!.Status == 403) return Forbid();
        Show(r.Error);
        CalendarYears = await calendar.YearsAsync(ct);
        return Page();
    }

    void Show(Infrastructure.Problems.Error error)
    {
        if (error.Extensions?.GetValueOrDefault("rows") is IReadOnlyList<CalendarRowError> rows) RowErrors = rows;
        error.AddTo(ModelState, l, "calendar");
    }

    /// <summary>The localized reason of a bad row.</summary>
    public string Reason(CalendarRowError e) => e.Arg is { } arg ? l.Text(e.Code, arg) : l.Text(e.Code);

    async Task<CourtManager?> ManagerAsync()
    {
        var m = await CourtAdminScope.ManagerAsync(users, User);
        return m.IsOk && m.Value.IsSystemAdmin ? m.Value : null;
    }

    public string KindName(CalendarDayKind? kind) => kind switch
    {
        CalendarDayKind.Holiday => l["放假"],
        CalendarDayKind.Workday => l["调休上班"],
        _ => "—",
    };

    public string ChangeName(string change) => change switch
    {
        "added" => l["新增"],
        "removed" => l["移除"],
        _ => l["改动"],
    };
}
