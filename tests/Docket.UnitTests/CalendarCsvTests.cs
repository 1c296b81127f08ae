using Docket.Web.Features.Calendar;

namespace Docket.UnitTests;

/// <summary>The whole-file check behind the calendar import: every bad row reported with its line and reason.</summary>
public class CalendarCsvTests
{
    const string Good2027 = """
        date,kind,name
        2027-01-01,holiday,元旦
        2027-09-26,workday,国庆节调休上班
        2027-10-01,holiday,国庆节
        2027-10-02,holiday,国庆节
        2027-10-03,holiday,国庆节
        2027-10-05,holiday,国庆节
        2027-10-09,workday,国庆节调休上班
        """;

    static (int Line, string Code)[] Errors(CalendarCsvReport r) => [.. r.Errors.Select(e => (e.Line, e.Code))];

    [Fact]
    public void Validate_GoodFile_AllRowsOneYearNoErrors()
    {
        var r = CalendarCsv.Validate(Good2027);
        Assert.True(r.IsValid);
        Assert.Equal(2027, r.Year);
        Assert.Equal(7, r.Rows.Count);
        Assert.Equal(new CalendarCsvRow(3, new DateOnly(2027, 9, 26), CalendarDayKind.Workday, "国庆节调休上班"), r.Rows[1]);
    }

    [Fact]
    public void Validate_ShippedFile_HasTwoYears_SoTheSecondYearsRowsAreWrongYear()
    {
        var r = CalendarCsv.Validate(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "cn-calendar.csv")));
        Assert.Equal(2025, r.Year);
        Assert.NotEmpty(r.Errors);
        Assert.All(r.Errors, e => Assert.Equal(CalendarCsv.WrongYear, e.Code));
        Assert.All(r.Errors, e => Assert.Equal(2025, e.Arg));
    }

    [Fact]
    public void Validate_BomCrlfBlankLinesSpacesAndQuotedName_Tolerated()
    {
        var text = "\uFEFFDate, Kind ,NAME\r\n\r\n2027-10-01 , Holiday , \"国庆节,中秋节\"\r\n2027-10-09,WORKDAY,\r\n\r\n";
        var r = CalendarCsv.Validate(text);
        Assert.True(r.IsValid, string.Join("; ", r.Errors));
        Assert.Equal([(3, "国庆节,中秋节"), (4, "")], r.Rows.Select(x => (x.Line, x.Name)));
        Assert.Equal([CalendarDayKind.Holiday, CalendarDayKind.Workday], r.Rows.Select(x => x.Kind));
    }

    [Theory]
    [InlineData("2027-02-30,holiday,x", CalendarCsv.DateInvalid)]
    [InlineData("2027/10/01,holiday,x", CalendarCsv.DateInvalid)]
    [InlineData("1999-10-01,holiday,x", CalendarCsv.DateInvalid)]
    [InlineData(",holiday,x", CalendarCsv.DateInvalid)]
    [InlineData("2027-10-04,vacation,x", CalendarCsv.KindUnknown)]
    [InlineData("2027-10-04", CalendarCsv.KindUnknown)]
    [InlineData("2027-10-01,holiday,again", CalendarCsv.Duplicate)]
    [InlineData("2028-01-01,holiday,元旦", CalendarCsv.WrongYear)]
    [InlineData("2027-10-04,holiday,一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一", CalendarCsv.NameTooLong)]
    public void Validate_OneBadRow_ReportsItsLineAndCode_AndKeepsCheckingTheRest(string bad, string code)
    {
        var r = CalendarCsv.Validate(Good2027 + "\n" + bad + "\n2027-12-31,holiday,after");
        Assert.False(r.IsValid);
        Assert.Equal([(9, code)], Errors(r));
        Assert.Contains(r.Rows, x => x.Line == 10); // the row after the bad one was still checked
    }

    [Fact]
    public void Validate_Duplicate_NamesTheFirstLine()
    {
        var e = Assert.Single(CalendarCsv.Validate(Good2027 + "\n2027-10-02,holiday,x").Errors);
        Assert.Equal((9, CalendarCsv.Duplicate, "2027-10-02", 5), (e.Line, e.Code, e.Value, e.Arg));
    }

    [Fact]
    public void Validate_ManyBadRows_EveryOneReported_SeveralReasonsOnOneRow()
    {
        var text = "date,kind,name\n2027-13-01,holiday,x\n2027-10-01,sometimes,x\n\n2027-10-01,holiday,x\n2026-10-01,holiday,x\nnot-a-date,nope," + new string('x', 51);
        var r = CalendarCsv.Validate(text);
        Assert.Equal(2027, r.Year); // the year of the first row with a valid date
        // Line 3 lists 2027-10-01 with a bad kind: line 5 still repeats that date.
        Assert.Equal([(2, CalendarCsv.DateInvalid), (3, CalendarCsv.KindUnknown), (5, CalendarCsv.Duplicate), (6, CalendarCsv.WrongYear),
            (7, CalendarCsv.DateInvalid), (7, CalendarCsv.KindUnknown), (7, CalendarCsv.NameTooLong)], Errors(r));
        Assert.Empty(r.Rows);
    }

    [Fact]
    public void Validate_ChosenYear_EveryRowMustBeInIt()
    {
        var r = CalendarCsv.Validate(Good2027, 2028);
        Assert.Equal(2028, r.Year);
        Assert.Equal(7, r.Errors.Count);
        Assert.All(r.Errors, e => Assert.Equal((CalendarCsv.WrongYear, 2028), (e.Code, e.Arg)));
        Assert.True(CalendarCsv.Validate(Good2027, 2027).IsValid);
    }

    [Theory]
    [InlineData("date,kind\n2027-10-01,holiday,x", 1)]
    [InlineData("\n\ndatum,art,name\n2027-10-01,holiday,x", 3)]
    [InlineData("2027-10-01,holiday,x\n2027-10-02,holiday,x", 1)]
    public void Validate_HeaderMissingOrWrong_HeaderInvalid(string text, int line)
    {
        var r = CalendarCsv.Validate(text);
        Assert.Equal([(line, CalendarCsv.HeaderInvalid)], Errors(r));
        Assert.False(r.IsValid);
    }

    [Fact]
    public void Validate_HeaderOnlyOrEmpty_NotValid()
    {
        Assert.False(CalendarCsv.Validate("date,kind,name\r\n").IsValid);
        Assert.Empty(CalendarCsv.Validate("date,kind,name\r\n").Errors);
        Assert.Equal([(1, CalendarCsv.HeaderInvalid)], Errors(CalendarCsv.Validate("")));
    }

    [Fact]
    public void HolidayGroups_ByName_WithRunsOfConsecutiveDates()
    {
        var groups = CalendarCsv.HolidayGroups(CalendarCsv.Validate(Good2027).Rows);
        Assert.Equal(["元旦", "国庆节"], groups.Select(g => g.Name));
        var national = groups[1];
        Assert.Equal(4, national.Days);
        Assert.Equal([(new DateOnly(2027, 10, 1), new DateOnly(2027, 10, 3)), (new DateOnly(2027, 10, 5), new DateOnly(2027, 10, 5))], national.Ranges);
    }
}
