using Docket.Web.Features.Fees;
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
    /// <summary>The 民诉前调 number the court recorded at the diversion (same allocator as case numbers).</summary>
    public string? PreLitigationNumber { get; private set; }

    public long? FeeAmountFen { get; private set; }
    public string? FeeStatus { get; private set; }
    public DateOnly? FeeDueDate { get; private set; }
    public string? FeeBasisJson { get; private set; }
    /// <summary>The full fee before any reduction (the fee notice's 共计); <see cref="FeeAmountFen"/> is what is to be paid.</summary>
    public long? FeeFullAmountFen { get; private set; }
    public string? FeeVoucherDocumentId { get; private set; }
    public DateTime? FeeVoucherUploadedAt { get; private set; }
    public string? FeeVoucherRejectedReasons { get; private set; }
    public DateTime? FeePaidAt { get; private set; }
    /// <summary>The payment gateway's reference of an online payment.</summary>
    public string? FeePaymentReference { get; private set; }

    /// <summary>The latest judicial-aid application (司法救助): waiver, reduction or deferral, and the court's decision.</summary>
    public string? JudicialAidKind { get; private set; }
    public string? JudicialAidReasons { get; private set; }
    public DateTime? JudicialAidAppliedAt { get; private set; }
    public bool? JudicialAidGranted { get; private set; }
    public string? JudicialAidDecisionReasons { get; private set; }
    public DateTime? JudicialAidDecidedAt { get; private set; }

    /// <summary>代为录入: the clerk who entered the filing at a court's counter for a walk-in litigant, and that court.</summary>
    public string? EnteredById { get; private set; }
    public string? EnteredByName { get; private set; }
    public string? EnteredAtCourtId { get; private set; }
    /// <summary>When the litigant attached the counter filing to their own account (claim code + SMS code).</summary>
    public DateTime? AttachedAt { get; private set; }
    /// <summary>Paper originals posted to the competent court, with their tracking numbers (cross-region.md, step 5).</summary>
    public List<PostedOriginals> Originals { get; private set; } = [];

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

    /// <summary>A draft entered by a clerk at <paramref name="counterCourtId"/>'s counter, owned by the litigant's counter account.</summary>
    public static Filing CreateAtCounter(string litigantId, string courtId, CaseType caseType, string counterCourtId, Actor clerk, Party litigant, DateTime now)
    {
        var f = Create(litigantId, courtId, caseType, counterCourtId == courtId ? null : counterCourtId, clerk, now);
        f.EnteredById = clerk.Id;
        f.EnteredByName = clerk.Name;
        f.EnteredAtCourtId = counterCourtId;
        f.Parties = [litigant];
        return f;
    }

    public bool EnteredAtCounter => EnteredAtCourtId is not null;

    /// <summary>The litigant takes over a counter filing with their own account (once; the counter account keeps nothing).</summary>
    public void AttachTo(string ownerId, DateTime now)
    {
        if (!EnteredAtCounter || AttachedAt is not null) throw new InvalidTransitionException(Status, "attach");
        OwnerId = ownerId;
        AttachedAt = now;
        Touch(now);
    }

    /// <summary>Records the paper originals posted to the competent court (not a status change; not in the history chain).</summary>
    public PostedOriginals RecordOriginalsPosted(string carrier, string trackingNumber, DateTime postedAt, Actor clerk, DateTime now)
    {
        if (FirstSubmittedAt is null) throw new InvalidTransitionException(Status, "post-originals");
        var p = new PostedOriginals
        {
            Carrier = carrier, TrackingNumber = trackingNumber, PostedAt = postedAt, RecordedById = clerk.Id, RecordedByName = clerk.Name, RecordedAt = now,
        };
        Originals.Add(p);
        Touch(now);
        return p;
    }

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

    /// <summary>
    /// Any document while the filing is editable; after that only evidence for a pending judicial-aid application
    /// (kind <c>other</c>), which the court decides after submission or registration.
    /// </summary>
    public bool MayAddDocument(string kind) =>
        FilingStatus.IsEditable(Status) || (kind == JudicialAidEvidenceKind && AcceptsJudicialAidEvidence);

    /// <summary>The document kind of judicial-aid evidence (proof of financial hardship).</summary>
    public const string JudicialAidEvidenceKind = "other";

    /// <summary>The document kind of a fee payment voucher (交费凭证); only <see cref="UploadFeeVoucher"/> adds one.</summary>
    public const string FeeVoucherKind = "fee-voucher";

    /// <summary>Before the body of an upload is read: could any kind of document be added now?</summary>
    public bool MayAddAnyDocument => FilingStatus.IsEditable(Status) || AcceptsJudicialAidEvidence;

    bool AcceptsJudicialAidEvidence => JudicialAidPending && Status is FilingStatus.Submitted or FilingStatus.UnderReview
        or FilingStatus.AwaitingForward or FilingStatus.Registered;

    public FilingDocument AddDocument(string kind, string fileName, string mediaType, long bytes, string sha256, DateTime now)
    {
        if (!MayAddDocument(kind)) throw new InvalidTransitionException(Status, "upload");
        var d = NewDocument(kind, fileName, mediaType, bytes, sha256, now);
        Touch(now);
        return d;
    }

    FilingDocument NewDocument(string kind, string fileName, string mediaType, long bytes, string sha256, DateTime now)
    {
        var d = new FilingDocument
        {
            Id = NewId(), FilingId = Id, Kind = kind, FileName = fileName, MediaType = mediaType, Bytes = bytes,
            Sha256 = sha256, AddedAt = now,
        };
        Documents.Add(d);
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
    /// <param name="fullFeeFen">The full fee before a reduction for the simplified procedure; the prepaid amount when not given.</param>
    public void Register(Actor clerk, string caseNumber, string procedure, long? feeFen, string feeStatus, DateOnly? feeDueDate, string? feeBasisJson, DateTime now,
        long? fullFeeFen = null)
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
        FeeFullAmountFen = fullFeeFen ?? feeFen;
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

    public void DivertToMediation(Actor clerk, string roomId, DateTime now, string? preLitigationNumber = null)
    {
        // After a resubmission the only decisions are register or reject (登记立案规定 Art. 7).
        if (CorrectionCount > 0) throw new InvalidTransitionException(Status, "divert-to-mediation");
        EnsureAssignee(clerk, "divert-to-mediation");
        Move(FilingStatus.UnderReview, FilingStatus.DivertedToMediation, "divert-to-mediation", clerk,
            preLitigationNumber is null ? roomId : $"{roomId} {preLitigationNumber}", now);
        MediationRoomId = roomId;
        MediationConsentAt = now;
        PreLitigationNumber = preLitigationNumber;
    }

    /// <summary>The pre-litigation mediation ended in an agreement: the filing is settled (filing.md).</summary>
    public void SettleByMediation(Actor mediator, string? note, DateTime now)
    {
        Move(FilingStatus.DivertedToMediation, FilingStatus.SettledByMediation, "mediation-settled", mediator, note, now);
        DecidedAt = now;
    }

    /// <summary>
    /// The pre-litigation mediation failed (or was withdrawn, or its 30 days passed): back in the court's queue as
    /// submitted, the original submission kept, the decision period restarting from the return (filing.md).
    /// </summary>
    public void ReturnFromMediation(Actor mediator, DateOnly decisionDeadline, string? note, DateTime now)
    {
        Move(FilingStatus.DivertedToMediation, FilingStatus.Submitted, "mediation-failed", mediator, note, now);
        DecisionDeadline = decisionDeadline;
        AssigneeId = null;
        AssigneeName = null;
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

    // --- litigation fee after registration (fees.md; filing.md "Registration": fee statuses) -------------------

    /// <summary>Registered with an amount still to pay (due, reduced or deferred): a voucher or an online payment is expected.</summary>
    public bool FeeOwed => Status == FilingStatus.Registered && FeeStatuses.IsOwed(FeeStatus) && FeeAmountFen > 0;

    /// <summary>A judicial-aid application the court has not decided yet.</summary>
    public bool JudicialAidPending => JudicialAidAppliedAt is not null && JudicialAidDecidedAt is null;

    /// <summary>
    /// Unpaid past its due date (an Asia/Shanghai date; the due date itself still counts) without a pending
    /// judicial-aid application: the clerk may treat the case as withdrawn (按撤诉处理, fee measures Art. 22).
    /// </summary>
    public bool FeeOverdue(DateOnly today) => FeeOwed && FeeDueDate is { } due && due < today && !JudicialAidPending;

    /// <summary>免交 is for natural persons only (fee measures Art. 45): every plaintiff-side party must be one.</summary>
    public bool PlaintiffSideAllNaturalPersons =>
        Parties.Any(p => p.Role == "plaintiff") && Parties.Where(p => p.Role == "plaintiff").All(p => p.Kind == "person");

    /// <summary>The filer paid by bank transfer and uploads the voucher: the fee awaits the clerk's confirmation.</summary>
    public FilingDocument UploadFeeVoucher(Actor filer, string fileName, string mediaType, long bytes, string sha256, DateTime now)
    {
        if (!FeeOwed) throw new InvalidTransitionException(Status, "fee-voucher");
        var d = NewDocument(FeeVoucherKind, fileName, mediaType, bytes, sha256, now);
        FeeStatus = FeeStatuses.PaidPendingConfirmation;
        FeeVoucherDocumentId = d.Id;
        FeeVoucherUploadedAt = now;
        FeeVoucherRejectedReasons = null;
        Record("fee-voucher", filer, Status, Status, fileName, now);
        Touch(now);
        return d;
    }

    /// <summary>The clerk does not accept the voucher (wrong amount, illegible, another case): the fee is due again.</summary>
    public void RejectFeeVoucher(Actor clerk, string reasons, DateTime now)
    {
        if (Status != FilingStatus.Registered || FeeStatus != FeeStatuses.PaidPendingConfirmation)
            throw new InvalidTransitionException(Status, "fee-voucher-rejected");
        FeeStatus = FeeStatuses.Due;
        FeeVoucherRejectedReasons = reasons;
        Record("fee-voucher-rejected", clerk, Status, Status, Clip(reasons), now);
        Touch(now);
    }

    /// <summary>The clerk confirms the voucher's payment; the amount must be the fee to pay, to the fen.</summary>
    public void ConfirmFeePaid(Actor clerk, long amountFen, DateTime paidAt, DateTime now)
    {
        if (Status != FilingStatus.Registered || FeeStatus != FeeStatuses.PaidPendingConfirmation)
            throw new InvalidTransitionException(Status, "fee-paid");
        if (amountFen != FeeAmountFen) throw new FeeRuleException("fee.amount-mismatch");
        FeeStatus = FeeStatuses.Paid;
        FeePaidAt = paidAt;
        Record("fee-paid", clerk, Status, Status, Invariant($"{amountFen / 100m:0.00}元（{ChinaTime.DateOf(paidAt):yyyy-MM-dd}）"), now);
        Touch(now);
    }

    /// <summary>Paid through the payment gateway: no voucher and no confirmation needed.</summary>
    public void PayFeeOnline(Actor filer, string reference, DateTime now)
    {
        if (!FeeOwed) throw new InvalidTransitionException(Status, "fee-paid");
        FeeStatus = FeeStatuses.Paid;
        FeePaidAt = now;
        FeePaymentReference = reference;
        Record("fee-paid", filer, Status, Status, Invariant($"{FeeAmountFen / 100m:0.00}元（网上支付 {reference}）"), now);
        Touch(now);
    }

    /// <summary>
    /// At filing (before registration, decided after it) or after registration while the fee is due, one application
    /// at a time; a refused applicant may apply again while the fee is still due.
    /// </summary>
    public bool MayApplyForJudicialAid => !JudicialAidPending && (
        Status is FilingStatus.Draft or FilingStatus.CorrectionRequested or FilingStatus.Submitted or FilingStatus.UnderReview
        || (Status == FilingStatus.Registered && FeeStatus == FeeStatuses.Due));

    public void ApplyForJudicialAid(Actor filer, string kind, string reasons, DateTime now)
    {
        if (!JudicialAidKinds.All.Contains(kind)) throw new FeeRuleException("fee.aid-kind-invalid");
        if (!MayApplyForJudicialAid) throw new InvalidTransitionException(Status, "judicial-aid");
        if (kind == JudicialAidKinds.Waiver && !PlaintiffSideAllNaturalPersons) throw new FeeRuleException("fee.aid-waiver-natural-persons-only");
        JudicialAidKind = kind;
        JudicialAidReasons = reasons;
        JudicialAidAppliedAt = now;
        JudicialAidGranted = null;
        JudicialAidDecisionReasons = null;
        JudicialAidDecidedAt = null;
        Record("judicial-aid", filer, Status, Status, Clip($"{AidName(kind)}申请：{reasons}"), now);
        Touch(now);
    }

    /// <summary>
    /// The court decides a pending application once the fee is known and due: a waiver makes it <c>waived</c>, a
    /// reduction <c>reduced</c> (the reduced amount is still to pay), a deferral <c>deferred</c> (due on the new
    /// date); a refusal leaves it <c>due</c>. <paramref name="newDueDate"/> also gives a reduced or refused fee a
    /// new due date (the old one may have passed while the application was pending).
    /// </summary>
    public void DecideJudicialAid(Actor clerk, bool granted, long? reducedAmountFen, DateOnly? newDueDate, string reasons, DateTime now)
    {
        if (Status != FilingStatus.Registered || !JudicialAidPending || FeeStatus != FeeStatuses.Due)
            throw new InvalidTransitionException(Status, "judicial-aid");
        if (newDueDate is { } d && d <= ChinaTime.DateOf(now)) throw new FeeRuleException("fee.aid-deferred-until-invalid");
        string outcome;
        if (!granted)
        {
            if (newDueDate is not null) FeeDueDate = newDueDate;
            outcome = $"不准予{AidName(JudicialAidKind!)}";
        }
        else if (JudicialAidKind == JudicialAidKinds.Waiver)
        {
            if (!PlaintiffSideAllNaturalPersons) throw new FeeRuleException("fee.aid-waiver-natural-persons-only");
            FeeStatus = FeeStatuses.Waived;
            FeeAmountFen = 0;
            FeeDueDate = null;
            outcome = "准予免交";
        }
        else if (JudicialAidKind == JudicialAidKinds.Reduction)
        {
            if (reducedAmountFen is not { } reduced) throw new FeeRuleException("fee.aid-reduced-amount-required");
            if (reduced <= 0 || reduced >= FeeAmountFen) throw new FeeRuleException("fee.aid-reduced-amount-invalid");
            FeeStatus = FeeStatuses.Reduced;
            FeeAmountFen = reduced;
            if (newDueDate is not null) FeeDueDate = newDueDate;
            outcome = Invariant($"准予减交，应交{reduced / 100m:0.00}元");
        }
        else
        {
            if (newDueDate is null) throw new FeeRuleException("fee.aid-deferred-until-required");
            FeeStatus = FeeStatuses.Deferred;
            FeeDueDate = newDueDate;
            outcome = Invariant($"准予缓交至{newDueDate:yyyy-MM-dd}");
        }
        JudicialAidGranted = granted;
        JudicialAidDecisionReasons = reasons;
        JudicialAidDecidedAt = now;
        Record("judicial-aid", clerk, Status, Status, Clip($"{outcome}：{reasons}"), now);
        Touch(now);
    }

    /// <summary>按撤诉处理: the fee was not paid by its due date and no judicial-aid application is pending (fee measures Art. 22).</summary>
    public void WithdrawForUnpaidFee(Actor clerk, DateTime now)
    {
        if (!FeeOverdue(ChinaTime.DateOf(now))) throw new InvalidTransitionException(Status, "fee-unpaid-withdrawn");
        FeeStatus = FeeStatuses.UnpaidWithdrawn;
        // History action from api.md's list: this is a withdrawal, by the court's decision (按撤诉处理).
        Move(FilingStatus.Registered, FilingStatus.Withdrawn, "withdraw", clerk, Invariant($"按撤诉处理：诉讼费未于 {FeeDueDate:yyyy-MM-dd} 前交纳"), now);
    }

    static string AidName(string kind) => kind switch
    {
        JudicialAidKinds.Waiver => "免交",
        JudicialAidKinds.Reduction => "减交",
        _ => "缓交",
    };

    /// <summary>Audit notes are hashed: never formatted by the request's culture.</summary>
    static string Invariant(FormattableString s) => FormattableString.Invariant(s);

    /// <summary>Audit notes are at most 2000 characters; the full text stays on the filing.</summary>
    static string Clip(string note) => note.Length <= 2000 ? note : note[..1999] + "…";

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
/// <summary>One parcel of paper originals posted from the counter to the competent court.</summary>
public sealed class PostedOriginals
{
    public string Carrier { get; set; } = "";
    public string TrackingNumber { get; set; } = "";
    public DateTime PostedAt { get; set; }
    public string RecordedById { get; set; } = "";
    public string RecordedByName { get; set; } = "";
    public DateTime RecordedAt { get; set; }
}

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

    /// <summary>A separate copy, for another record (a mediation case, a judicial-confirmation filing) to own.</summary>
    public Party Copy() => (Party)MemberwiseClone();
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
