using System.Globalization;
using Docket.Web.Features.Accounts;
using Docket.Web.Features.Calendar;
using Docket.Web.Features.Courts;
using Docket.Web.Features.Fees;
using Docket.Web.Features.Filings;
using Docket.Web.Features.Notices;
using Docket.Web.Features.Review;
using Docket.Web.Infrastructure;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Docket.Web.Pages.Review;

/// <summary>
/// The clerk's review page: everything the filer submitted, the check result, receipts, notices and history, and
/// the decisions that apply right now. Each decision posts to a handler here that calls the same use case class
/// as the API, so the page and the API can never disagree.
/// </summary>
[Authorize(Roles = $"{Roles.Clerk},{Roles.CourtAdmin}")]
public sealed class FilingModel(ReviewReads reads, FilingNotices notices, CalendarService calendar, DocketDbContext db,
    UserManager<User> users, TimeProvider clock, IOptions<DocketOptions> options, IStringLocalizer<Messages> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";

    // Paper originals posted on to the competent court (the cooperating court).
    [BindProperty] public string? Carrier { get; set; }
    [BindProperty] public string? TrackingNumber { get; set; }

    // Registration (the clerk may correct these first).
    [BindProperty] public string? Cause { get; set; }
    [BindProperty] public string? Matter { get; set; }
    [BindProperty] public string? ClaimAmount { get; set; }
    [BindProperty] public string? Procedure { get; set; }
    // Correction: one item per line.
    [BindProperty] public string? Items { get; set; }
    [BindProperty] public string? DueDate { get; set; }
    // Rejection at the competent court, or return at the cooperating court (reasons only).
    [BindProperty] public string? Reasons { get; set; }
    [BindProperty] public string? LegalBasis { get; set; }
    [BindProperty] public string? Judge { get; set; }
    // Diversion to pre-litigation mediation.
    [BindProperty] public string? MediationRoomId { get; set; }
    /// <summary>The rooms a filing may be diverted to: the court's own first.</summary>
    public List<Features.Mediation.MediationRoom> Rooms { get; private set; } = [];
    [BindProperty] public bool FilerConsent { get; set; }

    // Fee: confirm a voucher's payment, reject the voucher, decide judicial aid.
    [BindProperty] public string? FeeAmount { get; set; }
    [BindProperty] public string? PaidOn { get; set; }
    [BindProperty] public string? VoucherReasons { get; set; }
    [BindProperty] public string? AidGranted { get; set; }
    [BindProperty] public string? AidReducedAmount { get; set; }
    [BindProperty] public string? AidDeferredUntil { get; set; }
    [BindProperty] public string? AidDecisionReasons { get; set; }

    public ReviewFilingDto Filing { get; private set; } = null!;
    public Clerk Clerk { get; private set; } = null!;
    public CaseType? CaseType { get; private set; }
    public Court? Court { get; private set; }
    public Court? CooperatingCourt { get; private set; }
    public IReadOnlyList<CheckItemDto> Check { get; private set; } = [];
    public IReadOnlyList<NoticeDto> Notices { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public DateOnly DefaultCorrectionDue { get; private set; }
    public bool Overdue { get; private set; }
    public bool DeadlineNear { get; private set; }
    public bool CalendarLoaded { get; private set; } = true;

    /// <summary>This court decides the filing (for a cross-region one: once the cooperating court forwarded it).</summary>
    public bool Competent => Filing.CourtId == Clerk.CourtId && (Filing.CooperatingCourtId is null || Filing.ForwardedAt is not null);
    public bool CanClaim => Competent && Filing.Status == FilingStatus.Submitted;
    public bool Mine => Competent && Filing.Status == FilingStatus.UnderReview && Filing.Assignee?.Id == Clerk.User.Id;
    /// <summary>One correction notice per filing, ever (登记立案规定 Art. 7); after it only register or reject.</summary>
    public bool CanRequestCorrection => Mine && Filing.Correction is null;
    public bool CanForward => Filing.Status == FilingStatus.AwaitingForward && Filing.CooperatingCourtId == Clerk.CourtId;
    /// <summary>The cooperating court received the papers and records their posting to the competent court.</summary>
    public bool CanPostOriginals => Filing.CooperatingCourtId == Clerk.CourtId;

    // Which fee decisions to offer (the entity decides; these only pick the forms).
    public bool FeeOwed => Filing is { Status: FilingStatus.Registered, Fee: { Amount: > 0 } fee } && FeeStatuses.IsOwed(fee.Status);
    public bool AidPending => Filing.JudicialAid is { Decision: null };
    public bool CanConfirmFee => Competent && Filing is { Status: FilingStatus.Registered, Fee.Status: FeeStatuses.PaidPendingConfirmation };
    public bool CanDecideAid => Competent && AidPending && Filing is { Status: FilingStatus.Registered, Fee.Status: FeeStatuses.Due };
    /// <summary>Unpaid past the due date without a pending application: 按撤诉处理 may be decided.</summary>
    public bool FeeOverdue => Competent && FeeOwed && !AidPending && Filing.Fee?.DueDate is { } due && due < Today;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var clerk = await ReviewScope.ClerkAsync(users, User);
        if (!clerk.IsOk) return Forbid();
        return await LoadAsync(clerk.Value, ct) ?? Page();
    }

    /// <summary>A document as a download, or inline for the sandboxed preview frame.</summary>
    public async Task<IActionResult> OnGetDocumentAsync(string? documentId, bool preview, CancellationToken ct)
    {
        var clerk = await ReviewScope.ClerkAsync(users, User);
        if (!clerk.IsOk) return Forbid();
        var r = await reads.OpenDocumentAsync(clerk.Value, Id, documentId ?? "", ct);
        if (!r.IsOk) return NotFound();
        Response.Headers.XContentTypeOptions = "nosniff";
        if (!preview) return File(r.Value.Stream, r.Value.MediaType, r.Value.FileName);
        // Uploaded bytes are untrusted: no scripts, no same-origin access, even when opened outside the frame.
        Response.Headers.ContentSecurityPolicy = "sandbox";
        Response.Headers.ContentDisposition = "inline; filename*=UTF-8''" + Uri.EscapeDataString(r.Value.FileName);
        return File(r.Value.Stream, r.Value.MediaType);
    }

    public async Task<IActionResult> OnGetNoticeAsync(string? noticeId, CancellationToken ct)
    {
        var clerk = await ReviewScope.ClerkAsync(users, User);
        if (!clerk.IsOk) return Forbid();
        if (!await ReviewScope.Visible(db, clerk.Value.CourtId).AnyAsync(f => f.Id == Id, ct)) return NotFound();
        var pdf = await notices.PdfAsync(Id, noticeId ?? "", options.Value.PublicBaseUrl ?? $"{Request.Scheme}://{Request.Host}", ct);
        if (!pdf.IsOk) return NotFound();
        Response.Headers.ContentDisposition = "inline; filename*=UTF-8''" + Uri.EscapeDataString($"{noticeId}.pdf");
        return File(pdf.Value, "application/pdf");
    }

    public Task<IActionResult> OnPostClaimAsync([FromServices] ClaimFiling h, CancellationToken ct) =>
        ActAsync(c => h.ClaimAsync(c, Id, ct), _ => l["已开始审查，本件由您承办。"].Value, ct);

    public Task<IActionResult> OnPostReleaseAsync([FromServices] ClaimFiling h, CancellationToken ct) =>
        ActAsync(c => h.ReleaseAsync(c, Id, ct), _ => l["已退回待审队列。"].Value, ct);

    public Task<IActionResult> OnPostRegisterAsync([FromServices] RegisterFiling h, CancellationToken ct)
    {
        decimal? amount = null;
        if (!string.IsNullOrWhiteSpace(ClaimAmount))
        {
            if (!decimal.TryParse(ClaimAmount.Replace(",", "").Replace("，", "").Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign,
                    CultureInfo.InvariantCulture, out var a))
                return ShowAsync(Error.Validation("claimAmount", "fee.amount-invalid"), ct);
            amount = a;
        }
        var request = new RegisterFiling.Request(Blank(Cause), Blank(Matter), amount, Blank(Procedure));
        return ActAsync(c => h.HandleAsync(c, Id, request, ct), r =>
        {
            var fee = r.Fee.Status == "due"
                ? string.Format(CultureInfo.CurrentCulture, l["应交案件受理费 {0} 元，交费期限 {1}。"].Value, r.Fee.Amount.ToString("0.00", CultureInfo.InvariantCulture), $"{r.Fee.DueDate:yyyy-MM-dd}")
                : l["fee:" + r.Fee.Status].Value;
            return string.Format(CultureInfo.CurrentCulture, l["已登记立案，案号{0}。"].Value, r.CaseNumber) + " " + fee;
        }, ct);
    }

    public Task<IActionResult> OnPostCorrectionAsync([FromServices] RequestCorrection h, CancellationToken ct)
    {
        var lines = (Items ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var request = new RequestCorrection.Request([.. lines.Select(m => new RequestCorrection.Item(m))], Blank(DueDate));
        return ActAsync(c => h.HandleAsync(c, Id, request, ct), f => string.Format(CultureInfo.CurrentCulture,
            l["已一次性告知补正 {0} 项，补正期限 {1}。补正通知书已送达当事人。"].Value, f.Correction?.Items.Count ?? lines.Length, $"{f.Correction?.DueDate:yyyy-MM-dd}"), ct);
    }

    public Task<IActionResult> OnPostRejectAsync([FromServices] RejectFiling h, CancellationToken ct) =>
        ActAsync(c => h.HandleAsync(c, Id, new RejectFiling.Request(Reasons, Blank(LegalBasis), Blank(Judge)), ct),
            _ => l["已裁定不予受理，裁定书已送达当事人。"].Value, ct);

    /// <summary>At the cooperating court: identity or formal completeness not verifiable — returned, not a ruling.</summary>
    public Task<IActionResult> OnPostReturnAsync([FromServices] RejectFiling h, CancellationToken ct) =>
        ActAsync(c => h.HandleAsync(c, Id, new RejectFiling.Request(Reasons, null, null), ct), _ => l["已退回当事人。"].Value, ct);

    public Task<IActionResult> OnPostForwardAsync([FromServices] ForwardFiling h, CancellationToken ct) =>
        ActAsync(c => h.HandleAsync(c, Id, ct), _ => l["已转交管辖法院审查。"].Value, ct);

    public Task<IActionResult> OnPostOriginalsAsync([FromServices] Features.Counter.PostOriginals h, CancellationToken ct) =>
        ActAsync(c => h.HandleAsync(c, Id, new Features.Counter.PostOriginals.Request(Carrier, TrackingNumber, null), ct),
            p => string.Format(l["已登记原件寄送，单号 {0}。"].Value, p.TrackingNumber), ct);

    public Task<IActionResult> OnPostDivertAsync([FromServices] DivertToMediation h, CancellationToken ct) =>
        ActAsync(c => h.HandleAsync(c, Id, new DivertToMediation.Request(MediationRoomId, FilerConsent), ct),
            _ => l["已转诉前调解。"].Value, ct);

    public Task<IActionResult> OnPostConfirmFeeAsync([FromServices] ConfirmFee h, CancellationToken ct)
    {
        if (ParseYuan(FeeAmount, out var amount) is { } bad) return ShowAsync(Renamed(bad), ct);
        return ActAsync(async c => Renamed(await h.ConfirmAsync(c, Id, new ConfirmFee.ConfirmRequest(amount, Blank(PaidOn)), ct)),
            f => string.Format(CultureInfo.CurrentCulture, l["已确认交费 {0} 元。"].Value, f.Fee?.Amount.ToString("0.00", CultureInfo.InvariantCulture)), ct);
    }

    public Task<IActionResult> OnPostRejectVoucherAsync([FromServices] ConfirmFee h, CancellationToken ct) =>
        ActAsync(async c => Renamed(await h.RejectVoucherAsync(c, Id, new ConfirmFee.RejectRequest(VoucherReasons), ct), ("reasons", nameof(VoucherReasons))),
            _ => l["已退回交费凭证，当事人须重新交费或上传凭证。"].Value, ct);

    public Task<IActionResult> OnPostDecideAidAsync([FromServices] DecideJudicialAid h, CancellationToken ct)
    {
        if (ParseYuan(AidReducedAmount, out var reduced, "reducedAmount") is { } bad) return ShowAsync(Renamed(bad), ct);
        bool? granted = AidGranted switch { "true" => true, "false" => false, _ => null };
        var request = new DecideJudicialAid.Request(granted, reduced, Blank(AidDeferredUntil), AidDecisionReasons);
        return ActAsync(async c => Renamed(await h.HandleAsync(c, Id, request, ct)),
            f => l["司法救助决定已作出：" ].Value + l["fee:" + f.Fee?.Status].Value, ct);
    }

    public Task<IActionResult> OnPostUnpaidWithdrawnAsync([FromServices] WithdrawForUnpaidFee h, CancellationToken ct) =>
        ActAsync(c => h.HandleAsync(c, Id, ct), _ => l["已按撤诉处理。"].Value, ct);

    /// <summary>A money field of a fee form: blank is null, anything else must be a number.</summary>
    static Error? ParseYuan(string? text, out decimal? value, string field = "amount")
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!decimal.TryParse(text.Replace(",", "").Replace("，", "").Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v))
            return Error.Validation(field, "fee.amount-invalid");
        value = v;
        return null;
    }

    /// <summary>The fee forms' fields have their own names on this page (several forms ask for "reasons").</summary>
    static Result<T> Renamed<T>(Result<T> r, params (string Api, string Form)[] extra) => r.IsOk ? r : Renamed(r.Error!, extra);

    static Error Renamed(Error e, params (string Api, string Form)[] extra)
    {
        if (e.Fields is not { Count: > 0 } fields) return e;
        var names = new Dictionary<string, string>
        {
            ["amount"] = nameof(FeeAmount), ["paidAt"] = nameof(PaidOn), ["granted"] = nameof(AidGranted),
            ["reducedAmount"] = nameof(AidReducedAmount), ["deferredUntil"] = nameof(AidDeferredUntil), ["reasons"] = nameof(AidDecisionReasons),
        };
        foreach (var (api, form) in extra) names[api] = form;
        return e with { Fields = fields.ToDictionary(f => names.GetValueOrDefault(f.Key, f.Key), f => f.Value) };
    }

    /// <summary>
    /// Runs a decision. Success and state conflicts redirect (a fresh page shows the new state and the message);
    /// field errors re-render the form with each message next to its field.
    /// </summary>
    async Task<IActionResult> ActAsync<T>(Func<Clerk, Task<Result<T>>> action, Func<T, string> success, CancellationToken ct)
    {
        var clerk = await ReviewScope.ClerkAsync(users, User);
        if (!clerk.IsOk) return Forbid();
        Result<T> r;
        try { r = await action(clerk.Value); }
        catch (InvalidTransitionException) { r = Error.InvalidTransition; }
        catch (CorrectionAlreadyRequestedException) { r = Error.Conflict("filing.correction-already-requested"); }
        catch (DbUpdateConcurrencyException) { r = Error.Conflict("request.concurrent-change"); }
        catch (FeeRuleException x) { r = Error.BadRequest(x.Code); }
        if (r.IsOk)
        {
            TempData["Flash"] = success(r.Value);
            return RedirectToPage(new { id = Id });
        }
        return await ShowAsync(r.Error!, ct, clerk.Value);
    }

    async Task<IActionResult> ShowAsync(Error error, CancellationToken ct, Clerk? clerk = null)
    {
        if (error.Status == 404) return NotFound();
        if (error.Fields is not { Count: > 0 })
        {
            TempData["FlashError"] = l.Text(error.Code);
            return RedirectToPage(new { id = Id });
        }
        // Correction items are one textarea: "items[2].message" is shown under it as "第 3 项：…".
        foreach (var (field, codes) in error.Fields)
        {
            var item = field.StartsWith("items[", StringComparison.Ordinal) && int.TryParse(field.AsSpan(6, field.IndexOf(']') - 6), out var i) ? i : (int?)null;
            foreach (var code in codes)
                ModelState.AddModelError(item is { } n ? "items" : field,
                    item is { } k ? string.Format(CultureInfo.CurrentCulture, l["第 {0} 项：{1}"].Value, k + 1, l.Text(code)) : l.Text(code));
        }
        ModelState.AddModelError(string.Empty, l.Text(error.Code));
        if (clerk is null)
        {
            var c = await ReviewScope.ClerkAsync(users, User);
            if (!c.IsOk) return Forbid();
            clerk = c.Value;
        }
        return await LoadAsync(clerk, ct) ?? Page();
    }

    async Task<IActionResult?> LoadAsync(Clerk clerk, CancellationToken ct)
    {
        var r = await reads.GetAsync(clerk, Id, ct);
        if (!r.IsOk) return NotFound();
        Clerk = clerk;
        Filing = r.Value;
        CaseType = CaseTypes.Find(Filing.CaseType);
        var courts = await db.Courts.AsNoTracking().Where(c => c.Id == Filing.CourtId || c.Id == Filing.CooperatingCourtId).ToListAsync(ct);
        Court = courts.FirstOrDefault(c => c.Id == Filing.CourtId);
        CooperatingCourt = courts.FirstOrDefault(c => c.Id == Filing.CooperatingCourtId);
        Check = [.. Filing.Check.Select(l.Localize)];
        Notices = await notices.ListAsync(Id, "", ct);
        Rooms = [.. (await db.MediationRooms.AsNoTracking().ToListAsync(ct))
            .OrderBy(m => m.CourtId == Filing.CourtId ? 0 : 1).ThenBy(m => m.CourtId, StringComparer.Ordinal).ThenBy(m => m.Id, StringComparer.Ordinal)];

        var work = await calendar.GetAsync(ct);
        Today = ChinaTime.DateOf(clock.GetUtcNow().UtcDateTime);
        DefaultCorrectionDue = work.Deadline(Today, Court?.Policy.CorrectionDays ?? 15).Deadline;
        if (Filing.DecisionDeadline is { } deadline)
        {
            CalendarLoaded = work.LoadedYears.Contains(deadline.Year);
            if (Filing.Status is FilingStatus.Submitted or FilingStatus.UnderReview or FilingStatus.AwaitingForward)
            {
                Overdue = deadline < Today;
                // At most one working day left: the deadline is today or the next working day (先行立案 warning).
                DeadlineNear = !Overdue && deadline <= work.NextWorkingDayOnOrAfter(Today.AddDays(1));
            }
        }

        // Registration form starts from what the filer chose.
        Cause ??= Filing.Cause;
        Matter ??= Filing.Matter;
        ClaimAmount ??= Filing.ClaimAmount?.ToString("0.##", CultureInfo.InvariantCulture);
        Procedure ??= "ordinary";
        // Confirmation starts from the amount due and today's date.
        FeeAmount ??= Filing.Fee?.Amount.ToString("0.00", CultureInfo.InvariantCulture);
        PaidOn ??= Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return null;
    }

    public string PartyLabel(string? role) => l[FilingReads.PartyLabel(CaseType, role ?? "")];

    static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
