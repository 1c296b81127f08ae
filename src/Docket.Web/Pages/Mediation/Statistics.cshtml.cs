using System.Globalization;
using Docket.Web.Features.Accounts;
using Docket.Web.Features.Mediation;
using Docket.Web.Pages.Statistics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Docket.Web.Pages.Mediation;

/// <summary>
/// Mediation statistics (<see cref="MediationStatistics"/>): success rate, amount resolved, average rating, cases per
/// dispute type, per room and per month, as tables, and charts drawn by stats-charts.js from the same figures.
/// <c>/Mediation/Statistics/Export</c> gives them as an .xlsx workbook. No party appears anywhere.
/// </summary>
[Authorize]
public sealed class StatisticsModel(MediationStatistics stats, UserManager<User> users, IStringLocalizer<Messages> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "roomId")] public string? RoomQuery { get; set; }
    [BindProperty(SupportsGet = true, Name = "from")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")] public string? To { get; set; }

    public IReadOnlyList<MediationRoom> Rooms { get; private set; } = [];
    public MediationReport? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } denied) return denied;
        if (Report is null) return Page();
        return File(MediationWorkbook.Build(Report), MediationWorkbook.MediaType, MediationWorkbook.FileName(Report));
    }

    async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var staff = await MediationPages.StaffAsync(users, User);
        if (!staff.IsOk) return NotFound();
        Rooms = await stats.RoomsAsync(staff.Value, ct);
        var roomId = string.IsNullOrWhiteSpace(RoomQuery) ? null : RoomQuery.Trim();
        var r = await stats.ReportAsync(staff.Value, roomId, From, To, ct);
        if (!r.IsOk)
        {
            if (r.Error!.Status == 404) return NotFound();
            r.Error.AddTo(ModelState, l);
            return null;
        }
        Report = r.Value;
        From = Report.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        To = Report.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return null;
    }

    public static string Percent(decimal share) => (share * 100).ToString("0.#", CultureInfo.CurrentCulture) + "%";

    public static string Yuan(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    public string ExportLink => Url.Page("/Mediation/Statistics", "Export", new { roomId = Report?.RoomId, from = From, to = To })!;

    /// <summary>What stats-charts.js draws: cases, closings and agreements per month, and cases per dispute type.</summary>
    public string ChartJson()
    {
        if (Report is not { } r) return "[]";
        var m = r.ByMonth;
        var types = r.Totals.ByDisputeType;
        StatsChart[] charts =
        [
            new StatsChart("chart-months", l["各月调解案件"], [.. m.Select(x => x.Month)], [l["件"]],
            [
                new StatsSeries(l["受理"], "bar", 0, [.. m.Select(x => (double?)x.Cases)]),
                new StatsSeries(l["结案"], "bar", 0, [.. m.Select(x => (double?)x.Closed)]),
                new StatsSeries(l["达成协议"], "bar", 0, [.. m.Select(x => (double?)x.Agreements)]),
            ]),
            new StatsChart("chart-dispute-types", l["各纠纷类型案件数"], [.. types.Keys.Select(k => MediationLabels.DisputeType(l, k))], [l["件"]],
            [
                new StatsSeries(l["件数"], "bar", 0, [.. types.Values.Select(v => (double?)v)]),
            ], Horizontal: true),
        ];
        return StatsChart.Serialize(charts);
    }
}
