using Docket.Web.Features.Accounts;
using Docket.Web.Features.Filings;
using Docket.Web.Features.Review;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Counter;

public sealed record CounterFilingSummaryDto(
    string Id, string CourtId, string? CooperatingCourtId, string CaseType, string Status, string Title, string LitigantName,
    DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt, DateTimeOffset? AttachedAt);

/// <summary>
/// What a counter clerk may work on: the filings entered at their own court's counter. While the litigant has not
/// attached a filing to their own account the clerk acts for them through the litigant's counter account (the same
/// handlers a filer uses); afterwards only the litigant edits it. Any other id is not found.
/// </summary>
public static class CounterScope
{
    public static IQueryable<Filing> Entered(DocketDbContext db, string courtId) => db.Filings.Where(f => f.EnteredAtCourtId == courtId);

    /// <summary>The counter account that holds the filing, for the filer-side handlers.</summary>
    public static async Task<Result<User>> LitigantAsync(DocketDbContext db, Clerk clerk, string id, CancellationToken ct)
    {
        var row = await Entered(db, clerk.CourtId).Where(f => f.Id == id).Select(f => new { f.OwnerId, f.AttachedAt }).FirstOrDefaultAsync(ct);
        if (row is null) return Error.NotFound();
        if (row.AttachedAt is not null) return Error.Conflict("counter.attached");
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == row.OwnerId && u.CounterLitigant, ct);
        return user is null ? Error.NotFound() : user;
    }

    public static async Task<Page<CounterFilingSummaryDto>> ListAsync(DocketDbContext db, Clerk clerk, int page, int pageSize, CancellationToken ct)
    {
        page = Math.Max(page, 1);
        pageSize = Math.Clamp(pageSize, 1, 100);
        var q = Entered(db, clerk.CourtId);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(f => new
            {
                f.Id, f.CourtId, f.CooperatingCourtId, f.CaseType, f.Status, f.Title, f.CreatedAt, f.SubmittedAt, f.AttachedAt,
                Litigant = f.Parties.Where(p => p.Role == "plaintiff").Select(p => p.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return new Page<CounterFilingSummaryDto>(total, [.. rows.Select(r => new CounterFilingSummaryDto(
            r.Id, r.CourtId, r.CooperatingCourtId, r.CaseType, r.Status, r.Title, r.Litigant ?? "", Infrastructure.Time.ChinaTime.ToOffset(r.CreatedAt),
            r.SubmittedAt is { } s ? Infrastructure.Time.ChinaTime.ToOffset(s) : null,
            r.AttachedAt is { } a ? Infrastructure.Time.ChinaTime.ToOffset(a) : null))]);
    }

    /// <summary>Any counter filing entered here, attached or not (what the counter entered stays visible to it).</summary>
    public static async Task<Result<FilingDto>> GetAsync(DocketDbContext db, Clerk clerk, string id, TimeProvider clock, CancellationToken ct)
    {
        var f = await Entered(db, clerk.CourtId).Include(x => x.Documents).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (f is null) return Error.NotFound();
        await StaffReadLog.RecordAsync(db, clerk, id, "filing", clock, ct);
        return FilingDto.From(f);
    }
}
