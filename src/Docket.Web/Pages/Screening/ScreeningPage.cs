using Docket.Web.Features.Organisation;
using Docket.Web.Features.Screening;
using Docket.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Docket.Web.Pages.Screening;

/// <summary>What the screening pages share: labels of types, risks and statuses, and the units an officer may pick.</summary>
public static class ScreeningPage
{
    public static string TypeLabel(IStringLocalizer l, string type) => l["dispute-type:" + type];
    public static string RiskLabel(IStringLocalizer l, string risk) => l["risk:" + risk];
    public static string StatusLabel(IStringLocalizer l, string status) => l["dispute-status:" + status];

    /// <summary>The caller's units (an admin: every grassroots unit), the caller's own first.</summary>
    public static async Task<List<OrgUnit>> UnitsAsync(DocketDbContext db, ScreeningStaff staff, CancellationToken ct)
    {
        var q = db.OrgUnits.AsNoTracking();
        q = staff.IsAdmin ? q.Where(u => UnitKinds.Grassroots.Contains(u.Kind)) : q.Where(u => staff.Units.Contains(u.Id));
        var units = await q.ToListAsync(ct);
        return [.. units.OrderBy(u => u.Id == staff.User.UnitId ? 0 : 1).ThenBy(u => u.Id, StringComparer.Ordinal)];
    }
}
