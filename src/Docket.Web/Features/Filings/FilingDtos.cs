using Docket.Web.Features.Fees;
using Docket.Web.Infrastructure.Time;

namespace Docket.Web.Features.Filings;

public sealed record PartyDto(
    string? Role, string? Kind, string? Name, string? IdType = null, string? IdNumber = null, string? Uscc = null,
    string? LegalRepresentative = null, string? Phone = null, string? Address = null);

public sealed record DocumentDto(string Id, string Kind, string FileName, string MediaType, long Bytes, string Sha256, DateTimeOffset AddedAt, bool Locked);

public sealed record FilingDto(
    string Id, string CourtId, string? CooperatingCourtId, string CaseType, string Status, string Title, string Matter,
    decimal? ClaimAmount, IReadOnlyList<string> Claims, string FactsAndReasons, IReadOnlyList<PartyDto> Parties,
    IReadOnlyList<DocumentDto> Documents, decimal? FeeEstimate, DateTimeOffset? SubmittedAt, DateOnly? DecisionDeadline,
    string? CaseNumber, string Cause, string FilerCapacity, string? AgentType, bool LaborRemuneration,
    int ReceiptVersion, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static FilingDto From(Filing f) => new(
        f.Id, f.CourtId, f.CooperatingCourtId, f.CaseType, f.Status, f.Title, f.Matter, Money.Yuan(f.ClaimAmount), f.Claims,
        f.FactsAndReasons,
        [.. f.Parties.Select(p => new PartyDto(p.Role, p.Kind, p.Name, p.IdType, p.IdNumber, p.Uscc, p.LegalRepresentative, p.Phone, p.Address))],
        [.. f.Documents.OrderBy(d => d.AddedAt).ThenBy(d => d.Id).Select(DocumentDtoFrom)],
        EstimateFee(f.Matter, f.ClaimAmount),
        f.SubmittedAt is { } s ? ChinaTime.ToOffset(s) : null, f.DecisionDeadline, null, f.Cause, f.FilerCapacity,
        f.AgentType, f.LaborRemuneration, f.ReceiptVersion, ChinaTime.ToOffset(f.CreatedAt), ChinaTime.ToOffset(f.UpdatedAt));

    public static DocumentDto DocumentDtoFrom(FilingDocument d) =>
        new(d.Id, d.Kind, d.FileName, d.MediaType, d.Bytes, d.Sha256, ChinaTime.ToOffset(d.AddedAt), d.FirstReceiptVersion is not null);

    /// <summary>The live estimate (fees.md) or null while the matter or a required amount is missing.</summary>
    public static decimal? EstimateFee(string matter, decimal? amount)
    {
        if (!FeeCalculator.IsKnownMatter(matter)) return null;
        if (FeeCalculator.RequiresAmount(matter) && amount is not > 0) return null;
        try { return Money.Yuan(FeeCalculator.Quote(matter, amount).Fee); }
        catch (FeeInputException) { return null; }
    }
}

public sealed record FilingSummaryDto(
    string Id, string CourtId, string CaseType, string Status, string Title, string Cause, DateTimeOffset? SubmittedAt,
    DateOnly? DecisionDeadline, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record Page<T>(int Total, IReadOnlyList<T> Items);

public sealed record ReceiptDocumentDto(string Id, string Kind, string FileName, long Bytes, string Sha256);

public sealed record ReceiptDto(
    string ReceiptNumber, string FilingId, int Version, string CourtId, DateTimeOffset SubmittedAt, IReadOnlyList<ReceiptDocumentDto> Documents)
{
    public static ReceiptDto From(Receipt r) => new(r.ReceiptNumber, r.FilingId, r.Version, r.CourtId, ChinaTime.ToOffset(r.SubmittedAt),
        [.. r.Documents.Select(d => new ReceiptDocumentDto(d.Id, d.Kind, d.FileName, d.Bytes, d.Sha256))]);
}

public sealed record HistoryActorDto(string Id, string Name, string Role);

public sealed record HistoryEventDto(
    int Sequence, DateTimeOffset At, HistoryActorDto Actor, string Action, string? FromStatus, string ToStatus, string? Note,
    string Hash, string? PreviousHash)
{
    public static HistoryEventDto From(FilingEvent e) => new(e.Sequence, ChinaTime.ToOffset(e.At),
        new HistoryActorDto(e.ActorId, e.ActorName, e.ActorRole), e.Action, e.FromStatus, e.ToStatus, e.Note, e.Hash, e.PreviousHash);
}
