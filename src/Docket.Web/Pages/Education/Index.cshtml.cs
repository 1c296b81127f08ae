using System.Globalization;
using Docket.Web.Features.Accounts;
using Docket.Web.Features.Education;
using Docket.Web.Features.Organisation;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Pages.Statistics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;

namespace Docket.Web.Pages.Education;

/// <summary>
/// The committee overview of a committee or unit admin (phone-friendly): participation rate per child unit for a
/// period (this month by default), the latest training events with their attendance, the rectification ledger's
/// counts per category and the service activities per month (this year by default, or the period picked) — tables,
/// with ECharts charts drawn from the same figures, and <c>?handler=Export</c> the same as an .xlsx workbook.
/// Counts only: no officer's or responsible person's name appears here or in the workbook.
/// </summary>
[Authorize(Roles = $"{Roles.UnitAdmin},{Roles.CommitteeAdmin},{Roles.Admin}")]
public sealed class IndexModel(UserManager<User> users, DocketDbContext db, Participation participation, EventReport reports,
    Rectifications rectifications, ServiceActivities service, IStringLocalizer<Messages> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "from")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")] public string? To { get; set; }

    public ParticipationDto? Study { get; private set; }
    public List<(TrainingEventDto Event, EventReportDto Report)> Events { get; } = [];
    public RectificationReportDto? Ledger { get; private set; }
    public ServiceReportDto? Service { get; private set; }

    /// <summary>Activities and beneficiaries per month over the whole subtree.</summary>
    public List<(string Month, int Activities, int Beneficiaries)> ServiceMonths { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    /// <summary>The same counts as a workbook (Chinese sheets and headers whatever the page language); with a bad period, the page.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } denied) return denied;
        if (Study is not { } s || Ledger is not { } ledger || Service is not { } svc) return Page();
        var saved = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        Dictionary<string, object> sheets;
        try
        {
            static Dictionary<string, object?> Line(string item, object? value) => new() { ["项目"] = item, ["数值"] = value };
            sheets = new Dictionary<string, object>
            {
                ["概况"] = new List<Dictionary<string, object?>>
                {
                    Line("单位", s.Name), Line("起始日期", s.From), Line("截止日期", s.To), Line("干警人数", s.Officers), Line("参学人数", s.Participating),
                    Line("参学率", s.Rate), Line("整改事项未销号", ledger.Open), Line("整改事项已逾期", ledger.Overdue), Line("整改事项已销号", ledger.Closed),
                    Line("为民办实事活动数", svc.Activities), Line("为民办实事受益人数", svc.Beneficiaries),
                },
                ["参学率"] = new[] { s }.Concat(s.Children).Select(u => new Dictionary<string, object?>
                {
                    ["单位"] = u.Name, ["单位代码"] = u.UnitId, ["干警人数"] = u.Officers, ["参学人数"] = u.Participating, ["参学率"] = u.Rate,
                }).ToList(),
                ["查纠整改"] = ledger.Categories.Select(kv => new Dictionary<string, object?>
                {
                    ["问题类别"] = CategoryLabel(kv.Key), ["未销号"] = kv.Value.Open, ["已逾期"] = kv.Value.Overdue, ["已销号"] = kv.Value.Closed,
                }).ToList(),
                ["为民办实事"] = ServiceMonths.Select(m => new Dictionary<string, object?>
                {
                    ["月份"] = m.Month, ["活动数"] = m.Activities, ["受益人数"] = m.Beneficiaries,
                }).ToList(),
                ["培训轮训"] = Events.Select(x => new Dictionary<string, object?>
                {
                    ["培训名称"] = x.Event.Title, ["开始日期"] = x.Event.StartDate, ["结束日期"] = x.Event.EndDate, ["应到"] = x.Report.Expected,
                    ["实到"] = x.Report.Attended, ["参训率"] = x.Report.Rate,
                }).ToList(),
            };
        }
        finally { CultureInfo.CurrentUICulture = saved; }
        var stream = new MemoryStream();
        await stream.SaveAsAsync(sheets, cancellationToken: ct);
        stream.Position = 0;
        return File(stream, Features.Statistics.StatisticsWorkbook.MediaType, $"docket-education-{s.UnitId}-{s.From}-{s.To}.xlsx");
    }

    async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var caller = await OrgScope.ManagerAsync(users, db, User, ct);
        if (!caller.IsOk) return Forbid();
        var c = caller.Value;
        From = string.IsNullOrWhiteSpace(From) ? null : From.Trim();
        To = string.IsNullOrWhiteSpace(To) ? null : To.Trim();
        var study = await participation.HandleAsync(c, null, From, To, null, ct);
        if (!study.IsOk)
        {
            if (study.Error!.Status == 404) return NotFound();
            study.Error.AddTo(ModelState, l);
            return null;
        }
        Study = study.Value;
        var svc = await service.ReportAsync(c, null, From, To, ct);
        if (!svc.IsOk)
        {
            svc.Error!.AddTo(ModelState, l);
            return null;
        }
        Service = svc.Value;
        ServiceMonths = [.. Service.ByUnitAndMonth.GroupBy(m => m.Month).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Sum(m => m.Activities), g.Sum(m => m.Beneficiaries)))];
        foreach (var e in (await TrainingEvents.ListAsync(db, c, 1, 5, ct)).Items)
            if ((await reports.HandleAsync(c, e.Id, ct)) is { IsOk: true } r) Events.Add((e, r.Value));
        var ledger = await rectifications.ReportAsync(c, null, ct);
        if (ledger.IsOk) Ledger = ledger.Value;
        return null;
    }

    public string CategoryLabel(string category) => l["education.category." + category];

    public string ExportLink => Url.Page("/Education/Index", "Export", new { from = From, to = To })!;

    public static string Percent(double rate) => (rate * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>What stats-charts.js draws: the rate per child unit, the ledger per category, the services per month, the events' attendance.</summary>
    public string ChartJson()
    {
        var charts = new List<StatsChart>();
        if (Study is { } s)
            charts.Add(new StatsChart("chart-participation", l["各单位参学率"], [.. s.Children.Select(c => c.Name)], ["%"],
                [new StatsSeries(l["参学率"], "bar", 0, [.. s.Children.Select(c => (double?)Math.Round(c.Rate * 100, 1))])], Horizontal: true));
        if (Ledger is { } g)
            charts.Add(new StatsChart("chart-ledger", l["整改事项按类别"], [.. g.Categories.Keys.Select(CategoryLabel)], [l["件"]],
            [
                new StatsSeries(l["未销号"], "bar", 0, [.. g.Categories.Values.Select(v => (double?)v.Open)]),
                new StatsSeries(l["已逾期"], "bar", 0, [.. g.Categories.Values.Select(v => (double?)v.Overdue)]),
                new StatsSeries(l["已销号"], "bar", 0, [.. g.Categories.Values.Select(v => (double?)v.Closed)]),
            ], Horizontal: true));
        charts.Add(new StatsChart("chart-service", l["为民办实事按月"], [.. ServiceMonths.Select(m => m.Month)], [l["件"], l["人"]],
        [
            new StatsSeries(l["活动数"], "bar", 0, [.. ServiceMonths.Select(m => (double?)m.Activities)]),
            new StatsSeries(l["受益人数"], "line", 1, [.. ServiceMonths.Select(m => (double?)m.Beneficiaries)]),
        ]));
        charts.Add(new StatsChart("chart-events", l["培训参训情况"], [.. Events.Select(e => e.Event.Title)], [l["人"]],
        [
            new StatsSeries(l["应到"], "bar", 0, [.. Events.Select(e => (double?)e.Report.Expected)]),
            new StatsSeries(l["实到"], "bar", 0, [.. Events.Select(e => (double?)e.Report.Attended)]),
        ], Horizontal: true));
        return StatsChart.Serialize(charts);
    }
}
