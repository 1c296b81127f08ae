using System.Security.Cryptography;
using Docket.Web.Features.Accounts;
using Docket.Web.Features.Calendar;
using Docket.Web.Features.Notifications;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Filings;

/// <summary>
/// Submits (or resubmits after a correction): the same checks as <c>GET …/check</c>, then the state change, the
/// receipt and the audit event in one durable commit before the answer (登记立案规定 Art. 2). A repeat answers
/// with the same receipt.
/// </summary>
public sealed class SubmitFiling(DocketDbContext db, CalendarService calendar, TimeProvider clock)
{
    /// <param name="actor">Who submits: the filer, or the clerk who entered the filing at the counter for them.</param>
    public async Task<Result<ReceiptDto>> HandleAsync(User owner, string id, CancellationToken ct, Actor? actor = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            var filing = await FilingQueries.Owned(db, id, owner.Id).FirstOrDefaultAsync(ct);
            if (filing is null) return Error.NotFound();
            if (filing.Status is FilingStatus.Submitted or FilingStatus.AwaitingForward && filing.ReceiptVersion > 0)
                return ReceiptDto.From(await LatestReceiptAsync(filing.Id, ct));
            if (!FilingStatus.IsEditable(filing.Status)) return Error.InvalidTransition;

            var items = FilingCheck.Run(filing, owner).Where(i => i.Blocking).ToList();
            if (items.Count > 0)
                return Error.Conflict("filing.incomplete") with { Extensions = new Dictionary<string, object?> { ["items"] = items } };

            var now = ChinaTime.UtcNow(clock);
            var caseType = CaseTypes.Find(filing.CaseType)!;
            // The period runs from the day after the submission, in Asia/Shanghai dates (filing.md).
            var deadline = (await calendar.GetAsync(ct)).Deadline(ChinaTime.DateOf(now), caseType.DecisionDays).Deadline;
            var receipt = filing.Submit(actor ?? owner.Actor(Roles.Filer), now, deadline, ReceiptNumbers.New(filing.CourtId, now));
            Outbox.Notify(db, owner.Id, filing.Id, receipt.Version > 1 ? "resubmitted" : "submitted",
                receipt.Version > 1 ? "notify.resubmitted" : "notify.submitted", now, receipt.ReceiptNumber, $"{deadline:yyyy-MM-dd}");
            try
            {
                await db.SaveChangesAsync(ct);
                return ReceiptDto.From(receipt);
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // A concurrent submit (or edit) won: look again, which answers with its receipt.
                db.ChangeTracker.Clear();
            }
        }
    }

    Task<Receipt> LatestReceiptAsync(string filingId, CancellationToken ct) =>
        db.Receipts.AsNoTracking().Where(r => r.FilingId == filingId).OrderByDescending(r => r.Version).FirstAsync(ct);
}

public static class ReceiptNumbers
{
    const string Alphabet = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    /// <summary>A platform-unique receipt number: court, Asia/Shanghai date and 8 random characters (a unique index guards it).</summary>
    public static string New(string courtId, DateTime utc)
    {
        Span<char> tail = stackalloc char[8];
        for (var i = 0; i < tail.Length; i++) tail[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return $"{courtId}-{ChinaTime.DateOf(utc):yyyyMMdd}-{tail}";
    }
}
