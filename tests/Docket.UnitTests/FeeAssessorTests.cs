using System.Globalization;
using Docket.Web.Features.Fees;

namespace Docket.UnitTests;

/// <summary>
/// What is prepaid at registration and the fee status (fees.md "Reductions" and "Who prepays"; filing.md
/// "Registration"): enforcement after enforcement, labour remuneration not prepaid, free matters none, the
/// simplified procedure halves the prepaid fee (rounded once, after halving), everything else is due in full.
/// </summary>
public class FeeAssessorTests
{
    static decimal D(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);

    [Theory]
    // caseType, matter, amount, laborRemuneration, procedure → full fee, prepaid, status, reduction
    [InlineData("civil-first-instance", "property", "130000", false, "ordinary", "2900", "2900", "due", null)]
    [InlineData("civil-first-instance", "property", "130000", false, "simplified", "2900", "1450", "due", "simplified")]
    [InlineData("civil-first-instance", "property", "8000", false, "simplified", "50", "25", "due", "simplified")]
    [InlineData("civil-first-instance", "property", "10001", false, "ordinary", "50.03", "50.03", "due", null)]
    [InlineData("civil-first-instance", "property", "10001", false, "simplified", "50.03", "25.01", "due", "simplified")]
    [InlineData("civil-first-instance", "divorce", null, false, "ordinary", "50", "50", "due", null)]
    [InlineData("civil-first-instance", "labour", null, false, "ordinary", "10", "10", "due", null)]
    [InlineData("civil-first-instance", "labour", null, false, "simplified", "10", "5", "due", "simplified")]
    [InlineData("civil-first-instance", "labour", null, true, "ordinary", "10", "0", "not-prepaid", null)]
    [InlineData("civil-first-instance", "labour", null, true, "simplified", "10", "0", "not-prepaid", null)]
    [InlineData("civil-first-instance", "property", "36000", true, "ordinary", "700", "0", "not-prepaid", null)]
    [InlineData("enforcement", "enforcement", "130000", false, "ordinary", "1850", "0", "after-enforcement", null)]
    [InlineData("enforcement", "enforcement", null, false, "ordinary", "50", "0", "after-enforcement", null)]
    [InlineData("enforcement", "enforcement", "130000", false, "simplified", "1850", "0", "after-enforcement", null)]
    [InlineData("enforcement", "enforcement", "130000", true, "ordinary", "1850", "0", "after-enforcement", null)]
    [InlineData("payment-order", "payment-order", "130000", false, "ordinary", "966.67", "966.67", "due", null)]
    [InlineData("payment-order", "payment-order", "130000", false, "simplified", "966.67", "483.33", "due", "simplified")]
    [InlineData("administrative-first-instance", "administrative", null, false, "ordinary", "50", "50", "due", null)]
    [InlineData("administrative-first-instance", "administrative-ip-maritime", null, false, "ordinary", "100", "100", "due", null)]
    [InlineData("civil-retrial-application", "none", null, false, "ordinary", "0", "0", "none", null)]
    [InlineData("criminal-private-prosecution", "none", null, false, "simplified", "0", "0", "none", null)]
    [InlineData("judicial-confirmation", "special-procedure", null, false, "ordinary", "0", "0", "none", null)]
    public void Assess_StatusRule_FullFeePrepaidAndStatus(string caseType, string matter, string? amount, bool labor, string procedure,
        string fullFee, string prepaid, string status, string? reduction)
    {
        var a = FeeAssessor.Assess(caseType, matter, amount is null ? null : D(amount), labor, procedure);
        Assert.Equal(D(fullFee), a.FullFee);
        Assert.Equal(D(prepaid), a.Prepaid);
        Assert.Equal(status, a.Status);
        Assert.Equal(reduction, a.Reduction);
        Assert.Equal(FeeCalculator.Quote(matter, amount is null ? null : D(amount)).Basis, a.Basis);
    }

    [Fact]
    public void Assess_PrepaidAmounts_AlwaysWholeFen()
    {
        foreach (var amount in new[] { 10001m, 10003m, 123456.78m, 999999.99m })
            foreach (var procedure in new[] { "ordinary", "simplified" })
            {
                var a = FeeAssessor.Assess("civil-first-instance", "property", amount, false, procedure);
                Assert.Equal(decimal.Round(a.Prepaid, 2), a.Prepaid);
                Assert.Equal(decimal.Round(a.FullFee, 2), a.FullFee);
                Assert.True(a.Prepaid <= a.FullFee);
            }
    }

    [Theory]
    [InlineData("civil-first-instance", "no-such-matter", null, FeeInputException.UnknownMatter)]
    [InlineData("civil-first-instance", "property", null, FeeInputException.AmountRequired)]
    [InlineData("payment-order", "payment-order", null, FeeInputException.AmountRequired)]
    public void Assess_BadInput_FeeInputException(string caseType, string matter, string? amount, string code)
    {
        var x = Assert.Throws<FeeInputException>(() => FeeAssessor.Assess(caseType, matter, amount is null ? null : D(amount), false, "ordinary"));
        Assert.Equal(code, x.Code);
    }
}
