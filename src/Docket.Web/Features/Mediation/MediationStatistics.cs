using System.Globalization;
using Docket.Web.Features.Accounts;
using Docket.Web.Features.Filings;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;

namespace Docket.Web.Features.Mediation;

public sealed record MediationRoomFigures(string RoomId, string Name, string CourtId, int Cases, int Closed, int Agreements, decimal SuccessRate,
    decimal AmountResolved);

public sealed record MediationMonthFigures(string Month, int Cases, int Closed, int Agreements, decimal SuccessRate);

/// <summary>The figures of the statistics page: the headline (as the API's), per room and per month of opening.</summary>
public sealed record MediationReport(DateOnly From, DateOnly To, string? RoomId, MediationStatsDto Totals,
    IReadOnlyList<MediationRoomFigures> ByRoom, IReadOnlyList<MediationMonthFigures> ByMonth);

/// <summary>
/// Mediation statistics for the page and its workbook: counts and amounts only, never a party. Unlike a case (which
/// a court's clerk sees only when the court diverted it), figures are per room: a mediator gets their room, court
/// staff the rooms under their court, admins every room; <c>roomId</c> narrows to one of those (another is 404).
/// Cases count in the month (Asia/Shanghai) they were opened; success rate is agreements ÷ closed.
/// </summary>
public sealed class MediationStatistics(DocketDbContext db, TimeProvider clock)
{
    /// <summary>The rooms whose figures <paramref name="staff"/> may see.</summary>
    public Task<List<MediationRoom>> RoomsAsync(MediationStaff staff, CancellationToken ct) =>
        MediationScope.StatisticsRooms(db, staff).AsNoTracking().OrderBy(r => r.CourtId).ThenBy(r => r.Id).ToListAsync(ct);

    public async Task<Result<MediationReport>> ReportAsync(MediationStaff staff, string? roomId, string? from, string? to, CancellationToken ct)
    {
        var e = new FieldErrors();
        var fromDate = DateField.Parse(from, "from", e);
        var toDate = DateField.Parse(to, "to", e);
        var today = ChinaTime.DateOf(ChinaTime.UtcNow(clock));
        var f = fromDate ?? new DateOnly(today.Year, today.Month, 1).AddMonths(-11);
        var t = toDate ?? today;
        if (t < f) e.Add("to", "mediation.period-invalid");
        else if (t.DayNumber - f.DayNumber > 3660) e.Add("to", "mediation.period-too-long");
        if (e.Any) return e.ToError();

        var rooms = await RoomsAsync(staff, ct);
        if (roomId is not null)
        {
            rooms = [.. rooms.Where(r => r.Id == roomId)];
            if (rooms.Count == 0) return Error.NotFound();
        }
        var ids = rooms.Select(r => r.Id).ToList();
        var start = ChinaTime.StartOfDay(f);
        var end = ChinaTime.StartOfDay(t.AddDays(1));
        var rows = await db.MediationCases.AsNoTracking()
            .Where(c => ids.Contains(c.RoomId) && c.CreatedAt >= start && c.CreatedAt < end)
            .Select(c => new Row(c.RoomId, c.Status, c.DisputeType, c.AgreementAmountFen, c.FeedbackRating, c.CreatedAt))
            .ToListAsync(ct);

        var totals = Figures(rows);
        var byRoom = rooms.Select(r =>
        {
            var of = rows.Where(x => x.RoomId == r.Id).ToList();
            var s = Figures(of);
            return new MediationRoomFigures(r.Id, r.Name, r.CourtId, s.Cases, s.Closed, s.Agreements, s.SuccessRate, s.AmountResolved);
        }).ToList();
        var byMonth = new List<MediationMonthFigures>();
        for (var m = new DateOnly(f.Year, f.Month, 1); m <= t; m = m.AddMonths(1))
        {
            var month = m;
            var of = rows.Where(x => ChinaTime.DateOf(x.CreatedAt) is var d && d.Year == month.Year && d.Month == month.Month).ToList();
            var s = Figures(of);
            byMonth.Add(new MediationMonthFigures(month.ToString("yyyy-MM", CultureInfo.InvariantCulture), s.Cases, s.Closed, s.Agreements, s.SuccessRate));
        }
        return new MediationReport(f, t, roomId, totals, byRoom, byMonth);
    }

