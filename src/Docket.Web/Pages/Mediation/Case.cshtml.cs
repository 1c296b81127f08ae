using System.Globalization;
using Docket.Web.Features.Accounts;
using Docket.Web.Features.Mediation;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Docket.Web.Pages.Mediation;

/// <summary>
/// One mediation case: parties, source (and for a court's diversion its 民诉前调 number and days left), sessions,
/// closing (an agreement with its Art. 29 contents), the agreement PDF, feedback and the judicial-confirmation
/// application. Each form posts to a handler that calls the use case the API calls; only the room's mediators act,
/// everyone else who sees the case (<see cref="MediationScope.Visible"/>) reads it; anyone else gets 404.
/// </summary>
// Any signed-in account; anyone but mediation staff gets 404 (as the case itself), not a denial page.
[Authorize]
public sealed class CaseModel(MediationReads reads, RecordSession sessions, CloseCase close, RecordFeedback feedback, AgreementPdf pdf,
    ApplyForJudicialConfirmation confirmation, DocketDbContext db, UserManager<User> users, TimeProvider clock, IStringLocalizer<Messages> l) : PageModel
{
    [FromRoute] public string Id { get; set; } = "";

    // Session (names follow RecordSession's fields: at, notes).
    [BindProperty] public string? At { get; set; }
    [BindProperty] public string? Notes { get; set; }
    // Closing (outcome, agreement.facts …).
    [BindProperty] public string? Outcome { get; set; }
    [BindProperty] public AgreementInput Agreement { get; set; } = new();
    // Feedback (rating, comment, banner).
    [BindProperty] public string? Rating { get; set; }
    [BindProperty] public string? Comment { get; set; }
    [BindProperty] public bool Banner { get; set; }
    // Judicial confirmation (partiesConsent).
    [BindProperty] public bool PartiesConsent { get; set; }

    public MediationCaseDto Case { get; private set; } = null!;
    public MediationRoom Room { get; private set; } = null!;
    public bool CanAct { get; private set; }
    public bool ConfirmationOpen { get; private set; }
    public string? ConfirmationStatus { get; private set; }
    public string? ConfirmationReceipt { get; private set; }
    /// <summary>The form whose errors are shown (its summary and its fields); the others show what is saved.</summary>
    public string? Posted { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnGetAgreementAsync(CancellationToken ct)
    {
        var staff = await MediationPages.StaffAsync(users, User);
        if (!staff.IsOk) return NotFound();
        var r = await pdf.GetAsync(staff.Value, Id, ct);
        if (!r.IsOk) return NotFound();
        return File(r.Value, "application/pdf", $"{AgreementPdf.DocumentTitle}-{Id}.pdf");
    }

    public Task<IActionResult> OnPostSessionAsync(CancellationToken ct) => ActAsync("session", async m =>
    {
        if (ChinaTime.FromLocalInput(At) is not { } at) return Error.Validation("at", "mediation.session-at-required");
        var r = await sessions.HandleAsync(m, Id, new RecordSession.Request(at, Notes), ct);
        return r.IsOk ? l["已记录调解情况。"].Value : r.Error!;
    }, ct);

    public Task<IActionResult> OnPostCloseAsync(CancellationToken ct) => ActAsync("close", async m =>
    {
        CloseCase.AgreementRequest? agreement = null;
        if (Outcome == MediationStatus.Agreement)
        {
            if (!FormValues.TryAmount(Agreement.Amount, out var amount)) return Error.Validation("agreement.amount", "fee.amount-invalid");
            agreement = new CloseCase.AgreementRequest(Agreement.Facts, Agreement.Terms, Agreement.Performance, amount);
        }
        var r = await close.HandleAsync(m, Id, new CloseCase.Request(Outcome, agreement), ct);
        return r.IsOk ? l["调解案件已结案。"].Value : r.Error!;
    }, ct);

    public Task<IActionResult> OnPostFeedbackAsync(CancellationToken ct) => ActAsync("feedback", async m =>
    {
        int? rating = int.TryParse(Rating, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        var r = await feedback.HandleAsync(m, Id, new RecordFeedback.Request(rating, Comment, Banner), ct);
        return r.IsOk ? l["已记录当事人评价。"].Value : r.Error!;
    }, ct);

    public Task<IActionResult> OnPostConfirmationAsync(CancellationToken ct) => ActAsync("confirmation", async m =>
    {
        var r = await confirmation.HandleAsync(m, Id, new ApplyForJudicialConfirmation.Request(PartiesConsent), ct);
        return r.IsOk ? string.Format(CultureInfo.CurrentCulture, l["已向法院提交司法确认申请（{0}）。"].Value, r.Value.Id) : r.Error!;
    }, ct);

    /// <summary>
    /// Only the room's mediator acts: another viewer is refused, a case they cannot see is not found. Success
    /// redirects back with a flash (post/redirect/get); a refusal shows the form again with its messages.
    /// </summary>
    async Task<IActionResult> ActAsync(string form, Func<MediationStaff, Task<Result<string>>> action, CancellationToken ct)
    {
        var staff = await MediationPages.StaffAsync(users, User);
        if (!staff.IsOk) return NotFound();
        var visible = await reads.GetAsync(staff.Value, Id, ct);
        if (!visible.IsOk) return NotFound();
        var mediator = await MediationScope.MediatorAsync(users, User);
        if (!mediator.IsOk || mediator.Value.RoomId != visible.Value.RoomId) return Forbid();
        var r = await action(mediator.Value);
        if (r.IsOk)
        {
            TempData["Flash"] = r.Value;
            return Redirect($"/Mediation/Case/{Uri.EscapeDataString(Id)}");
        }
        if (r.Error!.Status == 404) return NotFound();
        Posted = form;
        r.Error.AddTo(ModelState, l);
        return await LoadAsync(ct) ?? Page();
    }

    async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var staff = await MediationPages.StaffAsync(users, User);
        if (!staff.IsOk) return NotFound();
        var c = await reads.GetAsync(staff.Value, Id, ct);
        if (!c.IsOk) return NotFound();
        Case = c.Value;
        Room = await db.MediationRooms.AsNoTracking().FirstAsync(r => r.Id == Case.RoomId, ct);
        CanAct = User.IsInRole(Roles.Mediator) && staff.Value.RoomId == Case.RoomId;
        var today = ChinaTime.DateOf(ChinaTime.UtcNow(clock));
        ConfirmationOpen = Case.Status == MediationStatus.Agreement && Case.JudicialConfirmationFilingId is null
                           && Case.AgreementDate is { } agreed && MediationRules.ConfirmationOpen(agreed, today);
        if (Case.JudicialConfirmationFilingId is { } filingId)
        {
            var f = await db.Filings.AsNoTracking().Where(x => x.Id == filingId).Select(x => new { x.Status }).FirstOrDefaultAsync(ct);
            ConfirmationStatus = f?.Status;
            ConfirmationReceipt = await db.Receipts.AsNoTracking()
                .Where(r => r.FilingId == filingId).OrderBy(r => r.Version).Select(r => r.ReceiptNumber).FirstOrDefaultAsync(ct);
        }
        if (Posted != "session") At ??= ChinaTime.ToLocal(ChinaTime.UtcNow(clock)).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        return null;
    }

    public string AgreementLink => $"/Mediation/Case/{Uri.EscapeDataString(Id)}/Agreement";
}

public sealed class AgreementInput
{
    public string? Facts { get; set; }
    public string? Terms { get; set; }
    public string? Performance { get; set; }
    public string? Amount { get; set; }
}
