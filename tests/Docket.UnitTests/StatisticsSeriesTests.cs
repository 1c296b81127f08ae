using Docket.Web.Features.Filings;
using Docket.Web.Features.Statistics;
using Row = Docket.Web.Features.Statistics.CourtStatistics.Row;

namespace Docket.UnitTests;

/// <summary>
/// The statistics page's breakdown: Asia/Shanghai days for a period of up to 62 days, calendar months (the first and
/// last clipped) beyond, each computed with the headline's own definitions.
/// </summary>
public class StatisticsSeriesTests
{
    static DateOnly D(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd");

    static DateTime Utc(string s) => DateTime.SpecifyKind(DateTime.Parse(s, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);

    /// <summary>A filing of court 620622 submitted <paramref name="minutes"/> before its registration at <paramref name="registeredUtc"/>.</summary>
    static Row Registered(string registeredUtc, double minutes = 30)
    {
        var at = Utc(registeredUtc);
        var submitted = at.AddMinutes(-minutes);
        return new Row("620622", null, "civil-first-instance", "买卖合同纠纷", FilingStatus.Registered, submitted, submitted, at, at, null, submitted, null);
    }

    [Theory]
    [InlineData("2026-03-01", "2026-03-01", StatisticsSeries.Day)]
    [InlineData("2026-03-01", "2026-05-01", StatisticsSeries.Day)]   // 62 days
    [InlineData("2026-03-01", "2026-05-02", StatisticsSeries.Month)] // 63 days
    [InlineData("2026-01-01", "2026-12-31", StatisticsSeries.Month)]
    public void GranularityOf_RangeLength_DayUpTo62DaysElseMonth(string from, string to, string expected)
    {
        Assert.Equal(expected, StatisticsSeries.GranularityOf(D(from), D(to)));
    }

    [Fact]
    public void Buckets_ShortRange_OneBucketPerDay()
    {
        var b = StatisticsSeries.Buckets(D("2026-02-27"), D("2026-03-02"));
        Assert.Equal(["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"], b.Select(x => x.Label));
        Assert.All(b, x => Assert.Equal(x.From, x.To));
        Assert.Equal(62, StatisticsSeries.Buckets(D("2026-03-01"), D("2026-05-01")).Count);
    }

    [Fact]
    public void Buckets_LongRange_CalendarMonthsClippedToThePeriod()
    {
        var b = StatisticsSeries.Buckets(D("2026-01-15"), D("2026-04-10"));
        Assert.Equal(["2026-01", "2026-02", "2026-03", "2026-04"], b.Select(x => x.Label));
        Assert.Equal((D("2026-01-15"), D("2026-01-31")), (b[0].From, b[0].To));
        Assert.Equal((D("2026-02-01"), D("2026-02-28")), (b[1].From, b[1].To));
        Assert.Equal((D("2026-03-01"), D("2026-03-31")), (b[2].From, b[2].To));
        Assert.Equal((D("2026-04-01"), D("2026-04-10")), (b[3].From, b[3].To));
    }

    [Fact]
    public void Buckets_YearEndAndLeapYear_MonthsInOrder()
    {
        var b = StatisticsSeries.Buckets(D("2027-11-20"), D("2028-03-05"));
        Assert.Equal(["2027-11", "2027-12", "2028-01", "2028-02", "2028-03"], b.Select(x => x.Label));
        Assert.Equal(D("2028-02-29"), b[3].To);
    }

    /// <summary>23:59 and 00:00 Beijing time are 15:59 and 16:00 UTC: the day turns at 16:00 UTC, not at midnight UTC.</summary>
    [Fact]
    public void Periods_Days_SplitAtShanghaiMidnight()
    {
        Row[] own =
        [
            Registered("2026-03-01T15:59:00", 10), // 2026-03-01 23:59 in Shanghai
            Registered("2026-03-01T16:00:00", 20), // 2026-03-02 00:00
            Registered("2026-03-02T15:00:00", 40), // 2026-03-02 23:00
        ];
        var p = StatisticsSeries.Periods(own, D("2026-03-01"), D("2026-03-03"));
        Assert.Equal(["2026-03-01", "2026-03-02", "2026-03-03"], p.Select(x => x.Label));
        Assert.Equal([1, 2, 0], p.Select(x => x.Registered));
        Assert.Equal([2, 1, 0], p.Select(x => x.Submitted)); // the second was submitted at 23:40 on 1 March
        Assert.Equal((10.0, 10.0), (p[0].MedianMinutesToRegistration, p[0].P90MinutesToRegistration));
        Assert.Equal((20.0, 40.0), (p[1].MedianMinutesToRegistration, p[1].P90MinutesToRegistration));
        Assert.Null(p[2].MedianMinutesToRegistration);
        Assert.Null(p[2].P90MinutesToRegistration);
    }

    [Fact]
    public void Periods_Months_SplitAtShanghaiMidnightOfTheFirst()
    {
        Row[] own =
        [
            Registered("2026-02-28T15:30:00"), // 2026-02-28 23:30 in Shanghai
            Registered("2026-02-28T16:30:00"), // 2026-03-01 00:30
            Registered("2026-04-30T15:59:59"), // 2026-04-30 23:59:59, the last second of the period
            Registered("2026-04-30T16:00:00"), // 2026-05-01 00:00, after it
        ];
        var p = StatisticsSeries.Periods(own, D("2026-02-01"), D("2026-04-30"));
        Assert.Equal(["2026-02", "2026-03", "2026-04"], p.Select(x => x.Label));
        Assert.Equal([1, 1, 1], p.Select(x => x.Registered));
    }

    [Fact]
    public void Periods_RejectedCorrectedAndSubmitted_CountedInTheDayOfTheirOwnEvent()
    {
        var submitted = Utc("2026-03-01T02:00:00");   // 10:00 on 1 March in Shanghai
        var decided = Utc("2026-03-02T01:00:00");     // 09:00 on 2 March
        Row[] own =
        [
            new("620622", null, "civil-first-instance", "买卖合同纠纷", FilingStatus.Rejected, submitted, submitted, null, decided, null, decided, null),
            new("620622", null, "civil-first-instance", "买卖合同纠纷", FilingStatus.CorrectionRequested, submitted, submitted, null, null, null, decided, decided),
        ];
        var p = StatisticsSeries.Periods(own, D("2026-03-01"), D("2026-03-02"));
        Assert.Equal([2, 0], p.Select(x => x.Submitted));
        Assert.Equal([0, 1], p.Select(x => x.Rejected));
        Assert.Equal([0, 1], p.Select(x => x.CorrectionRequested));
        Assert.All(p, x => Assert.Equal(0, x.Registered));
    }

    [Fact]
    public void Periods_CorrectionWaiting_ExcludedAsInTheHeadline()
    {
        var first = Utc("2026-03-01T01:00:00");
        var corrected = first.AddMinutes(15);
        var again = corrected.AddDays(1);
        var registered = again.AddMinutes(5);
        Row[] own = [new("620622", null, "civil-first-instance", "买卖合同纠纷", FilingStatus.Registered, first, again, registered, registered, null, first, corrected)];
        var p = StatisticsSeries.Periods(own, D("2026-03-01"), D("2026-03-02"));
        Assert.Equal(20, p[1].MedianMinutesToRegistration);
    }
}
