using System.Globalization;
using Docket.Web.Features.Accounts;
using Docket.Web.Features.Education;
using Docket.Web.Features.Organisation;
using Docket.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Docket.Web.Pages.Education;

/// <summary>
/// The service-to-the-people ledger (为民办实事) of the units a manager sees: the activities newest first, a new one
/// (optionally linked to a mediation case or a filing, which must exist), and activities and beneficiaries per unit and
/// month for a period (this year by default).
/// </summary>
[Authorize(Roles = $"{Roles.UnitAdmin},{Roles.CommitteeAdmin},{Roles.Admin}")]
public sealed class ServiceModel(UserManager<User> users, DocketDbContext db, ServiceActivities service, IStringLocalizer<Messages> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "unitId")] public string? UnitFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "from")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")] public string? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    [BindProperty] public string? UnitId { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Date { get; set; }
    [BindProperty] public string? Theme { get; set; }
    [BindProperty] public string? Beneficiaries { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? Outcome { get; set; }
    [BindProperty] public string? MediationCaseId { get; set; }
    [BindProperty] public string? FilingId { get; set; }

    public const int PageSize = 20;
    public List<OrgUnit> Units { get; private set; } = [];
    public Features.Filings.Page<ServiceActivityDto>? Items { get; private set; }
    public ServiceReportDto? Report { get; private set; }
    public bool Saved { get; private set; }

    public string UnitName(string id) => Units.FirstOrDefault(u => u.Id == id)?.Name ?? id;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Saved = Request.Query.ContainsKey("saved");
        return await LoadAsync(ct) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var caller = await OrgScope.ManagerAsync(users, db, User, ct);
        if (!caller.IsOk) return Forbid();
        int? beneficiaries = string.IsNullOrWhiteSpace(Beneficiaries) ? null
            : int.TryParse(Beneficiaries, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
        var r = await service.CreateAsync(caller.Value,
            new ServiceActivities.Request(UnitId, Title, Date, Theme, beneficiaries, Description, Outcome, MediationCaseId, FilingId), ct);
        if (!r.IsOk)
        {
            if (r.Error!.Status == 404) return NotFound();
            foreach (var (field, codes) in r.Error.Fields ?? new Dictionary<string, string[]>())
                foreach (var code in codes) ModelState.AddModelError(char.ToUpperInvariant(field[0]) + field[1..], l.Text(code));
            ModelState.AddModelError(string.Empty, l.Text(r.Error.Code));
            return await LoadAsync(ct) ?? Page();
        }
        return RedirectToPage(new { saved = 1 });
    }

    async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var caller = await OrgScope.ManagerAsync(users, db, User, ct);
        if (!caller.IsOk) return Forbid();
        var c = caller.Value;
        Units = [.. c.Units.Where(u => c.Sees(u.Id))];
        UnitFilter = string.IsNullOrWhiteSpace(UnitFilter) ? null : UnitFilter.Trim();
        var list = await service.ListAsync(c, UnitFilter, PageNumber, PageSize, ct);
        if (!list.IsOk) return NotFound();
        Items = list.Value;
        var report = await service.ReportAsync(c, UnitFilter, string.IsNullOrWhiteSpace(From) ? null : From, string.IsNullOrWhiteSpace(To) ? null : To, ct);
        if (!report.IsOk)
        {
            foreach (var (field, codes) in report.Error!.Fields ?? new Dictionary<string, string[]>())
                foreach (var code in codes) ModelState.AddModelError(field, l.Text(code));
            return null;
        }
        Report = report.Value;
        From = Report.From;
        To = Report.To;
        return null;
    }
}
