using System.Security.Claims;
using Docket.Web.Features.Accounts;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Statistics;

/// <summary>
/// Whose statistics a signed-in user may read on the pages (the rule of api.md, "Statistics"): a court's clerks and
/// court admins their own court's, system admins any court's. Another court's id is not found — never forbidden,
/// so that a page reveals nothing about it.
/// </summary>
public static class StatisticsScope
{
    /// <summary>The court to show; <c>null</c> for a system admin who has picked none (and has no court of their own).</summary>
    public static async Task<Result<string?>> CourtAsync(UserManager<User> users, DocketDbContext db, ClaimsPrincipal principal,
        string? requested, CancellationToken ct)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null) return new Error(401, "auth.required");
        var wanted = string.IsNullOrWhiteSpace(requested) ? user.CourtId : requested.Trim();
        if (principal.IsInRole(Roles.Admin))
        {
            if (wanted is null) return Result<string?>.Ok(null);
        }
        else if (user.CourtId is null || !(principal.IsInRole(Roles.Clerk) || principal.IsInRole(Roles.CourtAdmin)))
            return new Error(403, "auth.forbidden");
        else if (wanted != user.CourtId)
            return Error.NotFound();
        if (!await db.Courts.AnyAsync(c => c.Id == wanted, ct)) return Error.NotFound("court.not-found");
        return wanted;
    }
}
