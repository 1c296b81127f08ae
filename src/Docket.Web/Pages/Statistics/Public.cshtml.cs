using System.Globalization;
using Docket.Web.Features.Courts;
using Docket.Web.Features.Statistics;
using Docket.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Docket.Web.Pages.Statistics;

/// <summary>
/// For everyone: each court's registrations and median time to registration over the last 30 days — the figures of
/// <c>GET /api/v1/stats/public</c>, with the courts' names. Counts and times only, no personal data.
/// </summary>
[AllowAnonymous]
public sealed class PublicModel(CourtStatistics stats, DocketDbContext db, IStringLocalizer<Messages> l) : PageModel
{
    public sealed record Line(string CourtId, string Name, int Registered, double? MedianMinutesToRegistration);

    public IReadOnlyList<Line> Lines { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var figures = (await stats.PublicAsync(ct)).ToDictionary(f => f.CourtId, StringComparer.Ordinal);
        // In the courts list's order (the province's courts first).
        Lines = [.. (await CourtsModule.ListAsync(db, ct)).Where(c => figures.ContainsKey(c.Id)).Select(c =>
            new Line(c.Id, english ? c.NameEn : c.Name, figures[c.Id].Registered, figures[c.Id].MedianMinutesToRegistration))];
    }

    public string ChartJson() => StatsChart.Serialize(
    [
        new StatsChart("chart-public", l["各法院立案用时中位数（分钟）"], [.. Lines.Select(x => x.Name)], [l["分钟"]],
            [new StatsSeries(l["立案用时中位数（分钟）"], "bar", 0, [.. Lines.Select(x => x.MedianMinutesToRegistration)])], Horizontal: true),
    ]);
}
