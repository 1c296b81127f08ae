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
/// Participation rate (参学率) of a unit and each of its child units for a period, with drill-down through the tree:
/// a child unit that has units below it links to its own page. A unit the caller does not see is not found.
/// </summary>
[Authorize(Roles = $"{Roles.UnitAdmin},{Roles.CommitteeAdmin},{Roles.Admin}")]
public sealed class ParticipationModel(UserManager<User> users, DocketDbContext db, Participation participation, IStringLocalizer<Messages> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "unitId")] public string? UnitId { get; set; }
    [BindProperty(SupportsGet = true, Name = "from")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")] public string? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "minRecords")] public string? MinRecords { get; set; }

    public ParticipationDto? Report { get; private set; }

    /// <summary>The units from the caller's home unit down to the one shown, for the breadcrumb.</summary>
    public List<OrgUnit> Path { get; } = [];

    HashSet<string> parents = [];

    public bool HasChildren(string unitId) => parents.Contains(unitId);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = await OrgScope.ManagerAsync(users, db, User, ct);
        if (!caller.IsOk) return Forbid();
        var c = caller.Value;
        UnitId = string.IsNullOrWhiteSpace(UnitId) ? null : UnitId.Trim();
        From = string.IsNullOrWhiteSpace(From) ? null : From.Trim();
        To = string.IsNullOrWhiteSpace(To) ? null : To.Trim();
        int? min = null;
        if (!string.IsNullOrWhiteSpace(MinRecords))
        {
            if (int.TryParse(MinRecords, out var m)) min = m;
            else
            {
                ModelState.AddModelError("minRecords", l["education.min-records-invalid"]);
                return Page();
            }
        }
        var r = await participation.HandleAsync(c, UnitId, From, To, min, ct);
        if (!r.IsOk)
        {
            if (r.Error!.Status == 404) return NotFound();
            r.Error.AddTo(ModelState, l);
            return Page();
        }
        Report = r.Value;
        From = Report.From;
        To = Report.To;
        MinRecords = Report.MinRecords.ToString(System.Globalization.CultureInfo.InvariantCulture);
        parents = [.. c.Units.Where(u => u.ParentId is not null).Select(u => u.ParentId!)];
        var byId = c.Units.ToDictionary(u => u.Id);
        for (var id = Report.UnitId; id is not null && c.Sees(id) && byId.TryGetValue(id, out var u); id = u.ParentId) Path.Insert(0, u);
        return Page();
    }

    public string Link(string unitId) => Url.Page("/Education/Participation", new { unitId, from = From, to = To, minRecords = MinRecords })!;
}
