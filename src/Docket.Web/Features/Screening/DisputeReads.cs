using System.Globalization;
using Docket.Web.Features.Filings;
using Docket.Web.Features.Organisation;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Screening;

/// <summary>The caller's units' disputes (open high-risk first, the longest untouched on top), one dispute, statistics.</summary>
public sealed class DisputeReads(DocketDbContext db, TimeProvider clock)
{
    public async Task<Result<Page<DisputeDto>>> ListAsync(ScreeningStaff staff, string? unitId, string? status, string? riskLevel, int page, int pageSize,
        CancellationToken ct)
    {
        var e = new FieldErrors();
        if (status is not null && !DisputeStatus.All.Contains(status)) e.Add("status", "screening.status-invalid");
        if (riskLevel is not null && !RiskLevels.All.Contains(riskLevel)) e.Add("riskLevel", "screening.risk-invalid");
        if (e.Any) return e.ToError();
        var scoped = await ScopedAsync(staff, unitId, ct);
        if (!scoped.IsOk) return scoped.Error!;
        var q = scoped.Value;
        if (status is not null) q = q.Where(d => d.Status == status);
        if (riskLevel is not null) q = q.Where(d => d.RiskLevel == riskLevel);
        (page, pageSize) = Paging.Clamp(page, pageSize);
        var total = await q.CountAsync(ct);
        var rows = await q.AsNoTracking()
            .OrderBy(d => d.Status != DisputeStatus.Open ? 3 : d.RiskLevel == RiskLevels.High ? 0 : d.RiskLevel == RiskLevels.Medium ? 1 : 2)
            .ThenBy(d => d.Status == DisputeStatus.Open ? (DateTime?)d.LastActionAt : null)
            .ThenByDescending(d => d.CreatedAt).ThenBy(d => d.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var now = ChinaTime.UtcNow(clock);
        return new Page<DisputeDto>(total, [.. rows.Select(d => DisputeDto.From(d, now))]);
    }

    public async Task<Result<DisputeDto>> GetAsync(ScreeningStaff staff, string id, CancellationToken ct)
    {
        var d = await ScreeningScope.Visible(db, staff).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return d is null ? Error.NotFound() : DisputeDto.From(d, ChinaTime.UtcNow(clock));
    }

    /// <summary>
    /// Disputes logged between <paramref name="from"/> and <paramref name="to"/> (inclusive Asia/Shanghai dates) in the
    /// caller's units, or in <paramref name="unitId"/> and below: by type, unit and status; the share no longer open
    /// (resolved on the spot, handed to mediation or referred to court); open high-risk ones. Counts only.
    /// </summary>
    public async Task<Result<DisputeStatsDto>> StatsAsync(ScreeningStaff staff, string? unitId, string? from, string? to, CancellationToken ct)
    {
        var e = new FieldErrors();
        var fromDate = DateField.Parse(from, "from", e);
        var toDate = DateField.Parse(to, "to", e);
        if (fromDate is { } f0 && toDate is { } t0 && t0 < f0) e.Add("to", "mediation.period-invalid");
        if (e.Any) return e.ToError();
        var scoped = await ScopedAsync(staff, unitId, ct);
        if (!scoped.IsOk) return scoped.Error!;
        var q = scoped.Value;
        if (fromDate is { } f) { var start = ChinaTime.StartOfDay(f); q = q.Where(d => d.CreatedAt >= start); }
        if (toDate is { } t) { var end = ChinaTime.StartOfDay(t.AddDays(1)); q = q.Where(d => d.CreatedAt < end); }
        var rows = await q.AsNoTracking().Select(d => new { d.UnitId, d.DisputeType, d.Status, d.RiskLevel, d.LastActionAt }).ToListAsync(ct);
        var now = ChinaTime.UtcNow(clock);
        static Dictionary<string, int> Count<T>(IEnumerable<T> rows, Func<T, string> key) =>
            rows.GroupBy(key).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
        return new DisputeStatsDto(
            rows.Count, Count(rows, r => r.DisputeType),
            ScreeningRules.Share(rows.Count(r => r.Status != DisputeStatus.Open), rows.Count),
            rows.Count(r => r.Status == DisputeStatus.Open && r.RiskLevel == RiskLevels.High),
            Count(rows, r => r.UnitId), Count(rows, r => r.Status),
            rows.Count(r => Dispute.NeedsFollowUp(r.Status, r.RiskLevel, r.LastActionAt, now)));
    }

    /// <summary>The caller's disputes, narrowed to a unit's subtree when one is named; a unit they do not see is not found.</summary>
    async Task<Result<IQueryable<Dispute>>> ScopedAsync(ScreeningStaff staff, string? unitId, CancellationToken ct)
    {
        var q = ScreeningScope.Visible(db, staff);
        if (unitId is null) return Result<IQueryable<Dispute>>.Ok(q);
        if (!staff.Sees(unitId) || !await db.OrgUnits.AnyAsync(u => u.Id == unitId, ct)) return Error.NotFound();
        var units = await OrgUnits.SubtreeAsync(db, unitId, ct);
        return Result<IQueryable<Dispute>>.Ok(q.Where(d => units.Contains(d.UnitId)));
    }

}
