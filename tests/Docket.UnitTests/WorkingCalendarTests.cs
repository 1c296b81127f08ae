using System.Globalization;
using Docket.Web.Features.Calendar;

namespace Docket.UnitTests;

// Built from the shipped cn-calendar.csv (2025 and 2026 loaded). Weekdays checked by hand:
// 2025-10-01 Wed, 2025-10-11 Sat, 2025-09-28 Sun, 2025-11-15 Sat, 2026-01-04 Sun, 2026-02-14 Sat,
// 2026-02-24 Tue, 2030-01-05 Sat, 2030-10-01 Tue, 2027-01-04 Mon.
public class WorkingCalendarTests
{
    private static readonly WorkingCalendar Calendar =
        WorkingCalendar.ParseCsv(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "cn-calendar.csv")));

    private static DateOnly Day(string value) => DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public void LoadedYears_ShippedCsv_2025And2026()
    {
        Assert.Equal(new SortedSet<int> { 2025, 2026 }, new SortedSet<int>(Calendar.LoadedYears));
    }

    [Theory]
    // National Day / Mid-Autumn 2025: Oct 1–8 off → Thu Oct 9
    [InlineData("2025-09-24", 7, "2025-10-09", true, true)]
    [InlineData("2025-09-30", 1, "2025-10-09", true, true)]
    [InlineData("2025-10-01", 7, "2025-10-09", true, true)] // Oct 8 is still a holiday
    // Spring Festival 2026: Feb 15–23 off → Tue Feb 24
    [InlineData("2026-02-10", 7, "2026-02-24", true, true)]
    [InlineData("2026-02-13", 11, "2026-02-24", false, true)] // first day after the holiday
    // adjusted working days (调休上班) stay
    [InlineData("2025-10-04", 7, "2025-10-11", false, true)] // Saturday
    [InlineData("2025-09-21", 7, "2025-09-28", false, true)] // Sunday
    [InlineData("2026-02-07", 7, "2026-02-14", false, true)] // Saturday
    // plain weekend → Monday
    [InlineData("2025-11-08", 7, "2025-11-17", true, true)] // Saturday
    [InlineData("2025-11-09", 7, "2025-11-17", true, true)] // Sunday
    [InlineData("2025-11-06", 7, "2025-11-13", false, true)] // Thursday
    // year end: Jan 1–3 2026 off, Sunday Jan 4 is an adjusted working day
    [InlineData("2025-12-25", 7, "2026-01-04", true, true)]
    [InlineData("2025-12-24", 7, "2025-12-31", false, true)]
    // years not loaded: weekends only, flagged
    [InlineData("2030-01-01", 4, "2030-01-07", true, false)] // Saturday → Monday
    [InlineData("2030-09-24", 7, "2030-10-01", false, false)] // National Day unknown without the notice
    [InlineData("2026-12-28", 7, "2027-01-04", false, false)] // ends in an unloaded year
    [InlineData("2024-12-30", 7, "2025-01-06", false, false)] // starts in an unloaded year
    // days = 0: the start itself, moved if not a working day
    [InlineData("2025-11-03", 0, "2025-11-03", false, true)]
    [InlineData("2025-10-01", 0, "2025-10-09", true, true)]
    [InlineData("2025-11-15", 0, "2025-11-17", true, true)]
    public void Deadline_Period_MovedToNextWorkingDay(
        string start, int days, string deadline, bool shifted, bool loaded)
    {
        DeadlineResult result = Calendar.Deadline(Day(start), days);

        Assert.Equal(new DeadlineResult(Day(start), days, Day(deadline), shifted, loaded), result);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(-7)]
    [InlineData(int.MinValue)]
    [InlineData(3651)]
    [InlineData(int.MaxValue)]
    public void Deadline_DaysOutOfRange_Throws(int days)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.Deadline(Day("2025-11-03"), days));
    }

    [Fact]
    public void Deadline_MaxDays_Accepted()
    {
        DeadlineResult result = Calendar.Deadline(Day("2025-11-03"), 3650);

        Assert.False(result.CalendarLoaded);
        Assert.True(result.Deadline >= Day("2025-11-03").AddDays(3650));
    }

    [Theory]
    [InlineData("2025-10-01", false)] // holiday (Wednesday)
    [InlineData("2025-10-08", false)] // holiday (Wednesday)
    [InlineData("2025-10-09", true)]
    [InlineData("2025-10-11", true)] // adjusted Saturday
    [InlineData("2025-09-28", true)] // adjusted Sunday
    [InlineData("2025-11-15", false)] // Saturday
    [InlineData("2025-11-16", false)] // Sunday
    [InlineData("2025-11-17", true)]
    [InlineData("2026-01-04", true)] // adjusted Sunday
    [InlineData("2026-02-23", false)] // Spring Festival (Monday)
    [InlineData("2030-01-05", false)] // unloaded year: Saturday
    [InlineData("2030-10-01", true)] // unloaded year: Tuesday
    public void IsWorkingDay_Date_Expected(string date, bool expected)
    {
        Assert.Equal(expected, Calendar.IsWorkingDay(Day(date)));
    }

    [Theory]
    [InlineData("2026-02-15", "2026-02-24")]
    [InlineData("2025-10-01", "2025-10-09")]
    [InlineData("2025-11-03", "2025-11-03")]
    [InlineData("2026-01-01", "2026-01-04")]
    public void NextWorkingDayOnOrAfter_Date_FirstWorkingDay(string date, string expected)
    {
        Assert.Equal(Day(expected), Calendar.NextWorkingDayOnOrAfter(Day(date)));
    }

    [Theory]
    [InlineData("date,kind,name\n2025-01-01,holiday,元旦\n2025-13-01,holiday,x\n", 3)]
    [InlineData("date,kind,name\n2025-01-01,vacation,元旦\n", 2)]
    [InlineData("date,kind,name\n2025-01-01\n", 2)]
    [InlineData("date,kind,name\n\n2025/01/01,holiday,元旦\n", 3)]
    [InlineData("date,kind,name\n2025-01-01,holiday,元旦\n2025-01-01,workday,x\n", 3)]
    [InlineData("2025-01-01,holiday,元旦\n", 1)]
    [InlineData("", 1)]
    public void ParseCsv_BadLine_FormatExceptionWithLineNumber(string csv, int line)
    {
        var ex = Assert.Throws<FormatException>(() => WorkingCalendar.ParseCsv(csv));
        Assert.Contains($"line {line}:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseCsv_BomCrLfBlankLinesAndCommaInName_Parsed()
    {
        var calendar = WorkingCalendar.ParseCsv(
            "\uFEFFdate,kind,name\r\n2027-10-01,holiday,国庆节,中秋节\r\n\r\n2027-09-26,WORKDAY,\r\n");

        Assert.False(calendar.IsWorkingDay(Day("2027-10-01"))); // Friday
        Assert.True(calendar.IsWorkingDay(Day("2027-09-26"))); // Sunday
        Assert.Equal([2027], calendar.LoadedYears.ToArray());
    }

    [Fact]
    public void Constructor_Empty_WeekendsOnlyAndNothingLoaded()
    {
        var calendar = new WorkingCalendar([]);

        Assert.Empty(calendar.LoadedYears);
        Assert.Equal(
            new DeadlineResult(Day("2025-09-24"), 7, Day("2025-10-01"), false, false),
            calendar.Deadline(Day("2025-09-24"), 7));
    }

    [Fact]
    public void Constructor_DuplicateDate_Throws()
    {
        Assert.Throws<ArgumentException>(() => new WorkingCalendar(
        [
            (Day("2025-10-01"), CalendarDayKind.Holiday),
            (Day("2025-10-01"), CalendarDayKind.Workday),
        ]));
    }
}
