using Docket.Web.Features.Accounts;
using Docket.Web.Features.Education;
using Docket.Web.Features.Organisation;
using Docket.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Docket.Web.Pages.Education.Materials;

/// <summary>A chapter's read share, average best score and printed copies per unit (counts only, no names).</summary>
[Authorize(Roles = $"{Roles.UnitAdmin},{Roles.CommitteeAdmin},{Roles.Admin}")]
public sealed class ReportModel(UserManager<User> users, DocketDbContext db, Features.Education.Materials materials) : PageModel
{
    [FromRoute] public string Id { get; set; } = "";
    [BindProperty(SupportsGet = true, Name = "unitId")] public string? UnitId { get; set; }

    public string Title { get; private set; } = "";
    public MaterialReportDto? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = await OrgScope.ManagerAsync(users, db, User, ct);
        if (!caller.IsOk) return Forbid();
        var m = await materials.GetAsync(Id, ct);
        if (!m.IsOk) return NotFound();
        Title = m.Value.Title;
        var r = await materials.ReportAsync(caller.Value, Id, string.IsNullOrWhiteSpace(UnitId) ? null : UnitId, ct);
        if (!r.IsOk) return NotFound();
        Report = r.Value;
        return Page();
    }
}
