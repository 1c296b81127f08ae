using Docket.Web.Features.Filings;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Review;

/// <summary>Claim and release, so that two clerks never work on one filing (an illegal move is 409).</summary>
public sealed class ClaimFiling(DocketDbContext db, TimeProvider clock)
{
    public Task<Result<FilingDto>> ClaimAsync(Clerk clerk, string id, CancellationToken ct) =>
        ChangeAsync(clerk, id, f => f.Claim(clerk.Actor, ChinaTime.UtcNow(clock)), ct);

    public Task<Result<FilingDto>> ReleaseAsync(Clerk clerk, string id, CancellationToken ct) =>
        ChangeAsync(clerk, id, f => f.Release(clerk.Actor, ChinaTime.UtcNow(clock)), ct);

    async Task<Result<FilingDto>> ChangeAsync(Clerk clerk, string id, Action<Filing> change, CancellationToken ct)
    {
        var filing = await ReviewScope.Competent(db, clerk.CourtId).FirstOrDefaultAsync(f => f.Id == id, ct);
        if (filing is null) return Error.NotFound();
        change(filing); // an illegal move throws → 409
        await db.SaveChangesAsync(ct);
        return FilingDto.From(filing);
    }
}
