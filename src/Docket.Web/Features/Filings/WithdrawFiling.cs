using Docket.Web.Features.Accounts;
using Docket.Web.Features.Notifications;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Filings;

/// <summary>The filer withdraws a filing that is not yet decided (filing.md transition table).</summary>
public sealed class WithdrawFiling(DocketDbContext db, TimeProvider clock)
{
    public sealed record Request(string? Reason);

    public async Task<Result<FilingDto>> HandleAsync(User owner, string id, Request? request, CancellationToken ct)
    {
        var filing = await FilingQueries.Owned(db, id, owner.Id).FirstOrDefaultAsync(ct);
        if (filing is null) return Error.NotFound();
        if (filing.Status is not (FilingStatus.Draft or FilingStatus.Submitted or FilingStatus.AwaitingForward
            or FilingStatus.UnderReview or FilingStatus.CorrectionRequested))
            return Error.InvalidTransition;
        var reason = request?.Reason?.Trim();
        if (reason is { Length: > 2000 }) return Error.Validation("reason", "filing.reason-too-long");
        var now = ChinaTime.UtcNow(clock);
        var wasDraft = filing.Status == FilingStatus.Draft;
        filing.Withdraw(owner.Actor(Roles.Filer), string.IsNullOrEmpty(reason) ? null : reason, now);
        if (!wasDraft) Outbox.Notify(db, owner.Id, filing.Id, "withdrawn", "notify.withdrawn", now);
        await db.SaveChangesAsync(ct);
        return FilingDto.From(filing);
    }
}
