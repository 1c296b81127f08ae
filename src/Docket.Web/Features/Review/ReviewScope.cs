using Docket.Web.Features.Accounts;
using Docket.Web.Features.Filings;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Review;

/// <summary>A signed-in clerk (or court admin) and the one court they act for.</summary>
public sealed record Clerk(User User, string CourtId)
{
    public Actor Actor => User.Actor(Roles.Clerk);
}

/// <summary>
/// Which filings a court's staff may see (api.md, "Review"; cross-region.md): the competent court's own filings
/// once they were ever submitted (for a cross-region filing: once forwarded), and every submitted filing the court
/// cooperates on. Drafts (also withdrawn ones never submitted) and everything else are not found — never
/// forbidden, never leaked.
/// </summary>
public static class ReviewScope
{
    public static async Task<Result<Clerk>> ClerkAsync(UserManager<User> users, System.Security.Claims.ClaimsPrincipal principal)
    {
        var user = await users.GetUserAsync(principal);
        if (user?.CourtId is not { } courtId) return new Error(403, "auth.forbidden");
        return new Clerk(user, courtId);
    }

    public static IQueryable<Filing> Visible(DocketDbContext db, string courtId) =>
        db.Filings.Where(f => f.FirstSubmittedAt != null && (
            (f.CourtId == courtId && (f.CooperatingCourtId == null || f.ForwardedAt != null))
            || f.CooperatingCourtId == courtId));

    /// <summary>Filings this court decides: its own, and for cross-region ones only after forwarding.</summary>
    public static IQueryable<Filing> Competent(DocketDbContext db, string courtId) =>
        db.Filings.Include(f => f.Documents).Where(f =>
            f.FirstSubmittedAt != null && f.CourtId == courtId && (f.CooperatingCourtId == null || f.ForwardedAt != null));
}
