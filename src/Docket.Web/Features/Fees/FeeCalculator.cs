namespace Docket.Web.Features.Fees;

/// <summary>
/// One line of a fee computation. <see cref="From"/>..<see cref="To"/> is the part of the amount that falls into
/// a scale band (<see cref="To"/> is capped at the amount); <see cref="Rate"/> is a fraction (0.025);
/// a flat slice (per-case fee, or the flat first band of a scale) has <see cref="Rate"/> null.
/// A per-case fee is one flat slice with From 0 and To null. <see cref="Fee"/> is exact (not rounded).
/// </summary>
public sealed record FeeSlice(decimal From, decimal? To, decimal? Rate, decimal Fee);

/// <summary>The range a rule leaves to the court (e.g. 50–300 per divorce case), after any reduction.</summary>
public sealed record FeeRange(decimal Min, decimal Max);

/// <summary>
/// A fee quote. <see cref="Fee"/> is the final fee (after the reduction, rounded half-up to 0.01 yuan); where the
/// rule gives a range it is the minimum and <see cref="Range"/> is set. <see cref="Basis"/> is the computation
/// before the matter's factor (one third for payment orders) and before the reduction.
/// </summary>
public sealed record FeeQuote(
    string Matter, decimal? Amount, decimal Fee, FeeRange? Range, IReadOnlyList<FeeSlice> Basis, string? Reduction);

/// <summary>Invalid input to <see cref="FeeCalculator.Quote"/>; <see cref="Code"/> is the API error code.</summary>
public sealed class FeeInputException : ArgumentException
{
    public const string UnknownMatter = "fee.unknown-matter";
    public const string AmountRequired = "fee.amount-required";
    public const string AmountNegative = "fee.amount-negative";
    public const string AmountPrecision = "fee.amount-precision";
    public const string AmountTooLarge = "fee.amount-too-large";
    public const string UnknownReduction = "fee.unknown-reduction";

    public FeeInputException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    public string Code { get; }
}

/// <summary>
/// Litigation fees under the 诉讼费用交纳办法 (2006, "fee measures"). Pure: no I/O.
/// All amounts in yuan, computed in decimal; only the final fee is rounded.
/// </summary>
public static class FeeCalculator
{
    private const string Property = "property";
    private const string Divorce = "divorce";
    private const string PersonalityRights = "personality-rights";
    private const string OtherNonProperty = "other-non-property";
    private const string IntellectualProperty = "intellectual-property";
    private const string Labour = "labour";
    private const string Administrative = "administrative";
    private const string AdministrativeIpMaritime = "administrative-ip-maritime";
    private const string JurisdictionObjection = "jurisdiction-objection";
    private const string Enforcement = "enforcement";
    private const string Preservation = "preservation";
    private const string PaymentOrder = "payment-order";
    private const string PublicSummons = "public-summons";
    private const string ArbitrationSetAside = "arbitration-set-aside";
    private const string SpecialProcedure = "special-procedure";
    private const string None = "none";

    /// <summary>Largest accepted amount: 10^13 yuan.</summary>
    public const decimal MaxAmount = 10_000_000_000_000m;

    // Preservation fees never exceed 5,000 (fee measures Art. 14(2)).
    private const decimal PreservationCap = 5_000m;

    // Property scale (fee measures Art. 13(1)), excess-progressive.
    private static readonly Band[] PropertyScale =
    [
        new(0m, 10_000m, null, 50m),
        new(10_000m, 100_000m, 0.025m, 0m),
        new(100_000m, 200_000m, 0.02m, 0m),
        new(200_000m, 500_000m, 0.015m, 0m),
        new(500_000m, 1_000_000m, 0.01m, 0m),
        new(1_000_000m, 2_000_000m, 0.009m, 0m),
        new(2_000_000m, 5_000_000m, 0.008m, 0m),
        new(5_000_000m, 10_000_000m, 0.007m, 0m),
        new(10_000_000m, 20_000_000m, 0.006m, 0m),
        new(20_000_000m, null, 0.005m, 0m),
    ];

    // Enforcement scale (fee measures Art. 14(1)).
    private static readonly Band[] EnforcementScale =
    [
        new(0m, 10_000m, null, 50m),
        new(10_000m, 500_000m, 0.015m, 0m),
        new(500_000m, 5_000_000m, 0.01m, 0m),
        new(5_000_000m, 10_000_000m, 0.005m, 0m),
        new(10_000_000m, null, 0.001m, 0m),
    ];

