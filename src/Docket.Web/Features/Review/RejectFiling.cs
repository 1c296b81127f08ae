using Docket.Web.Features.Filings;
using Docket.Web.Features.Notices;
using Docket.Web.Features.Notifications;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Review;

/// <summary>
/// At the competent court: a ruling not to accept (不予受理 / 不予立案) with reasons, legal basis, judge and the
/// right to appeal within 10 days to the court above (登记立案规定 Art. 9). At a cooperating court: the filing is
/// returned with reasons (identity or completeness not verifiable) — not a ruling (cross-region.md).
/// </summary>
public sealed class RejectFiling(DocketDbContext db, TimeProvider clock)
{
    public sealed record Request(string? Reasons, string? LegalBasis, string? Judge);

    public async Task<Result<FilingDto>> HandleAsync(Clerk clerk, string id, Request? request, CancellationToken ct)
    {
        var filing = await ReviewScope.Visible(db, clerk.CourtId).Include(f => f.Documents).FirstOrDefaultAsync(f => f.Id == id, ct);
        if (filing is null) return Error.NotFound();
        var e = new FieldErrors();
        var reasons = request?.Reasons?.Trim() ?? "";
        if (reasons.Length == 0) e.Add("reasons", "review.reasons-required");
        else if (reasons.Length > 4000) e.Add("reasons", "review.reasons-too-long");
        if (request?.LegalBasis is { Length: > 1000 }) e.Add("legalBasis", "review.legal-basis-too-long");
        if (request?.Judge is { Length: > 100 }) e.Add("judge", "review.judge-too-long");
        if (e.Any) return e.ToError();

        var now = ChinaTime.UtcNow(clock);
        var cooperating = filing.CooperatingCourtId == clerk.CourtId && filing.Status == FilingStatus.AwaitingForward;
        if (cooperating)
        {
            filing.Return(clerk.Actor, reasons, now);
            Outbox.Notify(db, filing.OwnerId, filing.Id, "returned", "notify.returned", now, reasons);
            await db.SaveChangesAsync(ct);
            return FilingDto.From(filing);
        }
        if (filing.CourtId != clerk.CourtId || (filing.CooperatingCourtId is not null && filing.ForwardedAt is null)) return Error.InvalidTransition;

        var court = await db.Courts.FirstAsync(c => c.Id == filing.CourtId, ct);
        var appeal = court.ParentId is { } parent ? await db.Courts.FirstOrDefaultAsync(c => c.Id == parent, ct) : null;
        var legalBasis = string.IsNullOrWhiteSpace(request?.LegalBasis) ? DefaultLegalBasis(filing.CaseType) : request.LegalBasis.Trim();
        var judge = string.IsNullOrWhiteSpace(request?.Judge) ? clerk.User.DisplayName : request.Judge.Trim();
        filing.Reject(clerk.Actor, reasons, legalBasis, judge, ChinaTime.DateOf(now), appeal?.Id, now);
        var receipt = await db.Receipts.Where(r => r.FilingId == filing.Id).OrderByDescending(r => r.Version).Select(r => r.ReceiptNumber).FirstAsync(ct);
        db.Notices.Add(NoticeIssuer.Rejection(filing, court, receipt, appeal?.Name ?? court.Name, now));
        Outbox.Notify(db, filing.OwnerId, filing.Id, "rejected", "notify.rejected", now, court.Name);
        await db.SaveChangesAsync(ct);
        return FilingDto.From(filing);
    }

    /// <summary>CPL Arts. 126–127 and 157 for civil filings; Administrative Litigation Law Art. 51 otherwise.</summary>
    static string DefaultLegalBasis(string caseType) => caseType == "administrative-first-instance"
        ? "《中华人民共和国行政诉讼法》第五十一条"
        : "《中华人民共和国民事诉讼法》第一百二十六条、第一百五十七条第一款第一项";
}
