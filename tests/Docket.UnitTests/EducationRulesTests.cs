using Docket.Web.Features.Education;
using Docket.Web.Features.Organisation;

namespace Docket.UnitTests;

public class EducationRulesTests
{
    static readonly TrainingEvent Event = new()
    {
        MinWatchMinutes = 30,
        Sessions = [new(new DateOnly(2026, 3, 1), "am"), new(new DateOnly(2026, 3, 1), "pm")],
        Venues = [new("v1", "主会场", VenueKinds.Main, null, null), new("v2", "分会场", VenueKinds.Sub, null, null), new("v3", "直播", VenueKinds.Online, null, null)],
    };

    [Theory]
    [InlineData(0, "v1", "roll", null, null)]
    [InlineData(1, "v2", "qr", null, null)]
    [InlineData(1, "v3", "stream", 30, null)]
    [InlineData(2, "v1", "roll", null, "session-out-of-range")]
    [InlineData(-1, "v1", "roll", null, "session-out-of-range")]
    [InlineData(0, "v9", "roll", null, "venue-unknown")]
    [InlineData(0, "v1", "stream", 90, "stream-not-online")]
    [InlineData(0, "v3", "qr", null, "online-needs-stream")]
    [InlineData(0, "v3", "stream", 29, "stream-too-short")]
    [InlineData(0, "v3", "stream", null, "stream-too-short")]
    [InlineData(0, "v1", "fax", null, "method-invalid")]
    public void Refusal_EachRule_TheExpectedReason(int session, string venue, string method, int? watched, string? reason) =>
        Assert.Equal(reason, AttendanceRules.Refusal(Event, session, venue, method, watched));

    [Fact]
    public void DemoOfficerName_SameUnitAndNumber_SameChineseNameEveryTime()
    {
        Assert.Equal(DemoOfficers.Name("620600", 7), DemoOfficers.Name("620600", 7));
        var names = Enumerable.Range(1, 1640).Select(n => DemoOfficers.Name("wuwei-psb", n)).ToList();
        Assert.All(names, n => Assert.InRange(n.Length, 2, 3));
        Assert.All(names, n => Assert.All(n, c => Assert.InRange(c, '\u4e00', '\u9fff')));
        Assert.True(names.Distinct().Count() > 1000, "names should vary");
        Assert.Equal("o-620600-0007", DemoOfficers.Id("620600", 7));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "<script")]
    [InlineData("[x](javascript:alert(1))", "javascript:")]
    [InlineData("<img src=x onerror=alert(1)>", "<img")]
    [InlineData("![x](data:text/html;base64,PHNjcmlwdD4=)", "data:")]
    public void Render_HostileMarkdown_Sanitized(string markdown, string mustNotContain) =>
        Assert.DoesNotContain(mustNotContain, Materials.Render(markdown), StringComparison.OrdinalIgnoreCase);

    [Fact]
    public void Render_OrdinaryMarkdown_HeadingsListsAndTablesKept()
    {
        var html = Materials.Render("# 第一章\n\n- 一\n- 二\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        Assert.Contains("<h1", html);
        Assert.Contains("<li>一</li>", html);
        Assert.Contains("<table", html);
    }
}
