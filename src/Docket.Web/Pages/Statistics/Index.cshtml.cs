using System.Globalization;
using System.Text.Json;
using Docket.Web.Features.Accounts;
using Docket.Web.Features.Courts;
using Docket.Web.Features.Filings;
using Docket.Web.Features.Statistics;
using Docket.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Docket.Web.Pages.Statistics;

/// <summary>
/// A court's statistics (api.md, "Statistics"; cross-region.md, "Timings") for a period: the headline, per day or
/// month, per case type and cross-region, as tables; ECharts draws charts from the same figures when script runs.
/// Court staff see their own court, system admins pick one with <c>?courtId=</c>. <c>/Statistics/Export</c> gives
/// the same figures as an .xlsx workbook.
/// </summary>
[Authorize(Roles = $"{Roles.Clerk},{Roles.CourtAdmin},{Roles.Admin}")]
public sealed class IndexModel(CourtStatistics stats, UserManager<User> users, DocketDbContext db, IStringLocalizer<Messages> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "courtId")] public string? CourtQuery { get; set; }
    [BindProperty(SupportsGet = true, Name = "from")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")] public string? To { get; set; }

    public bool IsAdmin { get; private set; }
    public IReadOnlyList<CourtDto> Courts { get; private set; } = [];
    public string? CourtId { get; private set; }
    public CourtReport? Report { get; private set; }

    static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    /// <summary>The same figures as a workbook; with a bad period, the page with its error.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } denied) return denied;
        if (Report is null) return Page();
        var names = Courts.ToDictionary(c => c.Id, c => c.Name, StringComparer.Ordinal);
        return File(StatisticsWorkbook.Build(Report, names), StatisticsWorkbook.MediaType, StatisticsWorkbook.FileName(Report));
    }

    async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var court = await StatisticsScope.CourtAsync(users, db, User, CourtQuery, ct);
        if (!court.IsOk) return court.Error!.Status == 404 ? NotFound() : Forbid();
        IsAdmin = User.IsInRole(Roles.Admin);
        CourtId = court.Value;
        Courts = await CourtsModule.ListAsync(db, ct);
        if (CourtId is null) return null; // a system admin picks a court first
        var r = await stats.ReportAsync(CourtId, From, To, ct);
        if (!r.IsOk)
        {
            r.Error!.AddTo(ModelState, l);
            return null;
        }
        Report = r.Value;
        From = Report.Stats.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        To = Report.Stats.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return null;
    }

    public string CourtName(string id) =>
        Courts.FirstOrDefault(c => c.Id == id) is { } c ? English ? c.NameEn : c.Name : id;

    public string CaseTypeName(string code) => CaseTypes.Find(code) is { } t ? l[t.NameZh] : code;

    public static string Minutes(double? minutes) => minutes is { } m ? m.ToString("0.#", CultureInfo.CurrentCulture) : "—";

    public static string Percent(double? share) => share is { } s ? (s * 100).ToString("0.#", CultureInfo.CurrentCulture) + "%" : "—";

    public string ExportLink => Url.Page("/Statistics/Index", "Export", new { courtId = IsAdmin ? CourtId : null, from = From, to = To })!;

    /// <summary>What stats-charts.js draws: volumes (bars) and the median (line) per period, and the times per case type.</summary>
    public string ChartJson()
    {
        if (Report is not { } report) return "[]";
        var p = report.Periods;
        var t = report.Stats.ByCaseType;
        StatsChart[] charts =
        [
            new StatsChart("chart-periods", l["各期间立案数量与立案用时中位数"], [.. p.Select(x => x.Label)], [l["件"], l["分钟"]],
            [
                new StatsSeries(l["提交件数"], "bar", 0, [.. p.Select(x => (double?)x.Submitted)]),
                new StatsSeries(l["登记立案件数"], "bar", 0, [.. p.Select(x => (double?)x.Registered)]),
                new StatsSeries(l["不予受理件数"], "bar", 0, [.. p.Select(x => (double?)x.Rejected)]),
                new StatsSeries(l["要求补正件数"], "bar", 0, [.. p.Select(x => (double?)x.CorrectionRequested)]),
                new StatsSeries(l["立案用时中位数（分钟）"], "line", 1, [.. p.Select(x => x.MedianMinutesToRegistration)]),
            ]),
            new StatsChart("chart-case-types", l["各案件类型立案用时"], [.. t.Select(x => CaseTypeName(x.CaseType))], [l["分钟"]],
            [
                new StatsSeries(l["立案用时中位数（分钟）"], "bar", 0, [.. t.Select(x => x.MedianMinutesToRegistration)]),
                new StatsSeries(l["立案用时第 90 百分位（分钟）"], "bar", 0, [.. t.Select(x => x.P90MinutesToRegistration)]),
            ]),
        ];
        return StatsChart.Serialize(charts);
    }
}

/// <summary>
/// One chart for wwwroot/js/stats-charts.js: the categories (on the x axis, or on the y axis when
/// <paramref name="Horizontal"/>, for long names), one or two value axes, the series.
/// </summary>
public sealed record StatsChart(string Id, string Title, IReadOnlyList<string> Categories, IReadOnlyList<string> Axes,
    IReadOnlyList<StatsSeries> Series, bool Horizontal = false)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// JSON for a <c>&lt;script type="application/json"&gt;</c> element: the default encoder escapes &lt;, &gt; and
    /// &amp;, so no value can close the element.
    /// </summary>
    public static string Serialize(IReadOnlyList<StatsChart> charts) => JsonSerializer.Serialize(charts, Json);
}

public sealed record StatsSeries(string Name, string Type, int Axis, IReadOnlyList<double?> Data);
