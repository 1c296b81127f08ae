using Docket.Web.Features.Accounts;
using Docket.Web.Features.Filings;
using Docket.Web.Features.Notifications;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Fees;

/// <summary>An order to pay a filing's fee online.</summary>
public sealed record PaymentOrder(string OrderId, string FilingId, string CaseNumber, string CourtId, decimal Amount);

/// <summary>What the gateway answered: paid (with its reference) or not.</summary>
public sealed record PaymentOutcome(bool Paid, string Reference);

/// <summary>
/// A payment gateway (e.g. the court's unified non-tax payment platform). None is connected yet: the demo runs a
/// stand-in that marks the order paid at once; without one, filers pay by bank transfer and upload the voucher.
/// </summary>
public interface IPaymentGateway
{
    bool Available { get; }
    Task<PaymentOutcome> PayAsync(PaymentOrder order, CancellationToken ct);
}

/// <summary>Demo only: every order is paid at once.</summary>
public sealed class StandInPaymentGateway : IPaymentGateway
{
    public bool Available => true;

    public Task<PaymentOutcome> PayAsync(PaymentOrder order, CancellationToken ct) =>
        Task.FromResult(new PaymentOutcome(true, "DEMO-" + order.OrderId[..12].ToUpperInvariant()));
}

public sealed class NoPaymentGateway : IPaymentGateway
{
    public bool Available => false;

    public Task<PaymentOutcome> PayAsync(PaymentOrder order, CancellationToken ct) =>
        throw new InvalidOperationException("No payment gateway is configured.");
}

/// <summary>Pays the owed fee through the gateway; paid online needs no voucher and no confirmation.</summary>
public sealed class PayFee(DocketDbContext db, IPaymentGateway gateway, TimeProvider clock)
{
    public async Task<Result<FilingDto>> HandleAsync(User filer, string id, CancellationToken ct)
    {
        var filing = await FilingQueries.Owned(db, id, filer.Id).FirstOrDefaultAsync(ct);
        if (filing is null) return Error.NotFound();
        if (!gateway.Available) return Error.Conflict("fee.gateway-unavailable");
        if (!filing.FeeOwed) return Error.InvalidTransition;

        var order = new PaymentOrder(Filing.NewId(), filing.Id, filing.CaseNumber!, filing.CourtId, filing.FeeAmountFen!.Value / 100m);
        var outcome = await gateway.PayAsync(order, ct);
        if (!outcome.Paid) return Error.Conflict("fee.payment-failed");
        var now = ChinaTime.UtcNow(clock);
        filing.PayFeeOnline(filer.Actor(Roles.Filer), outcome.Reference, now);
        Outbox.Notify(db, filing.OwnerId, filing.Id, "fee-paid", "notify.fee-paid", now, FeeFilings.Yuan(filing.FeeAmountFen!.Value), filing.CaseNumber!);
        await db.SaveChangesAsync(ct);
        return await FeeFilings.DtoAsync(db, filing, ct);
    }
}