    // Preservation scale (fee measures Art. 14(2)); capped at PreservationCap.
    private static readonly Band[] PreservationScale =
    [
        new(0m, 1_000m, null, 30m),
        new(1_000m, 100_000m, 0.01m, 0m),
        new(100_000m, null, 0.005m, 0m),
    ];

    public static IReadOnlyList<string> Matters { get; } = Array.AsReadOnly(new[]
    {
        Property, Divorce, PersonalityRights, OtherNonProperty, IntellectualProperty, Labour, Administrative,
        AdministrativeIpMaritime, JurisdictionObjection, Enforcement, Preservation, PaymentOrder, PublicSummons,
        ArbitrationSetAside, SpecialProcedure, None,
    });

    // Half the fee (fee measures Arts. 15, 16, 18).
    public static IReadOnlyList<string> Reductions { get; } =
        Array.AsReadOnly(new[] { "mediated", "withdrawn", "simplified", "counterclaim" });

    /// <summary>Exact, case-sensitive API spelling.</summary>
    public static bool IsKnownMatter(string? matter) => matter is not null && Matters.Contains(matter, StringComparer.Ordinal);

    /// <summary>Matters whose fee cannot be computed without an amount (present and greater than 0).</summary>
    public static bool RequiresAmount(string matter) => matter is Property or PaymentOrder or Preservation;

    /// <summary>
    /// Quotes the fee. <paramref name="reduction"/> is null/blank or exactly one of <see cref="Reductions"/>;
    /// a reduction halves the fee once. Throws <see cref="FeeInputException"/> for bad input.
    /// </summary>
    public static FeeQuote Quote(string matter, decimal? amount, string? reduction = null)
    {
        if (!IsKnownMatter(matter))
        {
            throw new FeeInputException(FeeInputException.UnknownMatter, $"Unknown fee matter '{matter}'.");
        }

        ValidateAmount(matter, amount);
        string? appliedReduction = ValidateReduction(reduction);

        // An amount of 0 where it is optional means "no amount" (no monetary claim).
        decimal? positive = amount > 0m ? amount : null;

        Computation computation = matter switch
        {
            Property => Scale(PropertyScale, positive.GetValueOrDefault()),
            // 50–300 per case; property over 200,000: plus 0.5% of the excess (Art. 13(2)(1)).
            Divorce => PerCaseRange(50m, 300m, ExcessSlice(positive, 200_000m, null, 0.005m)),
            // 100–500 per case; damages: 0 up to 50,000, 1% of 50,000–100,000, 0.5% above (Art. 13(2)(2)).
            PersonalityRights => PerCaseRange(
                100m,
                500m,
                ExcessSlice(positive, 50_000m, 100_000m, 0.01m),
                ExcessSlice(positive, 100_000m, null, 0.005m)),
            OtherNonProperty => PerCaseRange(50m, 100m), // Art. 13(2)(3)
            // Without an amount 500–1,000; with an amount the property scale (Art. 13(3)).
            IntellectualProperty => positive is { } ip ? Scale(PropertyScale, ip) : PerCaseRange(500m, 1_000m),
            Labour => Fixed(10m), // Art. 13(4)
            Administrative => Fixed(50m), // Art. 13(5)(2)
            AdministrativeIpMaritime => Fixed(100m), // Art. 13(5)(1)
            JurisdictionObjection => PerCaseRange(50m, 100m), // Art. 13(6)
            // Without an amount 50–500; with an amount the enforcement scale (Art. 14(1)).
            Enforcement => positive is { } enforced ? Scale(EnforcementScale, enforced) : PerCaseRange(50m, 500m),
            Preservation => Scale(PreservationScale, positive.GetValueOrDefault(), PreservationCap), // Art. 14(2)
            PaymentOrder => OneThird(Scale(PropertyScale, positive.GetValueOrDefault())), // Art. 14(3)
            PublicSummons => Fixed(100m), // Art. 14(4)
            ArbitrationSetAside => Fixed(400m), // Art. 14(5)
            SpecialProcedure => Fixed(0m), // Art. 8
            None => Fixed(0m), // Art. 8 (criminal private prosecution), Art. 9 (retrial application)
            _ => throw new FeeInputException(FeeInputException.UnknownMatter, $"Unknown fee matter '{matter}'."),
        };

        // A reduction halves the fee once, however many apply (Arts. 15, 16, 18).
        decimal factor = appliedReduction is null ? 1m : 0.5m;
        decimal fee = RoundFee(computation.Fee * factor);
        FeeRange? range = computation.Range is { } r
            ? new FeeRange(RoundFee(r.Min * factor), RoundFee(r.Max * factor))
            : null;

        return new FeeQuote(matter, amount, fee, range, computation.Basis, appliedReduction);
    }

