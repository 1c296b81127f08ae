using Docket.Web.Features.Courts;
using Docket.Web.Features.Fees;
using Docket.Web.Infrastructure.Time;

namespace Docket.Web.Features.Filings;

public sealed record PartyDto(
    string? Role, string? Kind, string? Name, string? IdType = null, string? IdNumber = null, string? Uscc = null,
    string? LegalRepresentative = null, string? Phone = null, string? Address = null);

public sealed record DocumentDto(string Id, string Kind, string FileName, string MediaType, long Bytes, string Sha256, DateTimeOffset AddedAt, bool Locked);

public sealed record CorrectionItemDto(string Message);
public sealed record CorrectionDto(IReadOnlyList<CorrectionItemDto> Items, DateOnly? DueDate, DateTimeOffset? RequestedAt);
public sealed record FeeSliceView(decimal From, decimal? To, decimal? Rate, decimal Fee);
public sealed record FeeVoucherDto(string DocumentId, DateTimeOffset UploadedAt, string? RejectedReasons);
public sealed record JudicialAidDecisionDto(bool Granted, string Reasons, DateTimeOffset DecidedAt);
public sealed record JudicialAidDto(string Kind, string Reasons, DateTimeOffset AppliedAt, JudicialAidDecisionDto? Decision)
{
    public static JudicialAidDto? From(Filing f) => f is { JudicialAidKind: { } kind, JudicialAidAppliedAt: { } applied }
        ? new JudicialAidDto(kind, f.JudicialAidReasons ?? "", ChinaTime.ToOffset(applied),
            f.JudicialAidDecidedAt is { } decided ? new JudicialAidDecisionDto(f.JudicialAidGranted == true, f.JudicialAidDecisionReasons ?? "", ChinaTime.ToOffset(decided)) : null)
        : null;
}
/// <summary>The court's account for bank transfers (户名、开户行、账号), from the court's settings.</summary>
public sealed record FeePayeeDto(string? Name, string? Bank, string? Account);
/// <summary>
/// The fee after registration: <c>amount</c> is what is to be paid (after a reduction; 0 when waived),
/// <c>fullAmount</c> the full fee of the notice, <c>basis</c> how it was computed.
/// </summary>
public sealed record FilingFeeDto(
    decimal Amount, DateOnly? DueDate, string Status, IReadOnlyList<FeeSliceView> Basis, decimal FullAmount, FeeVoucherDto? Voucher,
    JudicialAidDto? JudicialAid, FeePayeeDto? Payee, DateTimeOffset? PaidAt);
public sealed record RulingDto(string Reasons, string? LegalBasis, string? Judge, DateOnly? Date, string? AppealCourtId, int AppealDays);
public sealed record AssigneeDto(string Id, string Name);
/// <summary>代为录入: who entered the filing at which court's counter, and when the litigant attached it to their account.</summary>
public sealed record CounterEntryDto(string CourtId, AssigneeDto EnteredBy, DateTimeOffset? AttachedAt);
public sealed record PostedOriginalsDto(string Carrier, string TrackingNumber, DateTimeOffset PostedAt, string RecordedBy, DateTimeOffset RecordedAt);

