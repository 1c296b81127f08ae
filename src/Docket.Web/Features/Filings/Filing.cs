using Docket.Web.Infrastructure.Time;

namespace Docket.Web.Features.Filings;

public static class FilingStatus
{
    public const string Draft = "draft";
    public const string AwaitingForward = "awaiting-forward";
    public const string Submitted = "submitted";
    public const string UnderReview = "under-review";
    public const string CorrectionRequested = "correction-requested";
    public const string Registered = "registered";
    public const string Rejected = "rejected";
    public const string Returned = "returned";
    public const string Lapsed = "lapsed";
    public const string DivertedToMediation = "diverted-to-mediation";
    public const string SettledByMediation = "settled-by-mediation";
    public const string Withdrawn = "withdrawn";

    public static readonly IReadOnlyList<string> All =
    [
        Draft, AwaitingForward, Submitted, UnderReview, CorrectionRequested, Registered, Rejected, Returned, Lapsed,
        DivertedToMediation, SettledByMediation, Withdrawn,
    ];

    public static bool IsEditable(string status) => status is Draft or CorrectionRequested;
}

/// <summary>Who did something to a filing, as the audit trail records it.</summary>
public sealed record Actor(string Id, string Name, string Role);

/// <summary>A second correction notice for one filing (登记立案规定 Art. 7: one, ever).</summary>
public sealed class CorrectionAlreadyRequestedException() : InvalidOperationException("This filing already had its one correction notice.");

/// <summary>Thrown by the entity when asked for a move the transition table (filing.md) does not allow.</summary>
public sealed class InvalidTransitionException(string from, string action)
    : InvalidOperationException($"A filing in '{from}' cannot '{action}'.");

/// <summary>
/// A case filing (网上立案). Guards its own transitions (filing.md, "States and transitions") and appends a
/// hash-chained audit event for each; the version token makes concurrent changes fail instead of overwrite.
/// </summary>
public sealed class Filing
{
    Filing() { }

    public string Id { get; private set; } = "";
    public string OwnerId { get; private set; } = "";
    public string CourtId { get; private set; } = "";
    public string? CooperatingCourtId { get; private set; }
    public string CaseType { get; private set; } = "";
    public string Status { get; private set; } = FilingStatus.Draft;

    public string Title { get; private set; } = "";
    public string Cause { get; private set; } = "";
    public string Matter { get; private set; } = "";
    /// <summary>Money is stored as integer fen (分).</summary>
    public long? ClaimAmountFen { get; private set; }
    public List<string> Claims { get; private set; } = [];
    public string FactsAndReasons { get; private set; } = "";
    public string FilerCapacity { get; private set; } = "party";
    public string? AgentType { get; private set; }
    public bool LaborRemuneration { get; private set; }
    public List<Party> Parties { get; private set; } = [];

    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    /// <summary>The latest complete submission (the decision period runs from it).</summary>
    public DateTime? SubmittedAt { get; private set; }
    public DateOnly? DecisionDeadline { get; private set; }
    public int ReceiptVersion { get; private set; }
    /// <summary>The first complete submission; kept when a failed mediation returns the filing (filing.md).</summary>
    public DateTime? FirstSubmittedAt { get; private set; }
    /// <summary>When a cooperating court forwarded it (cross-region); the competent court sees it from then on.</summary>
    public DateTime? ForwardedAt { get; private set; }

    /// <summary>The competent court's first action (claim or decision): a cross-region filing's response time runs from forwarding to it.</summary>
    public DateTime? FirstActionAt { get; private set; }

    public string? AssigneeId { get; private set; }
    public string? AssigneeName { get; private set; }

    /// <summary>How many correction notices this filing ever had: at most one (登记立案规定 Art. 7).</summary>
    public int CorrectionCount { get; private set; }
    public List<string> CorrectionItems { get; private set; } = [];
    public DateOnly? CorrectionDueDate { get; private set; }
    public DateTime? CorrectionRequestedAt { get; private set; }

    public string? CaseNumber { get; private set; }
    public DateTime? RegisteredAt { get; private set; }
    public string? Procedure { get; private set; }

    public string? RejectionReasons { get; private set; }
    public string? RulingLegalBasis { get; private set; }
    public string? RulingJudge { get; private set; }
    public DateOnly? RulingDate { get; private set; }
    public string? AppealCourtId { get; private set; }
    public DateTime? DecidedAt { get; private set; }

    public string? MediationRoomId { get; private set; }
    public DateTime? MediationConsentAt { get; private set; }

