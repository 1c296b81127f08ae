using System.Globalization;
using Docket.Web.Features.Accounts;
using Docket.Web.Features.Organisation;
using Docket.Web.Features.Screening;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Pages.Statistics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;

namespace Docket.Web.Pages.Screening;

/// <summary>
/// Screening statistics of the caller's units (or one unit and below) for a period: totals, share dealt with, open
/// high-risk, by type, unit and status — tables and ECharts charts — and the same as an .xlsx workbook. Counts only.
/// </summary>
[Authorize(Roles = $"{Roles.Officer},{Roles.Admin}")]
public sealed class StatisticsModel(DocketDbContext db, DisputeReads reads, UserManager<User> users, IStringLocalizer<Messages> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "unitId")] public string? UnitId { get; set; }
    [BindProperty(SupportsGet = true, Name = "from")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")] public string? To { get; set; }

    public DisputeStatsDto? Stats { get; private set; }
    public List<OrgUnit> Units { get; private set; } = [];

    public string UnitName(string id) => Units.FirstOrDefault(u => u.Id == id)?.Name ?? id;
    public string TypeLabel(string t) => ScreeningPage.TypeLabel(l, t);
    public string StatusLabel(string s) => ScreeningPage.StatusLabel(l, s);
    public static string Percent(decimal share) => (share * 100).ToString("0.#", CultureInfo.CurrentCulture) + "%";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } denied) return denied;
        if (Stats is not { } s) return Page();
        static Dictionary<string, object?> Line(string item, object? value) => new() { ["项目"] = item, ["数值"] = value };
        var sheets = new Dictionary<string, object>
        {
            ["概况"] = new List<Dictionary<string, object?>>
            {
                Line("单位", UnitId is null ? "全部" : UnitName(UnitId)), Line("起始日期", From ?? ""), Line("截止日期", To ?? ""),
                Line("纠纷总数", s.Total), Line("已办结比例", (double)s.ResolvedShare), Line("未化解高风险纠纷", s.OpenHighRisk),
                Line("7天未跟进的高风险纠纷", s.NeedsFollowUp),
            },
            ["按类型"] = s.ByType.Select(kv => new Dictionary<string, object?> { ["纠纷类型"] = ScreeningPage.TypeLabel(Chinese, kv.Key), ["件数"] = kv.Value }).ToList(),
            ["按单位"] = s.ByUnit.Select(kv => new Dictionary<string, object?> { ["单位"] = UnitName(kv.Key), ["单位代码"] = kv.Key, ["件数"] = kv.Value }).ToList(),
            ["按状态"] = s.ByStatus.Select(kv => new Dictionary<string, object?> { ["状态"] = ScreeningPage.StatusLabel(Chinese, kv.Key), ["件数"] = kv.Value }).ToList(),
        };
        var stream = new MemoryStream();
        await stream.SaveAsAsync(sheets, cancellationToken: ct);
        stream.Position = 0;
        return File(stream, Features.Statistics.StatisticsWorkbook.MediaType, $"docket-disputes-{UnitId ?? "all"}.xlsx");
    }

    /// <summary>The workbook goes into Chinese reports whatever the page language.</summary>
    IStringLocalizer Chinese => new ChineseLocalizer(l);

    public string ExportLink => Url.Page("/Screening/Statistics", "Export", new { unitId = UnitId, from = From, to = To })!;

    async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var staff = await ScreeningScope.StaffAsync(db, users, User, ct);
        if (!staff.IsOk) return Forbid();
        Units = await ScreeningPage.UnitsAsync(db, staff.Value, ct);
        if (string.IsNullOrWhiteSpace(UnitId)) UnitId = null;
        var r = await reads.StatsAsync(staff.Value, UnitId, From, To, ct);
        if (!r.IsOk)
        {
            if (r.Error!.Status == 404) return NotFound();
            r.Error.AddTo(ModelState, l);
            return null;
        }
        Stats = r.Value;
        return null;
    }

    public string ChartJson()
    {
        if (Stats is not { } s) return "[]";
        StatsChart[] charts =
        [
            new StatsChart("chart-types", l["各类型纠纷数量"], [.. s.ByType.Keys.Select(TypeLabel)], [l["件"]],
                [new StatsSeries(l["件数"], "bar", 0, [.. s.ByType.Values.Select(v => (double?)v)])], Horizontal: true),
            new StatsChart("chart-units", l["各单位纠纷数量"], [.. s.ByUnit.Keys.Select(UnitName)], [l["件"]],
                [new StatsSeries(l["件数"], "bar", 0, [.. s.ByUnit.Values.Select(v => (double?)v)])], Horizontal: true),
        ];
        return StatsChart.Serialize(charts);
    }

    /// <summary>Looks keys up in Simplified Chinese whatever the request's culture.</summary>
    sealed class ChineseLocalizer(IStringLocalizer inner) : IStringLocalizer
    {
        public LocalizedString this[string name]
        {
            get
            {
                var saved = CultureInfo.CurrentUICulture;
                CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
                try { return inner[name]; }
                finally { CultureInfo.CurrentUICulture = saved; }
            }
        }

        public LocalizedString this[string name, params object[] arguments] => new(name, string.Format(CultureInfo.InvariantCulture, this[name].Value, arguments));

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);
    }
}
