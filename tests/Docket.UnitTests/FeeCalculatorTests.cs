using System.Globalization;
using Docket.Web.Features.Fees;

namespace Docket.UnitTests;

// Expected values are computed by hand from fees.md (cumulative fee at each boundary in the comments).
public class FeeCalculatorTests
{
    private static decimal D(string value) => decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture);

    private static decimal? N(string? value) => value is null ? null : D(value);

    [Fact]
    public void Matters_AllMattersInSpec_ListedInSpecOrder()
    {
        string[] expected =
        [
            "property", "divorce", "personality-rights", "other-non-property", "intellectual-property", "labour",
            "administrative", "administrative-ip-maritime", "jurisdiction-objection", "enforcement", "preservation",
            "payment-order", "public-summons", "arbitration-set-aside", "special-procedure", "none",
        ];
        Assert.Equal(expected, FeeCalculator.Matters);
    }

    [Fact]
    public void Reductions_AllFour_Listed()
    {
        Assert.Equal(["mediated", "withdrawn", "simplified", "counterclaim"], FeeCalculator.Reductions);
    }

    [Theory]
    [InlineData("property", true)]
    [InlineData("none", true)]
    [InlineData("payment-order", true)]
    [InlineData("Property", false)]
    [InlineData(" property", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("civil-first-instance", false)]
    public void IsKnownMatter_ApiSpelling_OnlyExactMatch(string? matter, bool expected)
    {
        Assert.Equal(expected, FeeCalculator.IsKnownMatter(matter));
    }

    [Theory]
    [InlineData("property", true)]
    [InlineData("payment-order", true)]
    [InlineData("preservation", true)]
    [InlineData("divorce", false)]
    [InlineData("personality-rights", false)]
    [InlineData("intellectual-property", false)]
    [InlineData("enforcement", false)]
    [InlineData("labour", false)]
    [InlineData("none", false)]
    public void RequiresAmount_Matter_OnlyPropertyPaymentOrderPreservation(string matter, bool expected)
    {
        Assert.Equal(expected, FeeCalculator.RequiresAmount(matter));
    }

    [Theory]
    // property (Art. 13(1)): 10,000 → 50 + 2.5% × 120,000 ... here 8,000 → 50 flat
    [InlineData("property", "8000", "50", null, null)]
    // divorce (Art. 13(2)(1)): 50–300; over 200,000 plus 0.5% of the excess on both ends
    [InlineData("divorce", null, "50", "50", "300")]
    [InlineData("divorce", "0", "50", "50", "300")]
    [InlineData("divorce", "200000", "50", "50", "300")]
    [InlineData("divorce", "200000.01", "50", "50", "300")] // + 0.00005
    [InlineData("divorce", "300000", "550", "550", "800")] // + 0.5% × 100,000 = 500
    [InlineData("divorce", "200001", "50.01", "50.01", "300.01")] // + 0.005 → half-up
    // personality rights (Art. 13(2)(2)): 100–500; damages: 0 to 50,000, 1% to 100,000, 0.5% above
    [InlineData("personality-rights", null, "100", "100", "500")]
    [InlineData("personality-rights", "50000", "100", "100", "500")]
    [InlineData("personality-rights", "60000", "200", "200", "600")] // + 1% × 10,000
    [InlineData("personality-rights", "100000", "600", "600", "1000")] // + 1% × 50,000
    [InlineData("personality-rights", "150000", "850", "850", "1250")] // + 500 + 0.5% × 50,000
    [InlineData("other-non-property", null, "50", "50", "100")]
    // intellectual property (Art. 13(3)): 500–1,000 without an amount, property scale with one
    [InlineData("intellectual-property", null, "500", "500", "1000")]
    [InlineData("intellectual-property", "0", "500", "500", "1000")]
    [InlineData("intellectual-property", "130000", "2900", null, null)]
    [InlineData("labour", null, "10", null, null)]
    [InlineData("labour", "50000", "10", null, null)] // amount ignored
    [InlineData("administrative", null, "50", null, null)]
    [InlineData("administrative-ip-maritime", null, "100", null, null)]
    [InlineData("jurisdiction-objection", null, "50", "50", "100")]
    // enforcement (Art. 14(1)): 50–500 without an amount; scale with one: 50 + 1.5% × 90,000
    [InlineData("enforcement", null, "50", "50", "500")]
    [InlineData("enforcement", "0", "50", "50", "500")]
    [InlineData("enforcement", "100000", "1400", null, null)]
    // preservation (Art. 14(2)): 30 + 1% × 99,000 = 1,020; capped at 5,000
    [InlineData("preservation", "100000", "1020", null, null)]
    [InlineData("preservation", "1000000", "5000", null, null)]
    // payment order (Art. 14(3)): 2,300 / 3
    [InlineData("payment-order", "100000", "766.67", null, null)]
    [InlineData("public-summons", null, "100", null, null)]
    [InlineData("arbitration-set-aside", null, "400", null, null)]
    [InlineData("special-procedure", null, "0", null, null)]
    [InlineData("none", null, "0", null, null)]
    public void Quote_EveryMatter_FeeAndRangeAsInSpec(
        string matter, string? amount, string fee, string? min, string? max)
    {
        FeeQuote quote = FeeCalculator.Quote(matter, N(amount));

        Assert.Equal(matter, quote.Matter);
        Assert.Equal(N(amount), quote.Amount);
        Assert.Equal(D(fee), quote.Fee);
        if (min is null)
        {
            Assert.Null(quote.Range);
        }
        else
        {
            Assert.Equal(new FeeRange(D(min), D(max!)), quote.Range);
            Assert.Equal(quote.Range!.Min, quote.Fee);
        }

        Assert.Null(quote.Reduction);
        Assert.NotEmpty(quote.Basis);
    }

    [Fact]
    public void Quote_EveryMatterInList_Quotes()
    {
        foreach (string matter in FeeCalculator.Matters)
        {
            decimal? amount = FeeCalculator.RequiresAmount(matter) ? 50_000m : null;
            FeeQuote quote = FeeCalculator.Quote(matter, amount);
            Assert.True(quote.Fee >= 0m, matter);
        }
    }

    [Theory]
    [InlineData("8000", "50")]
    [InlineData("100000", "2300")]
    [InlineData("130000", "2900")]
    [InlineData("500000", "8800")]
    [InlineData("1000000", "13800")]
    [InlineData("20000000", "141800")]
    public void Quote_WorkedExamples_MatchFeesMd(string amount, string fee)
    {
        Assert.Equal(D(fee), FeeCalculator.Quote("property", D(amount)).Fee);
    }

    // Property scale, cumulative at each boundary: 10k 50; 100k 2,300; 200k 4,300; 500k 8,800; 1M 13,800;
    // 2M 22,800; 5M 46,800; 10M 81,800; 20M 141,800. One yuan below/above moves by the rate of that slice.
    [Theory]
    [InlineData("0.01", "50")]
    [InlineData("9999", "50")]
    [InlineData("10000", "50")]
    [InlineData("10001", "50.03")] // 50.025
    [InlineData("99999", "2299.98")] // 2,299.975
    [InlineData("100000", "2300")]
    [InlineData("100001", "2300.02")]
    [InlineData("199999", "4299.98")]
    [InlineData("200000", "4300")]
    [InlineData("200001", "4300.02")] // 4,300.015
    [InlineData("499999", "8799.99")] // 8,799.985
    [InlineData("500000", "8800")]
    [InlineData("500001", "8800.01")]
    [InlineData("999999", "13799.99")]
    [InlineData("1000000", "13800")]
    [InlineData("1000001", "13800.01")] // 13,800.009
    [InlineData("1999999", "22799.99")] // 22,799.991
    [InlineData("2000000", "22800")]
    [InlineData("2000001", "22800.01")] // 22,800.008
    [InlineData("4999999", "46799.99")] // 46,799.992
    [InlineData("5000000", "46800")]
    [InlineData("5000001", "46800.01")] // 46,800.007
    [InlineData("9999999", "81799.99")] // 81,799.993
    [InlineData("10000000", "81800")]
    [InlineData("10000001", "81800.01")] // 81,800.006
    [InlineData("19999999", "141799.99")] // 141,799.994
    [InlineData("20000000", "141800")]
    [InlineData("20000001", "141800.01")] // 141,800.005
    [InlineData("10000000000000", "50000041800")] // 141,800 + 0.5% × (10^13 − 2 × 10^7)
    public void Quote_PropertyScaleBoundaries_ExcessProgressive(string amount, string fee)
    {
        Assert.Equal(D(fee), FeeCalculator.Quote("property", D(amount)).Fee);
    }

    // The basis gains a slice only once the amount passes a boundary (amount = b: the slice ends at b).
    [Theory]
    [InlineData("9999.99", 1, "0", "9999.99", null, "50")]
    [InlineData("10000", 1, "0", "10000", null, "50")]
    [InlineData("10000.01", 2, "10000", "10000.01", "0.025", "0.00025")]
    [InlineData("100000", 2, "10000", "100000", "0.025", "2250")]
    [InlineData("100000.01", 3, "100000", "100000.01", "0.02", "0.0002")]
    [InlineData("200000", 3, "100000", "200000", "0.02", "2000")]
    [InlineData("200000.01", 4, "200000", "200000.01", "0.015", "0.00015")]
    [InlineData("500000", 4, "200000", "500000", "0.015", "4500")]
    [InlineData("500000.01", 5, "500000", "500000.01", "0.01", "0.0001")]
    [InlineData("1000000", 5, "500000", "1000000", "0.01", "5000")]
    [InlineData("1000000.01", 6, "1000000", "1000000.01", "0.009", "0.00009")]
    [InlineData("2000000", 6, "1000000", "2000000", "0.009", "9000")]
    [InlineData("2000000.01", 7, "2000000", "2000000.01", "0.008", "0.00008")]
    [InlineData("5000000", 7, "2000000", "5000000", "0.008", "24000")]
    [InlineData("5000000.01", 8, "5000000", "5000000.01", "0.007", "0.00007")]
    [InlineData("10000000", 8, "5000000", "10000000", "0.007", "35000")]
    [InlineData("10000000.01", 9, "10000000", "10000000.01", "0.006", "0.00006")]
    [InlineData("20000000", 9, "10000000", "20000000", "0.006", "60000")]
    [InlineData("20000000.01", 10, "20000000", "20000000.01", "0.005", "0.00005")]
    public void Quote_PropertyScaleBoundaries_BasisListsSlicesUsed(
        string amount, int slices, string from, string to, string? rate, string sliceFee)
    {
        FeeQuote quote = FeeCalculator.Quote("property", D(amount));

        Assert.Equal(slices, quote.Basis.Count);
        Assert.Equal(new FeeSlice(D(from), D(to), N(rate), D(sliceFee)), quote.Basis[^1]);
        Assert.Equal(new FeeSlice(0m, Math.Min(D(amount), 10_000m), null, 50m), quote.Basis[0]);
        Assert.Equal(D(amount), quote.Basis[^1].To);
    }

    [Fact]
    public void Quote_Property130000_BasisIsThreeSlices()
    {
        FeeQuote quote = FeeCalculator.Quote("property", 130_000m);

        Assert.Equal(
            [
                new FeeSlice(0m, 10_000m, null, 50m),
                new FeeSlice(10_000m, 100_000m, 0.025m, 2_250m),
                new FeeSlice(100_000m, 130_000m, 0.02m, 600m),
            ],
            quote.Basis);
    }

    // Enforcement scale (Art. 14(1)), cumulative: 10k 50; 500k 7,400; 5M 52,400; 10M 77,400.
    [Theory]
    [InlineData("9999", "50")]
    [InlineData("10000", "50")]
    [InlineData("10001", "50.02")] // 50.015
    [InlineData("499999", "7399.99")] // 7,399.985
    [InlineData("500000", "7400")]
    [InlineData("500001", "7400.01")]
    [InlineData("4999999", "52399.99")]
    [InlineData("5000000", "52400")]
    [InlineData("5000001", "52400.01")] // 52,400.005
    [InlineData("9999999", "77400")] // 77,399.995
    [InlineData("10000000", "77400")]
    [InlineData("10000001", "77400")] // 77,400.001
    [InlineData("20000000", "87400")] // + 0.1% × 10,000,000
    public void Quote_EnforcementScaleBoundaries_ExcessProgressive(string amount, string fee)
    {
        Assert.Equal(D(fee), FeeCalculator.Quote("enforcement", D(amount)).Fee);
    }

    // Preservation scale (Art. 14(2)), cumulative: 1k 30; 100k 1,020; the 5,000 cap is reached at
    // 100,000 + (5,000 − 1,020) / 0.5% = 896,000.
    [Theory]
    [InlineData("999", "30")]
    [InlineData("1000", "30")]
    [InlineData("1001", "30.01")]
    [InlineData("99999", "1019.99")]
    [InlineData("100000", "1020")]
    [InlineData("100001", "1020.01")] // 1,020.005
    [InlineData("895999", "5000")] // 4,999.995
    [InlineData("896000", "5000")]
    [InlineData("896001", "5000")] // capped
    [InlineData("10000000000000", "5000")]
    public void Quote_PreservationScaleBoundaries_CappedAt5000(string amount, string fee)
    {
        Assert.Equal(D(fee), FeeCalculator.Quote("preservation", D(amount)).Fee);
    }

    [Fact]
    public void Quote_PreservationAboveCap_BasisStopsAtCapPoint()
    {
        FeeQuote quote = FeeCalculator.Quote("preservation", 1_000_000m);

        Assert.Equal(
            [
                new FeeSlice(0m, 1_000m, null, 30m),
                new FeeSlice(1_000m, 100_000m, 0.01m, 990m),
                new FeeSlice(100_000m, 896_000m, 0.005m, 3_980m),
                new FeeSlice(896_000m, 1_000_000m, 0m, 0m),
            ],
            quote.Basis);
    }

    [Fact]
    public void Quote_PreservationExactlyAtCap_NoZeroSlice()
    {
        FeeQuote quote = FeeCalculator.Quote("preservation", 896_000m);

        Assert.Equal(3, quote.Basis.Count);
        Assert.Equal(new FeeSlice(100_000m, 896_000m, 0.005m, 3_980m), quote.Basis[^1]);
    }

    [Fact]
    public void Quote_PaymentOrder_BasisIsPropertyScaleFeeIsOneThird()
    {
        FeeQuote quote = FeeCalculator.Quote("payment-order", 130_000m);

        Assert.Equal(FeeCalculator.Quote("property", 130_000m).Basis, quote.Basis);
        Assert.Equal(966.67m, quote.Fee); // 2,900 / 3 = 966.666…
        Assert.Null(quote.Range);
    }

    [Theory]
    [InlineData("labour", "10")]
    [InlineData("administrative", "50")]
    [InlineData("administrative-ip-maritime", "100")]
    [InlineData("public-summons", "100")]
    [InlineData("arbitration-set-aside", "400")]
    [InlineData("special-procedure", "0")]
    [InlineData("none", "0")]
    [InlineData("other-non-property", "50")]
    [InlineData("jurisdiction-objection", "50")]
    public void Quote_PerCaseFee_OneFlatSlice(string matter, string fee)
    {
        FeeQuote quote = FeeCalculator.Quote(matter, null);

        FeeSlice slice = Assert.Single(quote.Basis);
        Assert.Equal(new FeeSlice(0m, null, null, D(fee)), slice);
    }

    [Fact]
    public void Quote_DivorceWithProperty_FlatSliceAndExcessSlice()
    {
        FeeQuote quote = FeeCalculator.Quote("divorce", 300_000m);

        Assert.Equal(
            [new FeeSlice(0m, null, null, 50m), new FeeSlice(200_000m, 300_000m, 0.005m, 500m)],
            quote.Basis);
    }

    [Fact]
    public void Quote_PersonalityRightsWithDamages_FlatSliceAndTwoExtraSlices()
    {
        FeeQuote quote = FeeCalculator.Quote("personality-rights", 150_000m);

        Assert.Equal(
            [
                new FeeSlice(0m, null, null, 100m),
                new FeeSlice(50_000m, 100_000m, 0.01m, 500m),
                new FeeSlice(100_000m, 150_000m, 0.005m, 250m),
            ],
            quote.Basis);
    }

    [Theory]
    [InlineData("mediated")]
    [InlineData("withdrawn")]
    [InlineData("simplified")]
    [InlineData("counterclaim")]
    public void Quote_EachReduction_HalvesFeeOnce(string reduction)
    {
        FeeQuote full = FeeCalculator.Quote("property", 130_000m);
        FeeQuote reduced = FeeCalculator.Quote("property", 130_000m, reduction);

        Assert.Equal(1_450m, reduced.Fee); // 2,900 / 2
        Assert.Equal(reduction, reduced.Reduction);
        Assert.Equal(full.Basis, reduced.Basis); // basis is before the reduction
    }

    [Theory]
    [InlineData("mediated")]
    [InlineData("counterclaim")]
    public void Quote_ReductionOnRange_HalvesBothEnds(string reduction)
    {
        FeeQuote quote = FeeCalculator.Quote("divorce", 300_000m, reduction);

        Assert.Equal(275m, quote.Fee);
        Assert.Equal(new FeeRange(275m, 400m), quote.Range);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Quote_NoReduction_FullFee(string? reduction)
    {
        FeeQuote quote = FeeCalculator.Quote("property", 130_000m, reduction);

        Assert.Equal(2_900m, quote.Fee);
        Assert.Null(quote.Reduction);
    }

    // A reduction is applied once however many apply: the API takes one value; a combination is rejected.
    [Theory]
    [InlineData("mediated,withdrawn")]
    [InlineData("simplified,counterclaim")]
    [InlineData("mediated mediated")]
    public void Quote_TwoReductions_NotSupported(string reduction)
    {
        var ex = Assert.Throws<FeeInputException>(() => FeeCalculator.Quote("property", 130_000m, reduction));
        Assert.Equal("fee.unknown-reduction", ex.Code);
    }

    // Half-up (away from zero) on the final fee only; banker's rounding or rounding before halving differ.
    [Theory]
    [InlineData("property", "10001", null, "50.03")] // 50.025 (banker's: 50.02)
    [InlineData("property", "10001", "mediated", "25.01")] // 25.0125 (rounding first: 50.03 / 2 = 25.015 → 25.02)
    [InlineData("property", "10000.40", "simplified", "25.01")] // 50.01 / 2 = 25.005 (banker's: 25.00)
    [InlineData("payment-order", "8000", null, "16.67")] // 50 / 3
    [InlineData("payment-order", "105000.75", null, "800.01")] // (2,300 + 100.015) / 3 = 800.005 (banker's: 800.00)
    [InlineData("payment-order", "105001.50", "withdrawn", "400.01")] // 2,400.03 / 3 / 2 = 400.005
    [InlineData("enforcement", "5000001", null, "52400.01")] // 52,400.005 (banker's: 52,400.00)
    [InlineData("preservation", "100001", null, "1020.01")] // 1,020.005 (banker's: 1,020.00)
    [InlineData("labour", null, "counterclaim", "5")]
    public void Quote_MidpointThirdDecimal_RoundsHalfUpOnce(
        string matter, string? amount, string? reduction, string fee)
    {
        Assert.Equal(D(fee), FeeCalculator.Quote(matter, N(amount), reduction).Fee);
    }

    [Theory]
    [InlineData("bankruptcy", "1000", null, "fee.unknown-matter")]
    [InlineData("Property", "1000", null, "fee.unknown-matter")]
    [InlineData("", null, null, "fee.unknown-matter")]
    [InlineData("property", null, null, "fee.amount-required")]
    [InlineData("property", "0", null, "fee.amount-required")]
    [InlineData("payment-order", null, null, "fee.amount-required")]
    [InlineData("payment-order", "0.00", null, "fee.amount-required")]
    [InlineData("preservation", null, null, "fee.amount-required")]
    [InlineData("preservation", "0", null, "fee.amount-required")]
    [InlineData("property", "-1", null, "fee.amount-negative")]
    [InlineData("property", "-0.01", null, "fee.amount-negative")]
    [InlineData("divorce", "-100", null, "fee.amount-negative")]
    [InlineData("labour", "-5", null, "fee.amount-negative")]
    [InlineData("property", "1000.001", null, "fee.amount-precision")]
    [InlineData("enforcement", "0.005", null, "fee.amount-precision")]
    [InlineData("property", "10000000000000.01", null, "fee.amount-too-large")]
    [InlineData("divorce", "10000000000001", null, "fee.amount-too-large")]
    [InlineData("property", "1000", "half", "fee.unknown-reduction")]
    [InlineData("property", "1000", "Mediated", "fee.unknown-reduction")]
    [InlineData("labour", null, "waived", "fee.unknown-reduction")]
    public void Quote_BadInput_ThrowsWithCode(string matter, string? amount, string? reduction, string code)
    {
        var ex = Assert.Throws<FeeInputException>(() => FeeCalculator.Quote(matter, N(amount), reduction));
        Assert.Equal(code, ex.Code);
    }

    [Fact]
    public void Quote_NullMatter_ThrowsUnknownMatter()
    {
        var ex = Assert.Throws<FeeInputException>(() => FeeCalculator.Quote(null!, 1_000m));
        Assert.Equal("fee.unknown-matter", ex.Code);
    }

    [Theory]
    [InlineData("1000.000")] // trailing zeros are not extra precision
    [InlineData("10000000000000")] // exactly 10^13
    [InlineData("0.01")]
    public void Quote_AmountAtLimits_Accepted(string amount)
    {
        FeeQuote quote = FeeCalculator.Quote("property", D(amount));
        Assert.True(quote.Fee >= 50m);
    }
}
