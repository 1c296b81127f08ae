using System.Security.Claims;
using Docket.Web.Features.Accounts;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Microsoft.AspNetCore.Identity;

namespace Docket.Web.Features.Courts.Admin;

/// <summary>
/// Someone who manages courts: a court admin (their own court only) or a system admin (any court).
/// </summary>
public sealed record CourtManager(User User, bool IsSystemAdmin);

/// <summary>
/// Which courts a manager may touch. Every court-admin use case loads its court through <see cref="Courts"/>, so a
/// court admin naming another court's id gets "not found" — never forbidden, never another court's data.
/// </summary>
public static class CourtAdminScope
{
    public static async Task<Result<CourtManager>> ManagerAsync(UserManager<User> users, ClaimsPrincipal principal)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null) return new Error(401, "auth.required");
        if (await users.IsInRoleAsync(user, Roles.Admin)) return new CourtManager(user, true);
        if (user.CourtId is not null && await users.IsInRoleAsync(user, Roles.CourtAdmin)) return new CourtManager(user, false);
        return new Error(403, "auth.forbidden");
    }

    public static IQueryable<Court> Courts(DocketDbContext db, CourtManager manager) =>
        manager.IsSystemAdmin ? db.Courts : db.Courts.Where(c => c.Id == manager.User.CourtId);

    /// <summary>The court a page opens by default: the court admin's own, or the one a system admin picked.</summary>
    public static string? DefaultCourtId(CourtManager manager, string? requested) =>
        string.IsNullOrWhiteSpace(requested) ? manager.User.CourtId : requested.Trim();
}