    public long? FeeAmountFen { get; private set; }
    public string? FeeStatus { get; private set; }
    public DateOnly? FeeDueDate { get; private set; }
    public string? FeeBasisJson { get; private set; }

    /// <summary>App-managed optimistic concurrency token, the same on every provider.</summary>
    public int Version { get; private set; }
    public int EventCount { get; private set; }
    public string? LastEventHash { get; private set; }

    public List<FilingDocument> Documents { get; private set; } = [];
    public List<Receipt> Receipts { get; private set; } = [];
    public List<FilingEvent> Events { get; private set; } = [];

    public decimal? ClaimAmount => ClaimAmountFen is { } f ? f / 100m : null;

    public static Filing Create(string ownerId, string courtId, CaseType caseType, string? cooperatingCourtId, Actor actor, DateTime now)
    {
        var f = new Filing
        {
            Id = NewId(),
            OwnerId = ownerId,
            CourtId = courtId,
            CooperatingCourtId = cooperatingCourtId,
            CaseType = caseType.Code,
            Matter = caseType.Matters.Count == 1 ? caseType.Matters[0] : "",
            CreatedAt = now,
            UpdatedAt = now,
        };
        f.Record("create", actor, null, FilingStatus.Draft, null, now);
        return f;
    }

    public static string NewId() => Guid.CreateVersion7().ToString("N");

    public sealed record Content(
        string Title, string Cause, string Matter, long? ClaimAmountFen, List<string> Claims, string FactsAndReasons,
        List<Party> Parties, string FilerCapacity, string? AgentType, bool LaborRemuneration);

    public void Edit(Content c, DateTime now)
    {
        EnsureEditable("edit");
        Title = c.Title;
        Cause = c.Cause;
        Matter = c.Matter;
        ClaimAmountFen = c.ClaimAmountFen;
        Claims = c.Claims;
        FactsAndReasons = c.FactsAndReasons;
        FilerCapacity = c.FilerCapacity;
        AgentType = c.AgentType;
        LaborRemuneration = c.LaborRemuneration;
        Parties.Clear();
        Parties.AddRange(c.Parties);
        Touch(now);
    }

    public void EnsureEditable(string action)
    {
        if (!FilingStatus.IsEditable(Status)) throw new InvalidTransitionException(Status, action);
    }

    public FilingDocument AddDocument(string kind, string fileName, string mediaType, long bytes, string sha256, DateTime now)
    {
        EnsureEditable("upload");
        var d = new FilingDocument
        {
            Id = NewId(), FilingId = Id, Kind = kind, FileName = fileName, MediaType = mediaType, Bytes = bytes,
            Sha256 = sha256, AddedAt = now,
        };
        Documents.Add(d);
        Touch(now);
        return d;
    }

    /// <summary>In draft any document may go; after a receipt only those added since the last receipt (filing.md).</summary>
    public void RemoveDocument(FilingDocument d, DateTime now)
    {
        EnsureEditable("delete-document");
        if (d.FirstReceiptVersion is not null) throw new InvalidTransitionException(Status, "delete-document");
        Documents.Remove(d);
        Touch(now);
    }

    /// <summary>
    /// Submit (draft → submitted/awaiting-forward) or resubmit after a correction: freezes the content and
    /// issues the next receipt version (登记立案规定 Art. 2); the decision period restarts.
    /// </summary>
    public Receipt Submit(Actor actor, DateTime now, DateOnly decisionDeadline, string receiptNumber)
    {
        var resubmit = Status == FilingStatus.CorrectionRequested;
        if (Status != FilingStatus.Draft && !resubmit) throw new InvalidTransitionException(Status, "submit");
        var from = Status;
        var to = CooperatingCourtId is not null && !resubmit ? FilingStatus.AwaitingForward : FilingStatus.Submitted;
        ReceiptVersion++;
        foreach (var d in Documents) d.FirstReceiptVersion ??= ReceiptVersion;
        var receipt = new Receipt
        {
            Id = NewId(), FilingId = Id, Version = ReceiptVersion, ReceiptNumber = receiptNumber, CourtId = CourtId,
            SubmittedAt = now,
            Documents = [.. Documents.OrderBy(d => d.AddedAt).ThenBy(d => d.Id).Select(d => new ReceiptDocument(d.Id, d.Kind, d.FileName, d.Bytes, d.Sha256))],
        };
        Receipts.Add(receipt);
        SubmittedAt = now;
        FirstSubmittedAt ??= now;
        DecisionDeadline = decisionDeadline;
        AssigneeId = null;
        AssigneeName = null;
        Status = to;
        Record(resubmit ? "resubmit" : "submit", actor, from, to, receiptNumber, now);
        Touch(now);
        return receipt;
    }

