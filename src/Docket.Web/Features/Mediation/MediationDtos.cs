using Docket.Web.Features.Filings;
using Docket.Web.Infrastructure.Time;

namespace Docket.Web.Features.Mediation;

public sealed record MediationRoomDto(string Id, string Name, string Township, string CourtId, IReadOnlyList<string> Mediators);

public sealed record MediationSessionDto(DateTimeOffset At, string Mediator, string Notes, DateTimeOffset RecordedAt);

public sealed record AgreementDto(string Facts, string Terms, string Performance, decimal Amount);

public sealed record FeedbackDto(int Rating, string? Comment, bool Banner, DateTimeOffset At);

public sealed record MediationCaseDto(
    string Id, string RoomId, string Source, string DisputeType, decimal? Amount, string Summary, IReadOnlyList<PartyDto> Parties,
    string Status, IReadOnlyList<MediationSessionDto> Sessions, AgreementDto? Agreement, DateOnly? AgreementDate, string? FilingId,
    string? DisputeId, string? PreLitigationNumber, int? DaysLeft, FeedbackDto? Feedback, string? JudicialConfirmationFilingId,
    DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt)
{
    public static MediationCaseDto From(MediationCase c, DateOnly today) => new(
        c.Id, c.RoomId, c.Source, c.DisputeType, Money.Yuan(c.Amount), c.Summary,
        [.. c.Parties.Select(p => new PartyDto(p.Role, p.Kind, p.Name, p.IdType, p.IdNumber, p.Uscc, p.LegalRepresentative, p.Phone, p.Address))],
        c.Status,
        [.. c.Sessions.OrderBy(s => s.At).Select(s => new MediationSessionDto(ChinaTime.ToOffset(s.At), s.MediatorName, s.Notes, ChinaTime.ToOffset(s.RecordedAt)))],
        c.Status == MediationStatus.Agreement
            ? new AgreementDto(c.AgreementFacts ?? "", c.AgreementTerms ?? "", c.AgreementPerformance ?? "", Money.Yuan((c.AgreementAmountFen ?? 0) / 100m))
            : null,
        c.AgreementDate, c.FilingId, c.DisputeId, c.PreLitigationNumber,
        c.Source == MediationSources.CourtDiversion && c.Status == MediationStatus.Open
            ? MediationRules.DaysLeft(ChinaTime.DateOf(c.CreatedAt), today)
            : null,
        c.FeedbackRating is { } r && c.FeedbackAt is { } at ? new FeedbackDto(r, c.FeedbackComment, c.FeedbackBanner == true, ChinaTime.ToOffset(at)) : null,
        c.ConfirmationFilingId, ChinaTime.ToOffset(c.CreatedAt), c.ClosedAt is { } closed ? ChinaTime.ToOffset(closed) : null);
}

public sealed record MediationStatsDto(
    int Cases, int Closed, int Agreements, decimal SuccessRate, decimal AmountResolved, IReadOnlyDictionary<string, int> ByDisputeType,
    decimal? AverageRating, IReadOnlyList<RoomStatsDto> ByRoom);

/// <summary>One room's figures in the statistics (counts and money only).</summary>
public sealed record RoomStatsDto(string RoomId, int Cases, int Closed, int Agreements, decimal SuccessRate, decimal AmountResolved, decimal? AverageRating);
