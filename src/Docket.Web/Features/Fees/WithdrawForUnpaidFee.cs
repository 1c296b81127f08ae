using Docket.Web.Features.Filings;
using Docket.Web.Features.Notifications;
using Docket.Web.Features.Review;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Fees;

/// <summary>
/// 按撤诉处理 (fee measures Art. 22): the clerk's decision on a fee still owed after its due date (Asia/Shanghai)
/// without a pending judicial-aid application. The fee becomes <c>unpaid-withdrawn</c>, the filing <c>withdrawn</c>.
/// </summary>
public sealed class WithdrawForUnpaidFee(DocketDbContext db, TimeProvider clock)
{
    public async Task<Result<FilingDto>> HandleAsync(Clerk clerk, string id, CancellationToken ct)
    {
        var filing = await ReviewScope.Competent(db, clerk.CourtId).FirstOrDefaultAsync(f => f.Id == id, ct);
        if (filing is null) return Error.NotFound();
        var now = ChinaTime.UtcNow(clock);
        if (!filing.FeeOwed) return Error.InvalidTransition;
        if (filing.JudicialAidPending) return Error.Conflict("fee.aid-pending");
        if (!filing.FeeOverdue(ChinaTime.DateOf(now))) return Error.Conflict("fee.not-overdue");

        var due = $"{filing.FeeDueDate:yyyy-MM-dd}";
        filing.WithdrawForUnpaidFee(clerk.Actor, now);
        Outbox.Notify(db, filing.OwnerId, filing.Id, "fee-unpaid-withdrawn", "notify.fee-unpaid-withdrawn", now, filing.CaseNumber!, due);
        await db.SaveChangesAsync(ct);
        return await FeeFilings.DtoAsync(db, filing, ct);
    }
}