    public void Withdraw(Actor actor, string? note, DateTime now)
    {
        if (Status is not (FilingStatus.Draft or FilingStatus.Submitted or FilingStatus.AwaitingForward
            or FilingStatus.UnderReview or FilingStatus.CorrectionRequested))
            throw new InvalidTransitionException(Status, "withdraw");
        var from = Status;
        Status = FilingStatus.Withdrawn;
        Record("withdraw", actor, from, Status, note, now);
        Touch(now);
    }

    /// <summary>A clerk of the competent court takes the filing, so two clerks do not work on one.</summary>
    public void Claim(Actor clerk, DateTime now)
    {
        Move(FilingStatus.Submitted, FilingStatus.UnderReview, "claim", clerk, null, now);
        AssigneeId = clerk.Id;
        AssigneeName = clerk.Name;
    }

    public void Release(Actor clerk, DateTime now)
    {
        EnsureAssignee(clerk, "release");
        Move(FilingStatus.UnderReview, FilingStatus.Submitted, "release", clerk, null, now);
        AssigneeId = null;
        AssigneeName = null;
    }

    /// <summary>一次性告知补正: all items in one notice, once over the filing's whole life.</summary>
    public void RequestCorrection(Actor clerk, IReadOnlyList<string> items, DateOnly dueDate, DateTime now)
    {
        if (CorrectionCount > 0) throw new CorrectionAlreadyRequestedException();
        EnsureAssignee(clerk, "request-correction");
        Move(FilingStatus.UnderReview, FilingStatus.CorrectionRequested, "request-correction", clerk,
            $"{string.Join("；", items)}（{dueDate:yyyy-MM-dd}）", now);
        CorrectionCount++;
        CorrectionItems = [.. items];
        CorrectionDueDate = dueDate;
        CorrectionRequestedAt = now;
        AssigneeId = null;
        AssigneeName = null;
    }

    /// <summary>登记立案: the case number was allocated in the same transaction.</summary>
    public void Register(Actor clerk, string caseNumber, string procedure, long? feeFen, string feeStatus, DateOnly? feeDueDate, string? feeBasisJson, DateTime now)
    {
        EnsureAssignee(clerk, "register");
        Move(FilingStatus.UnderReview, FilingStatus.Registered, "register", clerk, caseNumber, now);
        CaseNumber = caseNumber;
        RegisteredAt = now;
        DecidedAt = now;
        Procedure = procedure;
        FeeAmountFen = feeFen;
        FeeStatus = feeStatus;
        FeeDueDate = feeDueDate;
        FeeBasisJson = feeBasisJson;
    }

    /// <summary>Corrections the clerk may make before registering (filing.md, "Registration").</summary>
    public void CorrectForRegistration(string? cause, string? matter, long? claimAmountFen)
    {
        if (Status != FilingStatus.UnderReview) throw new InvalidTransitionException(Status, "register");
        if (!string.IsNullOrWhiteSpace(cause)) Cause = cause.Trim();
        if (!string.IsNullOrWhiteSpace(matter)) Matter = matter;
        if (claimAmountFen is not null) ClaimAmountFen = claimAmountFen;
    }

    /// <summary>不予受理/不予立案: a ruling with reasons and the right to appeal to the court above.</summary>
    public void Reject(Actor clerk, string reasons, string legalBasis, string judge, DateOnly ruledOn, string? appealCourtId, DateTime now)
    {
        EnsureAssignee(clerk, "reject");
        Move(FilingStatus.UnderReview, FilingStatus.Rejected, "reject", clerk, reasons, now);
        RejectionReasons = reasons;
        RulingLegalBasis = legalBasis;
        RulingJudge = judge;
        RulingDate = ruledOn;
        AppealCourtId = appealCourtId;
        DecidedAt = now;
    }

    public void DivertToMediation(Actor clerk, string roomId, DateTime now)
    {
        // After a resubmission the only decisions are register or reject (登记立案规定 Art. 7).
        if (CorrectionCount > 0) throw new InvalidTransitionException(Status, "divert-to-mediation");
        EnsureAssignee(clerk, "divert-to-mediation");
        Move(FilingStatus.UnderReview, FilingStatus.DivertedToMediation, "divert-to-mediation", clerk, roomId, now);
        MediationRoomId = roomId;
        MediationConsentAt = now;
    }

