namespace Docket.Web.Features.Fees;

public static class FeeStatuses
{
    public const string Due = "due";
    public const string PaidPendingConfirmation = "paid-pending-confirmation";
    public const string Paid = "paid";
    public const string Waived = "waived";
    public const string Reduced = "reduced";
    public const string Deferred = "deferred";
    public const string AfterEnforcement = "after-enforcement";
    public const string NotPrepaid = "not-prepaid";
    public const string None = "none";
    public const string UnpaidWithdrawn = "unpaid-withdrawn";

    public static readonly IReadOnlyList<string> All =
        [Due, PaidPendingConfirmation, Paid, Waived, Reduced, Deferred, AfterEnforcement, NotPrepaid, None, UnpaidWithdrawn];

    /// <summary>
    /// An amount is still to be paid: the fee notice's amount (<c>due</c>), a reduced amount, or a deferred one. All
    /// three take a voucher or an online payment, and all three become overdue when their due date passes.
    /// </summary>
    public static bool IsOwed(string? status) => status is Due or Reduced or Deferred;
}

/// <summary>司法救助 (fee measures Arts. 44–51): what a filer may apply for.</summary>
public static class JudicialAidKinds
{
    public const string Waiver = "waiver";
    public const string Reduction = "reduction";
    public const string Deferral = "deferral";

    public static readonly IReadOnlyList<string> All = [Waiver, Reduction, Deferral];
}

/// <summary>A fee rule the entity refuses as bad input (400 with <see cref="Code"/>), not as a state conflict.</summary>
public sealed class FeeRuleException(string code) : ArgumentException($"Fee rule violated: {code}")
{
    public string Code { get; } = code;
}

/// <summary>What the fee notice says at registration: the full fee, what is prepaid now, and the fee status.</summary>
public sealed record FeeAssessment(decimal FullFee, decimal Prepaid, string Status, IReadOnlyList<FeeSlice> Basis, string? Reduction);

/// <summary>Who prepays and how much at registration (fee measures Arts. 15–22; fees.md "Reductions" and "Who prepays").</summary>
public static class FeeAssessor
{
    public static FeeAssessment Assess(string caseType, string matter, decimal? amount, bool laborRemuneration, string procedure)
    {
        var quote = FeeCalculator.Quote(matter, amount);
        // Enforcement fees are paid after enforcement (Art. 20).
        if (caseType == "enforcement") return new(quote.Fee, 0m, FeeStatuses.AfterEnforcement, quote.Basis, null);
        // Labour-remuneration claims may be filed without prepayment (Art. 20, "可以不预交"); Docket defaults to none.
        if (laborRemuneration) return new(quote.Fee, 0m, FeeStatuses.NotPrepaid, quote.Basis, null);
        if (quote.Fee == 0m) return new(0m, 0m, FeeStatuses.None, quote.Basis, null);
        // Only the simplified procedure halves what is prepaid; other reductions depend on how the case ends (Art. 16).
        if (procedure == "simplified")
        {
            var half = FeeCalculator.Quote(matter, amount, "simplified").Fee;
            return new(quote.Fee, half, FeeStatuses.Due, quote.Basis, "simplified");
        }
        return new(quote.Fee, quote.Fee, FeeStatuses.Due, quote.Basis, null);
    }
}
