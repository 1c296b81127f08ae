using Docket.Web.Infrastructure.Problems;

namespace Docket.Web.Features.Screening;

/// <summary>Input rules of dispute screening that need no database.</summary>
public static class ScreeningRules
{
    /// <summary>A required text, trimmed, at most <paramref name="max"/> characters.</summary>
    public static string Text(string? value, string field, int max, string requiredCode, FieldErrors e)
    {
        var v = (value ?? "").Trim();
        if (v.Length == 0) e.Add(field, requiredCode);
        else if (v.Length > max) e.Add(field, "mediation.text-too-long");
        return v;
    }

    /// <summary>
    /// When a follow-up happened: required, not in the future (a little clock skew allowed), not before the dispute was
    /// logged by more than a year (an officer may write up an earlier visit).
    /// </summary>
    public static void CheckActionTime(DateTimeOffset? at, DateTime now, FieldErrors e)
    {
        if (at is not { } a) e.Add("at", "screening.action-at-required");
        else if (a.UtcDateTime > now.AddMinutes(10) || a.UtcDateTime < now.AddYears(-1)) e.Add("at", "screening.action-at-invalid");
    }

    /// <summary>resolved ÷ total, 4 places; 0 when there is nothing.</summary>
    public static decimal Share(int part, int total) => total == 0 ? 0 : decimal.Round((decimal)part / total, 4);
}
