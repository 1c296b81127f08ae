using Docket.Web.Features.Screening;
using Docket.Web.Infrastructure.Problems;

namespace Docket.UnitTests;

public sealed class ScreeningRulesTests
{
    static readonly DateTime Now = new(2026, 11, 30, 4, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("open", "high", 7.0, true)]
    [InlineData("open", "high", 6.99, false)]
    [InlineData("open", "medium", 30.0, false)]
    [InlineData("resolved-on-the-spot", "high", 30.0, false)]
    [InlineData("handed-to-mediation", "high", 30.0, false)]
    public void NeedsFollowUp_OpenHighRiskAfterSevenQuietDays(string status, string risk, double quietDays, bool expected) =>
        Assert.Equal(expected, Dispute.NeedsFollowUp(status, risk, Now.AddDays(-quietDays), Now));

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(1, 2, 0.5)]
    [InlineData(2, 3, 0.6667)]
    [InlineData(3, 3, 1)]
    public void Share_RoundedToFourPlaces_ZeroWhenEmpty(int part, int total, decimal expected) =>
        Assert.Equal(expected, ScreeningRules.Share(part, total));

    [Fact]
    public void CheckActionTime_MissingFutureOrOverAYearOld_Named()
    {
        foreach (var at in new DateTimeOffset?[] { null, new DateTimeOffset(Now.AddHours(1)), new DateTimeOffset(Now.AddYears(-1).AddMinutes(-1)) })
        {
            var e = new FieldErrors();
            ScreeningRules.CheckActionTime(at, Now, e);
            Assert.Contains(e.Fields, f => f.Field == "at");
        }
        var ok = new FieldErrors();
        ScreeningRules.CheckActionTime(new DateTimeOffset(Now.AddMinutes(5)), Now, ok);
        ScreeningRules.CheckActionTime(new DateTimeOffset(Now.AddDays(-300)), Now, ok);
        Assert.False(ok.Any);
    }

    [Fact]
    public void Text_TrimmedRequiredAndBounded()
    {
        var e = new FieldErrors();
        Assert.Equal("村口", ScreeningRules.Text("  村口 ", "location", 200, "screening.location-required", e));
        Assert.False(e.Any);
        ScreeningRules.Text("   ", "location", 200, "screening.location-required", e);
        ScreeningRules.Text(new string('长', 201), "summary", 200, "mediation.summary-required", e);
        Assert.Equal(["location", "summary"], e.Fields.Select(f => f.Field).Order().ToArray());
    }
}
