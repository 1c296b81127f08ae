using System.Globalization;
using Docket.Web.Features.Filings;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;

namespace Docket.Web.Features.Statistics;

/// <summary>
/// A court's statistics as an .xlsx workbook for the court's own reports: 概况 (headline), 按期间 (per day or month),
/// 按案件类型 and 跨域 (court pairs). Headers are Chinese whatever the page language: the workbook goes into
/// Chinese reports. Minutes are numbers, empty where there is no data.
/// </summary>
public static class StatisticsWorkbook
{
    public const string MediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string FileName(CourtReport report) =>
        string.Create(CultureInfo.InvariantCulture, $"docket-stats-{report.Stats.CourtId}-{report.Stats.From:yyyy-MM-dd}-{report.Stats.To:yyyy-MM-dd}.xlsx");

    public sealed record PeriodRow(
        [property: ExcelColumnName("期间")] string Period,
        [property: ExcelColumnName("起始日期")] string From,
        [property: ExcelColumnName("截止日期")] string To,
        [property: ExcelColumnName("提交")] int Submitted,
        [property: ExcelColumnName("登记立案")] int Registered,
        [property: ExcelColumnName("不予受理")] int Rejected,
        [property: ExcelColumnName("要求补正")] int CorrectionRequested,
        [property: ExcelColumnName("立案用时中位数（分钟）")] double? Median,
        [property: ExcelColumnName("立案用时第90百分位（分钟）")] double? P90);

    public sealed record CaseTypeRow(
        [property: ExcelColumnName("案件类型")] string Name,
        [property: ExcelColumnName("案件类型代码")] string Code,
        [property: ExcelColumnName("登记立案")] int Registered,
        [property: ExcelColumnName("立案用时中位数（分钟）")] double? Median,
        [property: ExcelColumnName("立案用时第90百分位（分钟）")] double? P90);

    public sealed record CourtPairRow(
        [property: ExcelColumnName("协作法院")] string CooperatingCourt,
        [property: ExcelColumnName("协作法院代码")] string CooperatingCourtId,
        [property: ExcelColumnName("管辖法院")] string Court,
        [property: ExcelColumnName("管辖法院代码")] string CourtId,
        [property: ExcelColumnName("件数")] int Count,
        [property: ExcelColumnName("响应用时中位数（分钟）")] double? MedianResponse);

    /// <summary>The workbook; <paramref name="courtNames"/> maps court ids to names (an id without a name stays an id).</summary>
    public static MemoryStream Build(CourtReport report, IReadOnlyDictionary<string, string> courtNames)
    {
        var s = report.Stats;
        string Name(string id) => courtNames.TryGetValue(id, out var n) ? n : id;
        static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var c = s.CrossRegion;
        // Rows as dictionaries: the value column holds text and numbers, and each cell gets the type of its value.
        static Dictionary<string, object?> Line(string item, object? value) => new() { ["项目"] = item, ["数值"] = value };
        List<Dictionary<string, object?>> summary =
        [
            Line("法院", Name(s.CourtId)),
            Line("法院代码", s.CourtId),
            Line("起始日期", Date(s.From)),
            Line("截止日期", Date(s.To)),
            Line("提交", s.Submitted),
            Line("登记立案", s.Registered),
            Line("不予受理", s.Rejected),
            Line("要求补正", s.CorrectionRequested),
            Line("立案用时中位数（分钟）", s.MedianMinutesToRegistration),
            Line("立案用时第90百分位（分钟）", s.P90MinutesToRegistration),
            Line("跨域立案件数", c.Count),
            Line("跨域立案用时中位数（分钟）", c.MedianMinutesToRegistration),
            Line("跨域响应用时中位数（分钟）", c.MedianResponseMinutes),
            Line("30分钟内响应占比", c.Within30MinutesShare),
        ];
        var sheets = new Dictionary<string, object>
        {
            ["概况"] = summary,
            ["按期间"] = report.Periods.Select(p => new PeriodRow(p.Label, Date(p.From), Date(p.To), p.Submitted, p.Registered, p.Rejected,
                p.CorrectionRequested, p.MedianMinutesToRegistration, p.P90MinutesToRegistration)).ToList(),
            ["按案件类型"] = s.ByCaseType.Select(t => new CaseTypeRow(CaseTypes.Name(t.CaseType), t.CaseType, t.Registered,
                t.MedianMinutesToRegistration, t.P90MinutesToRegistration)).ToList(),
            ["跨域"] = c.ByCourtPair.Select(p => new CourtPairRow(Name(p.CooperatingCourtId), p.CooperatingCourtId, Name(p.CourtId), p.CourtId,
                p.Count, p.MedianResponseMinutes)).ToList(),
        };
        var stream = new MemoryStream();
        stream.SaveAs(sheets);
        stream.Position = 0;
        return stream;
    }
}
