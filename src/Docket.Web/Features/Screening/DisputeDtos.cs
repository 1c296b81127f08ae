using Docket.Web.Features.Filings;
using Docket.Web.Infrastructure.Time;

namespace Docket.Web.Features.Screening;

public sealed record DisputeActionDto(DateTimeOffset At, string Action, string Notes, string Officer, DateTimeOffset RecordedAt);

/// <summary>
/// api.md's <c>Dispute</c>; <c>needsFollowUp</c> flags an open high-risk dispute with no action for 7 days,
/// <c>courtId</c> names the court of a referral.
/// </summary>
public sealed record DisputeDto(
    string Id, string UnitId, string DisputeType, string Location, string RiskLevel, string Summary, IReadOnlyList<PartyDto> Parties,
    string Status, IReadOnlyList<DisputeActionDto> Actions, string? MediationCaseId, string? FilingId, string? CourtId,
    DateTimeOffset LastActionAt, bool NeedsFollowUp, string? ResolutionNotes, DateTimeOffset? ResolvedAt, DateTimeOffset CreatedAt)
{
    public static DisputeDto From(Dispute d, DateTime now) => new(
        d.Id, d.UnitId, d.DisputeType, d.Location, d.RiskLevel, d.Summary,
        [.. d.Parties.Select(p => new PartyDto(p.Role, p.Kind, p.Name, p.IdType, p.IdNumber, p.Uscc, p.LegalRepresentative, p.Phone, p.Address))],
        d.Status,
        [.. d.Actions.OrderBy(a => a.At).Select(a => new DisputeActionDto(ChinaTime.ToOffset(a.At), a.Action, a.Notes, a.OfficerName, ChinaTime.ToOffset(a.RecordedAt)))],
        d.MediationCaseId, d.FilingId, d.ReferredCourtId, ChinaTime.ToOffset(d.LastActionAt),
        Dispute.NeedsFollowUp(d.Status, d.RiskLevel, d.LastActionAt, now), d.ResolutionNotes,
        d.ResolvedAt is { } r ? ChinaTime.ToOffset(r) : null, ChinaTime.ToOffset(d.CreatedAt));
}

/// <summary>Counts only — never a party's name (api.md: <c>{total, byType, resolvedShare, openHighRisk}</c>, plus by unit and status).</summary>
public sealed record DisputeStatsDto(
    int Total, IReadOnlyDictionary<string, int> ByType, decimal ResolvedShare, int OpenHighRisk, IReadOnlyDictionary<string, int> ByUnit,
    IReadOnlyDictionary<string, int> ByStatus, int NeedsFollowUp);