    /// <summary>Cross-region: the cooperating court verified identity and formal completeness and forwards it.</summary>
    /// <remarks>The decision period keeps running from the submission at the cooperating court (filing.md).</remarks>
    public void Forward(Actor clerk, DateTime now)
    {
        Move(FilingStatus.AwaitingForward, FilingStatus.Submitted, "forward", clerk, null, now);
        ForwardedAt = now;
    }

    /// <summary>Cross-region: the cooperating court cannot verify identity or completeness; not a ruling.</summary>
    public void Return(Actor clerk, string reasons, DateTime now)
    {
        Move(FilingStatus.AwaitingForward, FilingStatus.Returned, "return", clerk, reasons, now);
        RejectionReasons = reasons;
        DecidedAt = now;
    }

    /// <summary>The correction's due date passed without a resubmission (退回).</summary>
    public void Lapse(Actor system, DateTime now) =>
        Move(FilingStatus.CorrectionRequested, FilingStatus.Lapsed, "lapse", system, CorrectionDueDate?.ToString("yyyy-MM-dd"), now);

    void EnsureAssignee(Actor clerk, string action)
    {
        if (Status != FilingStatus.UnderReview || AssigneeId != clerk.Id) throw new InvalidTransitionException(Status, action);
    }

    void Move(string from, string to, string action, Actor actor, string? note, DateTime now)
    {
        if (Status != from) throw new InvalidTransitionException(Status, action);
        if (action is "claim" or "register" or "reject" or "request-correction" or "divert-to-mediation") FirstActionAt ??= now;
        Status = to;
        Record(action, actor, from, to, note, now);
        Touch(now);
    }

    void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }

    FilingEvent Record(string action, Actor actor, string? from, string to, string? note, DateTime now)
    {
        var e = new FilingEvent
        {
            FilingId = Id, Sequence = EventCount + 1, At = ChinaTime.TruncateToMicroseconds(now), ActorId = actor.Id,
            ActorName = actor.Name, ActorRole = actor.Role, Action = action, FromStatus = from, ToStatus = to, Note = note,
            PreviousHash = LastEventHash,
        };
        e.Hash = AuditChain.Hash(e);
        EventCount = e.Sequence;
        LastEventHash = e.Hash;
        Events.Add(e);
        return e;
    }
}

/// <summary>A party (当事人); <c>Role</c> is the side, labelled per case type on pages and notices.</summary>
public sealed class Party
{
    public string Role { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Name { get; set; } = "";
    public string? IdType { get; set; }
    public string? IdNumber { get; set; }
    public string? Uscc { get; set; }
    public string? LegalRepresentative { get; set; }
    public string? Phone { get; set; }
    public string? Address { get; set; }
}

public sealed class FilingDocument
{
    public string Id { get; set; } = "";
    public string FilingId { get; set; } = "";
    public string Kind { get; set; } = "";
    public string FileName { get; set; } = "";
    public string MediaType { get; set; } = "";
    public long Bytes { get; set; }
    public string Sha256 { get; set; } = "";
    public DateTime AddedAt { get; set; }
    /// <summary>The first receipt version that listed this document; once set the document is never deleted.</summary>
    public int? FirstReceiptVersion { get; set; }
}

public sealed record ReceiptDocument(string Id, string Kind, string FileName, long Bytes, string Sha256);

public sealed class Receipt
{
    public string Id { get; set; } = "";
    public string FilingId { get; set; } = "";
    public int Version { get; set; }
    public string ReceiptNumber { get; set; } = "";
    public string CourtId { get; set; } = "";
    public DateTime SubmittedAt { get; set; }
    public List<ReceiptDocument> Documents { get; set; } = [];
}

/// <summary>An append-only, hash-chained audit event; <c>(FilingId, Sequence)</c> is unique.</summary>
public sealed class FilingEvent
{
    public string FilingId { get; set; } = "";
    public int Sequence { get; set; }
    public DateTime At { get; set; }
    public string ActorId { get; set; } = "";
    public string ActorName { get; set; } = "";
    public string ActorRole { get; set; } = "";
    public string Action { get; set; } = "";
    public string? FromStatus { get; set; }
    public string ToStatus { get; set; } = "";
    public string? Note { get; set; }
    public string Hash { get; set; } = "";
    public string? PreviousHash { get; set; }
}

/// <summary>A stored Idempotency-Key of one owner and the filing its first request created.</summary>
public sealed class IdempotencyRecord
{
    public string OwnerId { get; set; } = "";
    public string Key { get; set; } = "";
    public string RequestHash { get; set; } = "";
    public string FilingId { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
