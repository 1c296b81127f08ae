using Docket.Web.Features.Filings;
using Docket.Web.Infrastructure.Problems;

namespace Docket.Web.Features.Mediation;

/// <summary>The rules of people's mediation that need no database: pure, unit-tested on their own.</summary>
public static class MediationRules
{
    /// <summary>诉前调解 lasts at most 30 days (mediation.md, "Pre-litigation mediation").</summary>
    public const int PreLitigationDays = 30;

    /// <summary>The parties apply for judicial confirmation within 30 days of the agreement (人民调解法 Art. 33).</summary>
    public const int ConfirmationDays = 30;

    public const decimal MaxAmount = 1_000_000_000_000m;
    public const int MaxTextLength = 10000;
    public const int MaxPerformanceLength = 4000;

    /// <summary>A complete agreement, money in fen.</summary>
    public sealed record Agreement(string Facts, string Terms, string Performance, long AmountFen);

    /// <summary>
    /// An agreement must state the facts and the dispute with each party's responsibility, the agreed terms, how and
    /// when they are performed (人民调解法 Art. 29) — and the amount agreed (0 when nothing is paid). Each missing or
    /// bad field is named, under <c>agreement.</c>.
    /// </summary>
    public static Result<Agreement> CheckAgreement(string? facts, string? terms, string? performance, decimal? amount)
    {
        var e = new FieldErrors();
        var f = Text(facts, "agreement.facts", MaxTextLength, e);
        var t = Text(terms, "agreement.terms", MaxTextLength, e);
        var p = Text(performance, "agreement.performance", MaxPerformanceLength, e);
        var fen = AmountFen(amount, "agreement.amount", e, required: true);
        if (e.Any) return e.ToError();
        return new Agreement(f, t, p, fen!.Value);
    }

    static string Text(string? value, string field, int max, FieldErrors e)
    {
        var v = (value ?? "").Trim();
        if (v.Length == 0) e.Add(field, "mediation.agreement-field-required");
        else if (v.Length > max) e.Add(field, "mediation.text-too-long");
        return v;
    }

    /// <summary>Money in yuan with at most 2 decimals, not negative → fen.</summary>
    public static long? AmountFen(decimal? amount, string field, FieldErrors e, bool required)
    {
        if (amount is not { } a)
        {
            if (required) e.Add(field, "mediation.agreement-field-required");
            return null;
        }
        if (a < 0) e.Add(field, "mediation.amount-negative");
        else if (a > MaxAmount) e.Add(field, "mediation.amount-too-large");
        else if (decimal.Round(a, 2) != a) e.Add(field, "money.too-many-decimals");
        else return (long)(a * 100);
        return null;
    }

    /// <summary>Days left of a court diversion's 30 days, counted in Asia/Shanghai dates from the day of diversion; never below 0.</summary>
    public static int DaysLeft(DateOnly divertedOn, DateOnly today) =>
        Math.Max(0, PreLitigationDays - (today.DayNumber - divertedOn.DayNumber));

    /// <summary>Judicial confirmation is open through the 30th day after the agreement's date.</summary>
    public static bool ConfirmationOpen(DateOnly agreementDate, DateOnly today) =>
        today.DayNumber - agreementDate.DayNumber <= ConfirmationDays;

    /// <summary>agreements ÷ closed, rounded to 4 places; 0 when nothing was closed.</summary>
    public static decimal SuccessRate(int agreements, int closed) => closed == 0 ? 0 : decimal.Round((decimal)agreements / closed, 4);

    /// <summary>The filing's party rules (the same field names, <c>parties[i].x</c>), and at least one party on each side.</summary>
    public static List<Party> Parties(List<PartyDto?>? input, FieldErrors e)
    {
        var checkedParties = UpdateFiling.Validate(
            new UpdateFiling.Request(null, null, null, null, null, null, input, null, null, null), CaseTypes.Find("judicial-confirmation")!);
        if (!checkedParties.IsOk)
        {
            foreach (var (field, codes) in checkedParties.Error!.Fields ?? new Dictionary<string, string[]>())
                foreach (var code in codes) e.Add(field, code);
            return [];
        }
        var parties = checkedParties.Value.Parties;
        foreach (var (p, i) in parties.Select((p, i) => (p, i)))
            if (p.Name.Length == 0) e.Add($"parties[{i}].name", "mediation.party-name-required");
        if (!parties.Any(p => p.Role == "plaintiff") || !parties.Any(p => p.Role == "defendant")) e.Add("parties", "mediation.parties-both-sides");
        return parties;
    }
}
