using Docket.Web.Features.Calendar;
using Docket.Web.Features.Notices;

namespace Docket.UnitTests;

/// <summary>Periods from service count from the Asia/Shanghai day of service, past weekends and holidays.</summary>
public class ServicePeriodsTests
{
    static readonly WorkingCalendar Calendar = WorkingCalendar.ParseCsv(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "cn-calendar.csv")));

    [Theory]
    // Served on a Monday morning in Shanghai: day 7 is the next Monday.
    [InlineData("2026-11-23T01:00:00Z", "2026-11-30")]
    // 23:30 UTC on Sunday 22 November is already Monday 23 November in Shanghai.
    [InlineData("2026-11-22T23:30:00Z", "2026-11-30")]
    // 15:59 UTC is still Sunday in Shanghai: day 7 is Sunday 29 November, moved to Monday 30.
    [InlineData("2026-11-22T15:59:00Z", "2026-11-30")]
    // Served on 24 September 2025: day 7 is 1 October (National Day), moved past the holiday to 9 October.
    [InlineData("2025-09-24T02:00:00Z", "2025-10-09")]
    // Served on 21 September 2025: day 7 is Sunday 28 September, an adjusted working day: it stays.
    [InlineData("2025-09-21T02:00:00Z", "2025-09-28")]
    public void FeeDueDate_ServedAt_SevenDaysFromTheNextShanghaiDayPastNonWorkingDays(string servedAt, string due) =>
        Assert.Equal(DateOnly.Parse(due), ServicePeriods.FeeDueDate(DateTimeOffset.Parse(servedAt).UtcDateTime, Calendar));
}
