using System.Text.Json;
using Docket.Web.Features.Calendar;
using Docket.Web.Features.CaseNumbers;
using Docket.Web.Features.Fees;
using Docket.Web.Features.Filings;
using Docket.Web.Features.Notices;
using Docket.Web.Features.Notifications;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Review;

/// <summary>
/// 登记立案: the clerk may first correct cause, matter, amount and procedure; then the case number is allocated
/// in the same transaction as the state change, the acceptance and fee notices are issued and the filer is
/// notified — all or nothing, so a failed registration consumes no number.
/// </summary>
public sealed class RegisterFiling(DocketDbContext db, NumberAllocator numbers, CalendarService calendar, TimeProvider clock)
{
    public sealed record Request(string? Cause, string? Matter, decimal? ClaimAmount, string? Procedure);
    public sealed record FeeView(decimal Amount, DateOnly? DueDate, string Status, decimal FullAmount);
    public sealed record Response(string CaseNumber, DateTimeOffset RegisteredAt, FeeView Fee);

    public async Task<Result<Response>> HandleAsync(Clerk clerk, string id, Request? request, CancellationToken ct)
    {
        var pre = await ReviewScope.Competent(db, clerk.CourtId).AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct);
        if (pre is null) return Error.NotFound();
        var caseType = CaseTypes.Find(pre.CaseType)!;

        var e = new FieldErrors();
        var procedure = request?.Procedure ?? "ordinary";
        if (procedure is not ("ordinary" or "simplified")) e.Add("procedure", "review.procedure-invalid");
        if (request?.Matter is { Length: > 0 } m && !caseType.Matters.Contains(m)) e.Add("matter", "filing.matter-invalid");
        if (request?.Cause is { Length: > 100 }) e.Add("cause", "filing.cause-too-long");
        long? amountFen = null;
        if (request?.ClaimAmount is { } amount)
        {
            if (amount <= 0) e.Add("claimAmount", "filing.claim-amount-not-positive");
            else if (amount > UpdateFiling.MaxAmount) e.Add("claimAmount", "filing.claim-amount-too-large");
            else if (decimal.Round(amount, 2) != amount) e.Add("claimAmount", "money.too-many-decimals");
            else amountFen = (long)(amount * 100);
        }
        if (e.Any) return e.ToError();
        if (pre.Status != FilingStatus.UnderReview || pre.AssigneeId != clerk.User.Id) return Error.InvalidTransition;

        var now = ChinaTime.UtcNow(clock);
        var today = ChinaTime.DateOf(now);
        var work = await calendar.GetAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The first write of the transaction: from here until commit no other registration of this court,
        // type and year can take a number (docs/adr/0003-numbering.md).
        var sequence = await numbers.NextAsync(pre.CourtId, caseType.TypeCode, today.Year, ct);

        var filing = await ReviewScope.Competent(db, clerk.CourtId).FirstOrDefaultAsync(f => f.Id == id, ct);
        if (filing is null || filing.Status != FilingStatus.UnderReview || filing.AssigneeId != clerk.User.Id) return Error.InvalidTransition;
        var court = await db.Courts.FirstAsync(c => c.Id == filing.CourtId, ct);
        filing.CorrectForRegistration(request?.Cause, request?.Matter, amountFen);
        if (string.IsNullOrEmpty(filing.Matter)) return Error.Validation("matter", "check.matter-missing");

        FeeAssessment fee;
        try { fee = FeeAssessor.Assess(filing.CaseType, filing.Matter, filing.ClaimAmount, filing.LaborRemuneration, procedure); }
        catch (FeeInputException x) { return Error.Validation(x.Code == "fee.unknown-matter" ? "matter" : "claimAmount", x.Code); }
        // The fee notice is served on delivery to the filer's account (electronic service consent is a condition of
        // submission): 7 days from the day after service (fee measures Art. 22), moved past non-working days.
        // The notice is issued and served in this transaction, at `now`.
        DateOnly? dueDate = fee.Status == FeeStatuses.Due ? ServicePeriods.FeeDueDate(now, work) : null;
        var caseNumber = CaseNumberFormat.Format(today.Year, court.Abbreviation, caseType.TypeCode, sequence);
        var basis = JsonSerializer.Serialize(fee.Basis.Select(s => new FeeSliceView(Money.Yuan(s.From), Money.Yuan(s.To), s.Rate, Money.Yuan(s.Fee))));
        filing.Register(clerk.Actor, caseNumber, procedure, (long)(fee.Prepaid * 100), fee.Status, dueDate, basis, now, (long)(fee.FullFee * 100));

        db.Notices.Add(NoticeIssuer.Acceptance(filing, court, clerk.User.DisplayName, now));
        if (fee.Status == FeeStatuses.Due) db.Notices.Add(NoticeIssuer.Fee(filing, court, fee, dueDate, now));
        Outbox.Notify(db, filing.OwnerId, filing.Id, "registered", "notify.registered", now, caseNumber, court.Name);
        if (fee.Status == FeeStatuses.Due)
            Outbox.Notify(db, filing.OwnerId, filing.Id, "fee-due", "notify.fee-due", now, Money.Yuan(fee.Prepaid).ToString(System.Globalization.CultureInfo.InvariantCulture), $"{dueDate:yyyy-MM-dd}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new Response(caseNumber, ChinaTime.ToOffset(now), new FeeView(Money.Yuan(fee.Prepaid), dueDate, fee.Status, Money.Yuan(fee.FullFee)));
    }
}