    // Half-up (away from zero) to 0.01 yuan, applied to the final fee only (fees.md).
    private static decimal RoundFee(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    private static void ValidateAmount(string matter, decimal? amount)
    {
        if (amount is { } a)
        {
            if (a < 0m)
            {
                throw new FeeInputException(FeeInputException.AmountNegative, "The amount must not be negative.");
            }

            if (decimal.Round(a, 2) != a)
            {
                throw new FeeInputException(
                    FeeInputException.AmountPrecision, "The amount must not have more than 2 decimals (fen).");
            }

            if (a > MaxAmount)
            {
                throw new FeeInputException(FeeInputException.AmountTooLarge, "The amount must not exceed 10^13 yuan.");
            }
        }

        if (RequiresAmount(matter) && !(amount > 0m))
        {
            throw new FeeInputException(
                FeeInputException.AmountRequired, $"An amount greater than 0 is required for matter '{matter}'.");
        }
    }

    private static string? ValidateReduction(string? reduction)
    {
        if (string.IsNullOrWhiteSpace(reduction))
        {
            return null;
        }

        if (!Reductions.Contains(reduction, StringComparer.Ordinal))
        {
            throw new FeeInputException(
                FeeInputException.UnknownReduction,
                $"Unknown reduction '{reduction}'; give one of: {string.Join(", ", Reductions)}.");
        }

        return reduction;
    }

    private static Computation Fixed(decimal fee) => new(fee, null, [new FeeSlice(0m, null, null, fee)]);

    private static Computation PerCaseRange(decimal min, decimal max, params FeeSlice?[] extras)
    {
        var basis = new List<FeeSlice> { new(0m, null, null, min) };
        decimal extra = 0m;
        foreach (FeeSlice? slice in extras)
        {
            if (slice is not null)
            {
                basis.Add(slice);
                extra += slice.Fee;
            }
        }

        return new Computation(min + extra, new FeeRange(min + extra, max + extra), basis.AsReadOnly());
    }

    // The part of the amount above `from` (up to `to`) at `rate`; null when the amount does not reach it.
    private static FeeSlice? ExcessSlice(decimal? amount, decimal from, decimal? to, decimal rate)
    {
        if (amount is not { } a || a <= from)
        {
            return null;
        }

        decimal upper = to is { } t ? Math.Min(t, a) : a;
        return new FeeSlice(from, upper, rate, (upper - from) * rate);
    }

    private static Computation Scale(Band[] scale, decimal amount, decimal? cap = null)
    {
        var basis = new List<FeeSlice>();
        decimal total = 0m;
        foreach (Band band in scale)
        {
            if (basis.Count > 0 && amount <= band.From)
            {
                break;
            }

            decimal upper = band.To is { } to ? Math.Min(to, amount) : amount;
            if (band.Rate is not { } rate)
            {
                basis.Add(new FeeSlice(band.From, upper, null, band.FlatFee));
                total += band.FlatFee;
                continue;
            }

            decimal fee = (upper - band.From) * rate;
            if (cap is { } c && total + fee > c)
            {
                // The cap is reached inside this band: charge it up to the cap point, nothing above.
                decimal capPoint = band.From + ((c - total) / rate);
                basis.Add(new FeeSlice(band.From, capPoint, rate, c - total));
                if (capPoint < amount)
                {
                    basis.Add(new FeeSlice(capPoint, amount, 0m, 0m));
                }

                total = c;
                break;
            }

            basis.Add(new FeeSlice(band.From, upper, rate, fee));
            total += fee;
        }

        return new Computation(total, null, basis.AsReadOnly());
    }

    // Payment order: one third of the property-scale fee (Art. 14(3)); the basis keeps the property-scale slices.
    private static Computation OneThird(Computation propertyScale) =>
        propertyScale with { Fee = propertyScale.Fee / 3m };

    private sealed record Band(decimal From, decimal? To, decimal? Rate, decimal FlatFee);

    private sealed record Computation(decimal Fee, FeeRange? Range, IReadOnlyList<FeeSlice> Basis);
}