    sealed record Row(string RoomId, string Status, string DisputeType, long? AgreementAmountFen, int? FeedbackRating, DateTime CreatedAt);

    /// <summary>The same figures as <see cref="MediationReads.StatsAsync"/> gives the API.</summary>
    static MediationStatsDto Figures(IReadOnlyCollection<Row> rows) =>
        MediationReads.Totals([.. rows.Select(r => new MediationReads.CaseFigures(r.RoomId, r.Status, r.DisputeType, r.AgreementAmountFen, r.FeedbackRating))]);


}

/// <summary>
/// The mediation statistics as an .xlsx workbook (Chinese headers, like the court statistics): 概况, 按月份,
/// 按纠纷类型, 按调解室. Counts and amounts only.
/// </summary>
public static class MediationWorkbook
{
    public const string MediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string FileName(MediationReport r) =>
        string.Create(CultureInfo.InvariantCulture, $"docket-mediation-{r.RoomId ?? "all"}-{r.From:yyyy-MM-dd}-{r.To:yyyy-MM-dd}.xlsx");

    public sealed record MonthRow(
        [property: ExcelColumnName("月份")] string Month,
        [property: ExcelColumnName("受理")] int Cases,
        [property: ExcelColumnName("结案")] int Closed,
        [property: ExcelColumnName("达成协议")] int Agreements,
        [property: ExcelColumnName("调解成功率")] decimal SuccessRate);

    public sealed record DisputeTypeRow(
        [property: ExcelColumnName("纠纷类型")] string Name,
        [property: ExcelColumnName("纠纷类型代码")] string Code,
        [property: ExcelColumnName("件数")] int Cases);

    public sealed record RoomRow(
        [property: ExcelColumnName("调解室")] string Name,
        [property: ExcelColumnName("调解室代码")] string Id,
        [property: ExcelColumnName("法院代码")] string CourtId,
        [property: ExcelColumnName("受理")] int Cases,
        [property: ExcelColumnName("结案")] int Closed,
        [property: ExcelColumnName("达成协议")] int Agreements,
        [property: ExcelColumnName("调解成功率")] decimal SuccessRate,
        [property: ExcelColumnName("协议金额（元）")] decimal AmountResolved);

    public static MemoryStream Build(MediationReport r)
    {
        static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        static Dictionary<string, object?> Line(string item, object? value) => new() { ["项目"] = item, ["数值"] = value };
        var s = r.Totals;
        List<Dictionary<string, object?>> summary =
        [
            Line("调解室", r.RoomId is { } id ? r.ByRoom.FirstOrDefault(x => x.RoomId == id)?.Name ?? id : "全部"),
            Line("起始日期", Date(r.From)),
            Line("截止日期", Date(r.To)),
            Line("受理", s.Cases),
            Line("结案", s.Closed),
            Line("达成协议", s.Agreements),
            Line("调解成功率", s.SuccessRate),
            Line("协议金额（元）", s.AmountResolved),
            Line("平均评分", s.AverageRating),
        ];
        var sheets = new Dictionary<string, object>
        {
            ["概况"] = summary,
            ["按月份"] = r.ByMonth.Select(m => new MonthRow(m.Month, m.Cases, m.Closed, m.Agreements, m.SuccessRate)).ToList(),
            ["按纠纷类型"] = s.ByDisputeType.Select(kv => new DisputeTypeRow(AgreementPdf.DisputeTypeName(kv.Key), kv.Key, kv.Value)).ToList(),
            ["按调解室"] = r.ByRoom.Select(x => new RoomRow(x.Name, x.RoomId, x.CourtId, x.Cases, x.Closed, x.Agreements, x.SuccessRate, x.AmountResolved)).ToList(),
        };
        var stream = new MemoryStream();
        stream.SaveAs(sheets);
        stream.Position = 0;
        return stream;
    }
}
