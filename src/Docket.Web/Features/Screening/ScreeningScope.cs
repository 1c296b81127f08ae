using System.Security.Claims;
using Docket.Web.Features.Accounts;
using Docket.Web.Features.Filings;
using Docket.Web.Features.Organisation;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Microsoft.AspNetCore.Identity;

namespace Docket.Web.Features.Screening;

/// <summary>A signed-in officer (with the units they see: their own and those below it) or an admin (all units).</summary>
public sealed record ScreeningStaff(User User, bool IsAdmin, IReadOnlySet<string> Units)
{
    public Actor Actor => User.Actor(IsAdmin ? Roles.Admin : Roles.Officer);

    public bool Sees(string unitId) => IsAdmin || Units.Contains(unitId);
}

/// <summary>
/// Who sees a dispute (api.md, "Dispute screening"): the officers of its unit or of a unit above it, and admins.
/// Anything else is not found. Only officers log and act on disputes; an admin reads.
/// </summary>
public static class ScreeningScope
{
    public static async Task<Result<ScreeningStaff>> StaffAsync(DocketDbContext db, UserManager<User> users, ClaimsPrincipal principal, CancellationToken ct)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null) return new Error(403, "auth.forbidden");
        if (principal.IsInRole(Roles.Admin)) return new ScreeningStaff(user, true, new HashSet<string>());
        if (!principal.IsInRole(Roles.Officer) || user.UnitId is null) return new Error(403, "auth.forbidden");
        return new ScreeningStaff(user, false, await OrgUnits.SubtreeAsync(db, user.UnitId, ct));
    }

    public static async Task<Result<ScreeningStaff>> OfficerAsync(DocketDbContext db, UserManager<User> users, ClaimsPrincipal principal, CancellationToken ct)
    {
        if (!principal.IsInRole(Roles.Officer)) return new Error(403, "auth.forbidden");
        var s = await StaffAsync(db, users, principal, ct);
        return s.IsOk && s.Value.IsAdmin ? new ScreeningStaff(s.Value.User, false, await OrgUnits.SubtreeAsync(db, s.Value.User.UnitId ?? "", ct)) : s;
    }

    public static IQueryable<Dispute> Visible(DocketDbContext db, ScreeningStaff s) =>
        s.IsAdmin ? db.Disputes : db.Disputes.Where(d => s.Units.Contains(d.UnitId));
}
