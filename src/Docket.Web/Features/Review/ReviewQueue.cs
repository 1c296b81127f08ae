using Docket.Web.Features.Fees;
using Docket.Web.Features.Filings;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Review;

public sealed record QueueItemDto(
    string FilingId, string Status, string CaseType, string Cause, string Title, DateTimeOffset? SubmittedAt, DateOnly? DecisionDeadline,
    bool Overdue, bool DueToday, bool CrossRegion, string? CourtId, string? CooperatingCourtId, AssigneeDto? Assignee, string? CaseNumber,
    DateOnly? FeeDueDate, string? FeeStatus);

/// <summary>The clerk's queue by decision deadline, and search over the court's filings.</summary>
public sealed class ReviewQueue(DocketDbContext db, TimeProvider clock)
{
    /// <summary>The queue of fees to decide on: registered here, owed and past the due date, no judicial aid pending.</summary>
    public const string FeeOverdue = "fee-overdue";

    public async Task<Result<Page<QueueItemDto>>> ListAsync(Clerk clerk, string? status, string? caseType, int page, int pageSize, CancellationToken ct)
    {
        if (status == FeeOverdue) return await FeeOverdueAsync(clerk, caseType, page, pageSize, ct);
        if (status is not null && !FilingStatus.All.Contains(status)) return Error.Validation("status", "review.status-invalid");
        if (caseType is not null && CaseTypes.Find(caseType) is null) return Error.Validation("caseType", "filing.case-type-unknown");
        (page, pageSize) = Paging.Clamp(page, pageSize);
        var court = clerk.CourtId;
        if (status is null) return await WaitingAsync(court, caseType, page, pageSize, ct);
        IQueryable<Filing> q = status == FilingStatus.AwaitingForward
            ? db.Filings.Where(f => f.CooperatingCourtId == court && f.Status == status)
            : ReviewScope.Visible(db, court).Where(f => f.Status == status);
        if (caseType is not null) q = q.Where(f => f.CaseType == caseType);
        return await PageAsync(ByDeadline(q), page, pageSize, ct);
    }

    static IOrderedQueryable<Filing> ByDeadline(IQueryable<Filing> q) => q.OrderBy(f => f.DecisionDeadline).ThenBy(f => f.SubmittedAt).ThenBy(f => f.Id);

    /// <summary>Pages up to this deep are read as the top of each part of the queue (see <see cref="WaitingAsync"/>); deeper ones by OFFSET.</summary>
    const int MergeDepth = 1000;

    /// <summary>
    /// What waits for this court: its submitted and under-review filings, and what it must forward. The queue is the
    /// union of three disjoint parts (one court and one status each), and each part is read in the order of its
    /// index (court, status, deadline, submission, id) — so the first pages cost the same at 100 filings as at
    /// 100,000: the top <c>page × pageSize</c> of each part, then those few in the database's own order (a single
    /// query with an OR would sort every waiting filing for one page). The total is counted on the narrow
    /// (court, status) index, which holds a big court's waiting filings in a few pages.
    /// </summary>
    async Task<Result<Page<QueueItemDto>>> WaitingAsync(string court, string? caseType, int page, int pageSize, CancellationToken ct)
    {
        IQueryable<Filing>[] parts =
        [
            db.Filings.Where(f => f.CourtId == court && f.Status == FilingStatus.Submitted),
            db.Filings.Where(f => f.CourtId == court && f.Status == FilingStatus.UnderReview),
            db.Filings.Where(f => f.CooperatingCourtId == court && f.Status == FilingStatus.AwaitingForward),
        ];
        if (caseType is not null) parts = [.. parts.Select(p => p.Where(f => f.CaseType == caseType))];
        var depth = (long)page * pageSize;
        if (depth > MergeDepth)
        {
            var all = db.Filings.Where(f =>
                (f.CourtId == court && (f.Status == FilingStatus.Submitted || f.Status == FilingStatus.UnderReview))
                || (f.CooperatingCourtId == court && f.Status == FilingStatus.AwaitingForward));
            if (caseType is not null) all = all.Where(f => f.CaseType == caseType);
            return await PageAsync(ByDeadline(all), page, pageSize, ct);
        }

        // The court's own parts are counted together (one pass over the narrow (court, status) index).
        var own = db.Filings.Where(f => f.CourtId == court && (f.Status == FilingStatus.Submitted || f.Status == FilingStatus.UnderReview));
        if (caseType is not null) own = own.Where(f => f.CaseType == caseType);
        var total = await own.CountAsync(ct) + await parts[2].CountAsync(ct);
        var candidates = new List<string>();
        foreach (var part in parts)
            candidates.AddRange(await ByDeadline(part).Take((int)depth).Select(f => f.Id).ToListAsync(ct));
        var rows = candidates.Count == 0 ? [] : await ToRows(ByDeadline(db.Filings.Where(f => candidates.Contains(f.Id))))
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return ToPage(total, rows);
    }

