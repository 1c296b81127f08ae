using Docket.Web.Features.Mediation;

namespace Docket.UnitTests;

public sealed class MediationRulesTests
{
    [Theory]
    [InlineData(null, "terms", "perf", 1.0, "agreement.facts")]
    [InlineData("facts", "  ", "perf", 1.0, "agreement.terms")]
    [InlineData("facts", "terms", "", 1.0, "agreement.performance")]
    [InlineData("facts", "terms", "perf", null, "agreement.amount")]
    [InlineData("facts", "terms", "perf", -1.0, "agreement.amount")]
    [InlineData("facts", "terms", "perf", 1.005, "agreement.amount")]
    public void CheckAgreement_MissingOrBadField_NamesIt(string? facts, string? terms, string? performance, double? amount, string field)
    {
        var r = MediationRules.CheckAgreement(facts, terms, performance, amount is { } a ? (decimal)a : null);
        Assert.False(r.IsOk);
        Assert.Equal(new[] { field }, r.Error!.Fields!.Keys);
    }

    [Fact]
    public void CheckAgreement_AllMissing_EveryFieldNamed()
    {
        var r = MediationRules.CheckAgreement(null, null, null, null);
        Assert.Equal(new[] { "agreement.amount", "agreement.facts", "agreement.performance", "agreement.terms" }, r.Error!.Fields!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void CheckAgreement_Complete_TrimmedAndInFen()
    {
        var r = MediationRules.CheckAgreement(" 事实 ", "内容", "十日内", 1234.5m);
        Assert.True(r.IsOk);
        Assert.Equal(new MediationRules.Agreement("事实", "内容", "十日内", 123450), r.Value);
        Assert.Equal(0, MediationRules.CheckAgreement("f", "t", "p", 0m).Value.AmountFen);
    }

    [Theory]
    [InlineData(0, 30)]
    [InlineData(1, 29)]
    [InlineData(30, 0)]
    [InlineData(45, 0)]
    public void DaysLeft_CountsDownFromTheDiversionDay(int daysLater, int left) =>
        Assert.Equal(left, MediationRules.DaysLeft(new DateOnly(2026, 12, 20), new DateOnly(2026, 12, 20).AddDays(daysLater)));

    [Theory]
    [InlineData(0, true)]
    [InlineData(30, true)]
    [InlineData(31, false)]
    public void ConfirmationOpen_Through30Days(int daysLater, bool open) =>
        Assert.Equal(open, MediationRules.ConfirmationOpen(new DateOnly(2026, 12, 20), new DateOnly(2026, 12, 20).AddDays(daysLater)));

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(1, 2, 0.5)]
    [InlineData(2, 3, 0.6667)]
    public void SuccessRate_AgreementsOverClosed(int agreements, int closed, double rate) =>
        Assert.Equal((decimal)rate, MediationRules.SuccessRate(agreements, closed));
}
