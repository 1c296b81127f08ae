using System.Globalization;
using Docket.Web.Features.Accounts;
using Docket.Web.Features.Filings;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Mediation;

/// <summary>Rooms (public), the caller's cases, one case, and the room statistics (counts only, no personal data).</summary>
public sealed class MediationReads(DocketDbContext db, TimeProvider clock)
{
    public async Task<List<MediationRoomDto>> RoomsAsync(CancellationToken ct)
    {
        var rooms = await db.MediationRooms.AsNoTracking().OrderBy(r => r.CourtId).ThenBy(r => r.Id).ToListAsync(ct);
        var mediatorRole = await db.Roles.Where(r => r.Name == Roles.Mediator).Select(r => r.Id).FirstOrDefaultAsync(ct);
        var mediators = await (from u in db.Users
                               join ur in db.UserRoles on u.Id equals ur.UserId
                               where ur.RoleId == mediatorRole && u.RoomId != null
                               select new { u.RoomId, Name = u.FullName ?? "" }).ToListAsync(ct);
        return [.. rooms.Select(r => new MediationRoomDto(r.Id, r.Name, r.Township, r.CourtId,
            [.. mediators.Where(m => m.RoomId == r.Id).Select(m => m.Name).Order(StringComparer.Ordinal)]))];
    }

    public async Task<Result<Page<MediationCaseDto>>> ListAsync(MediationStaff staff, string? status, string? roomId, int page, int pageSize, CancellationToken ct)
    {
        if (status is not null && !MediationStatus.All.Contains(status)) return Error.Validation("status", "mediation.status-invalid");
        (page, pageSize) = Paging.Clamp(page, pageSize);
        var q = MediationScope.Visible(db, staff);
        if (status is not null) q = q.Where(c => c.Status == status);
        if (roomId is not null) q = q.Where(c => c.RoomId == roomId);
        var total = await q.CountAsync(ct);
        var rows = await q.AsNoTracking().OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var today = ChinaTime.DateOf(ChinaTime.UtcNow(clock));
        return new Page<MediationCaseDto>(total, [.. rows.Select(c => MediationCaseDto.From(c, today))]);
    }

    public async Task<Result<MediationCaseDto>> GetAsync(MediationStaff staff, string id, CancellationToken ct)
    {
        var c = await MediationScope.Visible(db, staff).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return Error.NotFound();
        return MediationCaseDto.From(c, ChinaTime.DateOf(ChinaTime.UtcNow(clock)));
    }

    /// <summary>
    /// Over the cases of the caller's rooms (<see cref="MediationScope.StatisticsRooms"/>) opened between
    /// <paramref name="from"/> and <paramref name="to"/> (inclusive Asia/Shanghai dates, both optional): closed,
    /// agreements, success rate (agreements ÷ closed), amount resolved, by type and room.
    /// </summary>
    public async Task<Result<MediationStatsDto>> StatsAsync(MediationStaff staff, string? roomId, string? from, string? to, CancellationToken ct)
    {
        var e = new FieldErrors();
        var fromDate = DateField.Parse(from, "from", e);
        var toDate = DateField.Parse(to, "to", e);
        if (fromDate is { } f0 && toDate is { } t0 && t0 < f0) e.Add("to", "mediation.period-invalid");
        if (e.Any) return e.ToError();
        var rooms = await MediationScope.StatisticsRooms(db, staff).Select(r => r.Id).ToListAsync(ct);
        if (roomId is not null)
        {
            if (!rooms.Contains(roomId)) return Error.NotFound();
            rooms = [roomId];
        }
        var q = db.MediationCases.Where(c => rooms.Contains(c.RoomId));
        if (fromDate is { } f) { var start = ChinaTime.StartOfDay(f); q = q.Where(c => c.CreatedAt >= start); }
        if (toDate is { } t) { var end = ChinaTime.StartOfDay(t.AddDays(1)); q = q.Where(c => c.CreatedAt < end); }
        var rows = await q.AsNoTracking()
            .Select(c => new CaseFigures(c.RoomId, c.Status, c.DisputeType, c.AgreementAmountFen, c.FeedbackRating)).ToListAsync(ct);
        return Totals(rows);
    }

    /// <summary>What the statistics need of a case: no party, no text.</summary>
    public sealed record CaseFigures(string RoomId, string Status, string DisputeType, long? AgreementAmountFen, int? FeedbackRating);

    /// <summary>Cases, closed, agreements, success rate (agreements ÷ closed), amount agreed, by type, average rating, and per room.</summary>
    public static MediationStatsDto Totals(IReadOnlyList<CaseFigures> rows)
    {
        var all = Figures(rows);
        return new MediationStatsDto(
            all.Cases, all.Closed, all.Agreements, all.SuccessRate, all.AmountResolved,
            rows.GroupBy(r => r.DisputeType).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            all.AverageRating,
            [.. rows.GroupBy(r => r.RoomId).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
            {
                var f = Figures([.. g]);
                return new RoomStatsDto(g.Key, f.Cases, f.Closed, f.Agreements, f.SuccessRate, f.AmountResolved, f.AverageRating);
            })]);
    }

    static (int Cases, int Closed, int Agreements, decimal SuccessRate, decimal AmountResolved, decimal? AverageRating) Figures(IReadOnlyList<CaseFigures> rows)
    {
        var closed = rows.Count(r => r.Status != MediationStatus.Open);
        var agreements = rows.Count(r => r.Status == MediationStatus.Agreement);
        var ratings = rows.Where(r => r.FeedbackRating is not null).Select(r => (decimal)r.FeedbackRating!.Value).ToList();
        return (rows.Count, closed, agreements, MediationRules.SuccessRate(agreements, closed),
            Money.Yuan(rows.Where(r => r.Status == MediationStatus.Agreement).Sum(r => r.AgreementAmountFen ?? 0) / 100m),
            ratings.Count == 0 ? null : decimal.Round(ratings.Average(), 2));
    }
}