public record FilingDto(
    string Id, string CourtId, string? CooperatingCourtId, string CaseType, string Status, string Title, string Matter,
    decimal? ClaimAmount, IReadOnlyList<string> Claims, string FactsAndReasons, IReadOnlyList<PartyDto> Parties,
    IReadOnlyList<DocumentDto> Documents, decimal? FeeEstimate, DateTimeOffset? SubmittedAt, DateOnly? DecisionDeadline,
    CorrectionDto? Correction, string? CaseNumber, string Cause, FilingFeeDto? Fee, string? RejectionReasons, RulingDto? Ruling,
    string FilerCapacity, string? AgentType, bool LaborRemuneration, int ReceiptVersion, AssigneeDto? Assignee,
    DateTimeOffset? RegisteredAt, DateTimeOffset? ForwardedAt, string? MediationRoomId, string? Procedure,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, JudicialAidDto? JudicialAid, CounterEntryDto? CounterEntry,
    IReadOnlyList<PostedOriginalsDto> Originals, int Version, string? PreLitigationNumber = null)
{
    /// <summary>Appeal period against a ruling not to accept (登记立案规定 Art. 9; CPL Art. 171).</summary>
    public const int AppealDays = 10;

    /// <param name="court">The filing's court, for the payee account on the fee; without it the fee has no payee.</param>
    public static FilingDto From(Filing f, Court? court = null) => new(
        f.Id, f.CourtId, f.CooperatingCourtId, f.CaseType, f.Status, f.Title, f.Matter, Money.Yuan(f.ClaimAmount), f.Claims,
        f.FactsAndReasons,
        [.. f.Parties.Select(p => new PartyDto(p.Role, p.Kind, p.Name, p.IdType, p.IdNumber, p.Uscc, p.LegalRepresentative, p.Phone, p.Address))],
        [.. f.Documents.OrderBy(d => d.AddedAt).ThenBy(d => d.Id).Select(DocumentDtoFrom)],
        EstimateFee(f.Matter, f.ClaimAmount),
        f.SubmittedAt is { } s ? ChinaTime.ToOffset(s) : null, f.DecisionDeadline,
        f.CorrectionCount > 0
            ? new CorrectionDto([.. f.CorrectionItems.Select(i => new CorrectionItemDto(i))], f.CorrectionDueDate,
                f.CorrectionRequestedAt is { } c ? ChinaTime.ToOffset(c) : null)
            : null,
        f.CaseNumber, f.Cause,
        FeeFrom(f, court),
        f.RejectionReasons,
        f.Status == FilingStatus.Rejected && f.RejectionReasons is { } reasons
            ? new RulingDto(reasons, f.RulingLegalBasis, f.RulingJudge, f.RulingDate, f.AppealCourtId, AppealDays)
            : null,
        f.FilerCapacity, f.AgentType, f.LaborRemuneration, f.ReceiptVersion,
        f.AssigneeId is { } a ? new AssigneeDto(a, f.AssigneeName ?? "") : null,
        f.RegisteredAt is { } r ? ChinaTime.ToOffset(r) : null,
        f.ForwardedAt is { } fw ? ChinaTime.ToOffset(fw) : null,
        f.MediationRoomId, f.Procedure,
        ChinaTime.ToOffset(f.CreatedAt), ChinaTime.ToOffset(f.UpdatedAt), JudicialAidDto.From(f),
        f is { EnteredAtCourtId: { } counter, EnteredById: { } clerk }
            ? new CounterEntryDto(counter, new AssigneeDto(clerk, f.EnteredByName ?? ""), f.AttachedAt is { } at ? ChinaTime.ToOffset(at) : null)
            : null,
        [.. f.Originals.OrderBy(o => o.RecordedAt).Select(o => new PostedOriginalsDto(o.Carrier, o.TrackingNumber, ChinaTime.ToOffset(o.PostedAt),
            o.RecordedByName, ChinaTime.ToOffset(o.RecordedAt)))],
        f.Version, f.PreLitigationNumber);

    /// <summary>The filing's version as an HTTP entity tag: send it back in <c>If-Match</c> to edit only what was read.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string ETag => $"\"{Version}\"";

    static FilingFeeDto? FeeFrom(Filing f, Court? court) => f.FeeStatus is { } status
        ? new FilingFeeDto(Money.Yuan((f.FeeAmountFen ?? 0) / 100m), f.FeeDueDate, status, FeeBasis(f.FeeBasisJson),
            Money.Yuan((f.FeeFullAmountFen ?? f.FeeAmountFen ?? 0) / 100m),
            f is { FeeVoucherDocumentId: { } doc, FeeVoucherUploadedAt: { } uploaded }
                ? new FeeVoucherDto(doc, ChinaTime.ToOffset(uploaded), f.FeeVoucherRejectedReasons)
                : null,
            JudicialAidDto.From(f),
            court is { PayeeAccount.Length: > 0 } ? new FeePayeeDto(court.PayeeName, court.PayeeBank, court.PayeeAccount) : null,
            f.FeePaidAt is { } paid ? ChinaTime.ToOffset(paid) : null)
        : null;

    static IReadOnlyList<FeeSliceView> FeeBasis(string? json) =>
        string.IsNullOrEmpty(json) ? [] : System.Text.Json.JsonSerializer.Deserialize<List<FeeSliceView>>(json) ?? [];

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
