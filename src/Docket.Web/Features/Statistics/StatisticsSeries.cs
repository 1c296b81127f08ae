using System.Globalization;
using Docket.Web.Infrastructure.Time;

namespace Docket.Web.Features.Statistics;

/// <summary>One day or month of a court's statistics: the same volumes and times as the period's headline.</summary>
public sealed record PeriodStatsDto(
    string Label, DateOnly From, DateOnly To, int Submitted, int Registered, int Rejected, int CorrectionRequested,
    double? MedianMinutesToRegistration, double? P90MinutesToRegistration);

/// <summary>A court's statistics for a period (<see cref="CourtStatsDto"/>) and their breakdown per day or month.</summary>
public sealed record CourtReport(CourtStatsDto Stats, string Granularity, IReadOnlyList<PeriodStatsDto> Periods);

/// <summary>
/// Splits a period into Asia/Shanghai days (up to <see cref="MaxDaysByDay"/> days) or calendar months (the first and
/// last clipped to the period), and computes each with <see cref="CourtStatistics.Volumes"/> — one definition of
/// "submitted", "registered", … for the headline and for its parts.
/// </summary>
public static class StatisticsSeries
{
    public const int MaxDaysByDay = 62;
    public const string Day = "day";
    public const string Month = "month";

    public static string GranularityOf(DateOnly from, DateOnly to) => to.DayNumber - from.DayNumber + 1 <= MaxDaysByDay ? Day : Month;

    /// <summary>The days or months of [<paramref name="from"/>, <paramref name="to"/>] (inclusive dates), in order.</summary>
    public static IReadOnlyList<(string Label, DateOnly From, DateOnly To)> Buckets(DateOnly from, DateOnly to)
    {
        var buckets = new List<(string, DateOnly, DateOnly)>();
        if (to < from) return buckets;
        if (GranularityOf(from, to) == Day)
        {
            for (var d = from; d <= to; d = d.AddDays(1))
                buckets.Add((d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d, d));
            return buckets;
        }
        for (var start = from; start <= to;)
        {
            var monthEnd = new DateOnly(start.Year, start.Month, 1).AddMonths(1).AddDays(-1);
            var end = monthEnd < to ? monthEnd : to;
            buckets.Add((start.ToString("yyyy-MM", CultureInfo.InvariantCulture), start, end));
            start = end.AddDays(1);
        }
        return buckets;
    }

    /// <summary>Each day or month of the period for a court's own filings (<paramref name="own"/>).</summary>
    internal static List<PeriodStatsDto> Periods(IReadOnlyList<CourtStatistics.Row> own, DateOnly from, DateOnly to) =>
    [
        .. Buckets(from, to).Select(b =>
        {
            var v = CourtStatistics.Volumes(own, ChinaTime.StartOfDay(b.From), ChinaTime.StartOfDay(b.To.AddDays(1)));
            var minutes = CourtStatistics.ToRegistration(v.Registered);
            return new PeriodStatsDto(b.Label, b.From, b.To, v.Submitted, v.Registered.Count, v.Rejected, v.CorrectionRequested,
                CourtStatistics.Percentile(minutes, 50), CourtStatistics.Percentile(minutes, 90));
        }),
    ];
}
