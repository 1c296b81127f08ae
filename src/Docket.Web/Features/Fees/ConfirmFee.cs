using Docket.Web.Features.Filings;
using Docket.Web.Features.Notifications;
using Docket.Web.Features.Review;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Fees;

/// <summary>
/// The clerk of the competent court checks an uploaded voucher against the court's account: confirms the payment
/// (the amount must be the fee to pay, to the fen) or rejects the voucher with reasons, which makes the fee due
/// again. No claim is needed: fee work is not review work.
/// </summary>
public sealed class ConfirmFee(DocketDbContext db, TimeProvider clock)
{
    public sealed record ConfirmRequest(decimal? Amount, string? PaidAt);
    public sealed record RejectRequest(string? Reasons);

    public async Task<Result<FilingDto>> ConfirmAsync(Clerk clerk, string id, ConfirmRequest? request, CancellationToken ct)
    {
        var filing = await ReviewScope.Competent(db, clerk.CourtId).FirstOrDefaultAsync(f => f.Id == id, ct);
        if (filing is null) return Error.NotFound();
        var now = ChinaTime.UtcNow(clock);
        var e = new FieldErrors();
        var amount = FeeFilings.Fen(request?.Amount, "amount", e, "fee.paid-amount-required");
        DateTime? paidAt = null;
        if (string.IsNullOrWhiteSpace(request?.PaidAt)) e.Add("paidAt", "fee.paid-at-required");
        else if (FeeFilings.Instant(request.PaidAt) is not { } at) e.Add("paidAt", "fee.paid-at-invalid");
        else if (ChinaTime.DateOf(at) > ChinaTime.DateOf(now)) e.Add("paidAt", "fee.paid-at-future");
        else paidAt = at;
        if (e.Any) return e.ToError();
        if (filing.Status != FilingStatus.Registered || filing.FeeStatus != FeeStatuses.PaidPendingConfirmation) return Error.InvalidTransition;
        if (amount != filing.FeeAmountFen)
            return new Error(400, "fee.amount-mismatch", new Dictionary<string, string[]> { ["amount"] = ["fee.amount-mismatch"] })
            {
                Extensions = new Dictionary<string, object?> { ["amountDue"] = Money.Yuan(filing.FeeAmountFen!.Value / 100m) },
            };

        filing.ConfirmFeePaid(clerk.Actor, amount!.Value, paidAt!.Value, now);
        Outbox.Notify(db, filing.OwnerId, filing.Id, "fee-paid", "notify.fee-paid", now, FeeFilings.Yuan(amount.Value), filing.CaseNumber!);
        await db.SaveChangesAsync(ct);
        return await FeeFilings.DtoAsync(db, filing, ct);
    }

    public async Task<Result<FilingDto>> RejectVoucherAsync(Clerk clerk, string id, RejectRequest? request, CancellationToken ct)
    {
        var filing = await ReviewScope.Competent(db, clerk.CourtId).FirstOrDefaultAsync(f => f.Id == id, ct);
        if (filing is null) return Error.NotFound();
        var e = new FieldErrors();
        var reasons = FeeFilings.CheckReasons(request?.Reasons, e);
        if (e.Any) return e.ToError();
        if (filing.Status != FilingStatus.Registered || filing.FeeStatus != FeeStatuses.PaidPendingConfirmation) return Error.InvalidTransition;

        var now = ChinaTime.UtcNow(clock);
        filing.RejectFeeVoucher(clerk.Actor, reasons, now);
        Outbox.Notify(db, filing.OwnerId, filing.Id, "fee-voucher-rejected", "notify.fee-voucher-rejected", now, filing.CaseNumber!, reasons);
        await db.SaveChangesAsync(ct);
        return await FeeFilings.DtoAsync(db, filing, ct);
    }
}
