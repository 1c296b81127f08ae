using Docket.Web.Features.Accounts;
using Docket.Web.Features.Courts;
using Docket.Web.Features.Fees;
using Docket.Web.Features.Filings;
using Docket.Web.Features.Notices;
using Docket.Web.Infrastructure;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Docket.Web.Pages.Filings;

/// <summary>
/// A filing's status page: where it stands, the receipt with its hashes, the documents and the history; after
/// registration the fee (amount, how it was computed, payee account, due date) with the voucher upload and online
/// payment, and the judicial-aid application.
/// </summary>
[Authorize]
public sealed class DetailModel(FilingReads reads, Documents documents, WithdrawFiling withdraw, FilingNotices notices, DocketDbContext db,
    UserManager<User> users, IPaymentGateway gateway, IOptions<DocketOptions> options, IStringLocalizer<Messages> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    public FilingDto Filing { get; private set; } = null!;
    public CaseType? CaseType { get; private set; }
    public Court? Court { get; private set; }
    public Court? CooperatingCourt { get; private set; }
    /// <summary>The court above, where a ruling not to accept may be appealed.</summary>
    public Court? AppealCourt { get; private set; }
    public List<NoticeDto> Notices { get; private set; } = [];
    public ReceiptDto? Receipt { get; private set; }
    public List<HistoryEventDto> History { get; private set; } = [];
    public bool ChainValid { get; private set; }

    // The judicial-aid form, kept when it comes back with errors.
    [BindProperty] public string? AidKind { get; set; }
    [BindProperty] public string? AidReasons { get; set; }

    public bool GatewayAvailable => gateway.Available;
    /// <summary>An amount is still to pay (the entity decides; this only picks the forms to show).</summary>
    public bool FeeOwed => Filing is { Status: FilingStatus.Registered, Fee: { Amount: > 0 } fee } && FeeStatuses.IsOwed(fee.Status);
    public bool AidPending => Filing.JudicialAid is { Decision: null };
    public bool MayApplyForAid => !AidPending && (Filing.Status is FilingStatus.Draft or FilingStatus.CorrectionRequested
        or FilingStatus.Submitted or FilingStatus.UnderReview || (Filing.Status == FilingStatus.Registered && Filing.Fee?.Status == FeeStatuses.Due));
    public bool AcceptsAidEvidence => AidPending && Filing.Status is FilingStatus.Draft or FilingStatus.CorrectionRequested
        or FilingStatus.Submitted or FilingStatus.UnderReview or FilingStatus.AwaitingForward or FilingStatus.Registered;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var r = await reads.GetAsync(User.Id(), Id, ct);
        if (!r.IsOk) return NotFound();
        Filing = r.Value;
        CaseType = CaseTypes.Find(Filing.CaseType);
        Court = await db.Courts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == Filing.CourtId, ct);
        if (Filing.CooperatingCourtId is { } coop) CooperatingCourt = await db.Courts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == coop, ct);
        if (Filing.Ruling?.AppealCourtId is { } appeal) AppealCourt = await db.Courts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == appeal, ct);
        // reads.GetAsync above proved ownership.
        Notices = await notices.ListAsync(Id, "", ct);
        var receipt = await reads.LatestReceiptAsync(User.Id(), Id, ct);
        if (receipt.IsOk) Receipt = ReceiptDto.From(receipt.Value);
        var history = (await reads.HistoryAsync(User.Id(), Id, ct)).Value;
        ChainValid = AuditChain.FirstBroken(history) is null;
        History = [.. history.Select(HistoryEventDto.From)];
        return Page();
    }

    public async Task<IActionResult> OnGetDocumentAsync(string? documentId, bool inline, CancellationToken ct)
    {
        var r = await documents.OpenAsync(User.Id(), Id, documentId ?? "", ct);
        if (!r.IsOk) return NotFound();
        Response.Headers.XContentTypeOptions = "nosniff";
        if (inline)
        {
            Response.Headers.ContentSecurityPolicy = "sandbox";
            return File(r.Value.Stream, r.Value.MediaType);
        }
        return File(r.Value.Stream, r.Value.MediaType, r.Value.FileName);
    }

    public async Task<IActionResult> OnGetReceiptPdfAsync(CancellationToken ct)
    {
        var baseUrl = options.Value.PublicBaseUrl ?? $"{Request.Scheme}://{Request.Host}";
        var r = await reads.ReceiptPdfAsync(User.Id(), Id, baseUrl, ct);
        return r.IsOk ? File(r.Value, "application/pdf", $"receipt-{Id}.pdf") : NotFound();
    }

    /// <summary>One of the filing's court documents as PDF (receipt versions, correction, acceptance, fee, ruling).</summary>
    public async Task<IActionResult> OnGetNoticeAsync(string? noticeId, CancellationToken ct)
    {
        if (!await db.Filings.AnyAsync(f => f.Id == Id && f.OwnerId == User.Id(), ct)) return NotFound();
        var pdf = await notices.PdfAsync(Id, noticeId ?? "", options.Value.PublicBaseUrl ?? $"{Request.Scheme}://{Request.Host}", ct);
        if (!pdf.IsOk) return NotFound();
        await notices.MarkReadAsync(Id, noticeId!, ct); // the filer opened it: read (electronic service)
        Response.Headers.ContentDisposition = "inline; filename*=UTF-8''" + Uri.EscapeDataString($"{noticeId}.pdf");
        return File(pdf.Value, "application/pdf");
    }

    public async Task<IActionResult> OnPostPayAsync([FromServices] PayFee pay, CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } owner) return Challenge();
        var r = await pay.HandleAsync(owner, Id, ct);
        return Done(r.IsOk ? null : r.Error, l["已网上支付诉讼费。"].Value);
    }

    public async Task<IActionResult> OnPostAidAsync([FromServices] ApplyForJudicialAid apply, CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } owner) return Challenge();
        var r = await apply.HandleAsync(owner, Id, new ApplyForJudicialAid.Request(AidKind, AidReasons), ct);
        if (r.IsOk || r.Error!.Fields is not { Count: > 0 } fields) return Done(r.IsOk ? null : r.Error, l["司法救助申请已提交，请上传经济困难的证明材料。"].Value);
        // Field errors next to the fields, the form kept as typed.
        foreach (var (field, codes) in fields)
            foreach (var code in codes)
                ModelState.AddModelError(field == "kind" ? nameof(AidKind) : nameof(AidReasons), l.Text(code));
        return await OnGetAsync(ct);
    }

    IActionResult Done(Error? error, string success)
    {
        if (error is { Status: 404 }) return NotFound();
        if (error is null) TempData["Flash"] = success;
        else TempData["FlashError"] = l.Text(error.Fields?.Values.FirstOrDefault()?.FirstOrDefault() ?? error.Code);
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostWithdrawAsync(CancellationToken ct)
    {
        var owner = await users.GetUserAsync(User);
        if (owner is null) return Challenge();
        var r = await withdraw.HandleAsync(owner, Id, null, ct);
        if (!r.IsOk && r.Error!.Status == 404) return NotFound();
        TempData["Flash"] = r.IsOk ? l["已撤回。"].Value : l.Text(r.Error!.Code);
        return RedirectToPage(new { id = Id });
    }
}