    /// <summary>按撤诉处理 candidates (fee measures Art. 22): the same rule as <see cref="Filing.FeeOverdue"/>, as a query, by due date.</summary>
    async Task<Result<Page<QueueItemDto>>> FeeOverdueAsync(Clerk clerk, string? caseType, int page, int pageSize, CancellationToken ct)
    {
        if (caseType is not null && CaseTypes.Find(caseType) is null) return Error.Validation("caseType", "filing.case-type-unknown");
        (page, pageSize) = Paging.Clamp(page, pageSize);
        var today = ChinaTime.DateOf(clock.GetUtcNow().UtcDateTime);
        var court = clerk.CourtId;
        var q = db.Filings.Where(f => f.CourtId == court && f.Status == FilingStatus.Registered
            && (f.FeeStatus == FeeStatuses.Due || f.FeeStatus == FeeStatuses.Reduced || f.FeeStatus == FeeStatuses.Deferred)
            && f.FeeAmountFen > 0 && f.FeeDueDate != null && f.FeeDueDate < today
            && !(f.JudicialAidAppliedAt != null && f.JudicialAidDecidedAt == null));
        if (caseType is not null) q = q.Where(f => f.CaseType == caseType);
        return await PageAsync(q.OrderBy(f => f.FeeDueDate).ThenBy(f => f.RegisteredAt).ThenBy(f => f.Id), page, pageSize, ct);
    }

    static bool IsPending(string status) => status is FilingStatus.Submitted or FilingStatus.UnderReview or FilingStatus.AwaitingForward;

    /// <summary>By party name (contains), ID number or USCC, receipt number or case number (exact).</summary>
    public async Task<Result<Page<QueueItemDto>>> SearchAsync(Clerk clerk, string? q, int page, int pageSize, CancellationToken ct)
    {
        var term = (q ?? "").Trim();
        if (term.Length is 0 or > 100) return Error.Validation("q", "review.search-term-invalid");
        (page, pageSize) = Paging.Clamp(page, pageSize);
        var upper = term.ToUpperInvariant();
        var ids = ReviewScope.Visible(db, clerk.CourtId).Where(f =>
                f.CaseNumber == term
                || f.Parties.Any(p => p.Name.Contains(term) || p.IdNumber == upper || p.Uscc == upper)
                || db.Receipts.Any(r => r.FilingId == f.Id && r.ReceiptNumber == upper))
            .Select(f => f.Id);
        var found = db.Filings.Where(f => ids.Contains(f.Id));
        return await PageAsync(found.OrderByDescending(f => f.SubmittedAt).ThenBy(f => f.Id), page, pageSize, ct);
    }

    sealed record Row(
        string Id, string Status, string CaseType, string Cause, string Title, DateTime? SubmittedAt, DateOnly? DecisionDeadline,
        string CourtId, string? CooperatingCourtId, string? AssigneeId, string? AssigneeName, string? CaseNumber, DateOnly? FeeDueDate, string? FeeStatus);

    async Task<Page<QueueItemDto>> PageAsync(IOrderedQueryable<Filing> ordered, int page, int pageSize, CancellationToken ct)
    {
        var total = await ordered.CountAsync(ct);
        var rows = await ToRows(ordered.Skip((page - 1) * pageSize).Take(pageSize)).ToListAsync(ct);
        return ToPage(total, rows);
    }

    static IQueryable<Row> ToRows(IQueryable<Filing> q) => q.AsNoTracking()
        .Select(f => new Row(f.Id, f.Status, f.CaseType, f.Cause, f.Title, f.SubmittedAt, f.DecisionDeadline, f.CourtId,
            f.CooperatingCourtId, f.AssigneeId, f.AssigneeName, f.CaseNumber, f.FeeDueDate, f.FeeStatus));

    Page<QueueItemDto> ToPage(int total, List<Row> rows)
    {
        var today = ChinaTime.DateOf(clock.GetUtcNow().UtcDateTime);
        return new Page<QueueItemDto>(total, [.. rows.Select(f => new QueueItemDto(
            f.Id, f.Status, f.CaseType, f.Cause, f.Title, f.SubmittedAt is { } s ? ChinaTime.ToOffset(s) : null, f.DecisionDeadline,
            f.DecisionDeadline < today && IsPending(f.Status), f.DecisionDeadline == today && IsPending(f.Status),
            f.CooperatingCourtId is not null, f.CourtId, f.CooperatingCourtId,
            f.AssigneeId is { } a ? new AssigneeDto(a, f.AssigneeName ?? "") : null, f.CaseNumber, f.FeeDueDate, f.FeeStatus))]);
    }
}
