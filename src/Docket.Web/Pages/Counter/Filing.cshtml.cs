using System.Globalization;
using Docket.Web.Features.Accounts;
using Docket.Web.Features.Counter;
using Docket.Web.Features.Filings;
using Docket.Web.Features.Review;
using Docket.Web.Infrastructure;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Pages.Filings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Docket.Web.Pages.Counter;

/// <summary>
/// One counter entry on one page, filled in at the counter in one go: the content, the scanned papers, the check
/// and submit, then the counter receipt with its claim code. Every change goes through the filer-side handlers for
/// the litigant's counter account (<see cref="CounterScope.LitigantAsync"/>); once the litigant has attached the
/// filing to their own account the page only shows it.
/// </summary>
[Authorize(Roles = $"{Roles.Clerk},{Roles.CourtAdmin}")]
public sealed class FilingModel(DocketDbContext db, UserManager<User> users, FilingReads reads, UpdateFiling update, Documents documents,
    SubmitFiling submit, CounterReceipt receipts, IOptions<DocketOptions> options, IStringLocalizer<Messages> l, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";

    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Cause { get; set; }
    [BindProperty] public string? Matter { get; set; }
    [BindProperty] public string? ClaimAmount { get; set; }
    [BindProperty] public string? ClaimsText { get; set; }
    [BindProperty] public string? FactsAndReasons { get; set; }
    /// <summary>
    /// The defendant is always the second party of the request (after the litigant as plaintiff), so its inputs are
    /// named <c>Parties[1].*</c>, the keys <see cref="UpdateFiling"/> reports its field errors under.
    /// </summary>
    [BindProperty(Name = "Parties[1]")] public PartyInput Defendant { get; set; } = new() { Role = "defendant", Kind = "person" };
    [BindProperty] public string? DocumentId { get; set; }

    /// <summary>The litigant's counter account, while the counter may act for it.</summary>
    User? actingFor;

    public FilingDto Filing { get; private set; } = null!;
    public CaseType CaseType { get; private set; } = null!;
    public PartyDto Plaintiff { get; private set; } = null!;
    public string CourtName { get; private set; } = "";
    public string? CooperatingCourtName { get; private set; }
    public string? ReceiptNumber { get; private set; }
    public CheckDto? Check { get; private set; }
    /// <summary>The counter may still act for the litigant (not attached to their own account).</summary>
    public bool Actable => actingFor is not null;
    /// <summary>Why the counter can no longer act, when it cannot (already attached).</summary>
    public string? ReadOnlyReason { get; private set; }

    public bool Editable => Actable && FilingStatus.IsEditable(Filing.Status);
    public bool Attached => Filing.CounterEntry?.AttachedAt is not null;
    public string PartyLabel(string role) => l[FilingReads.PartyLabel(CaseType, role)];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await ClerkAsync() is not { } clerk) return Forbid();
        if (await LoadAsync(clerk, ct) is { } missing) return missing;
        FillFromFiling();
        return Page();
    }

    /// <summary>Views a scanned or uploaded document (inline, sandboxed) — what the counter entered stays visible to it.</summary>
    public async Task<IActionResult> OnGetDocumentAsync(string? documentId, CancellationToken ct)
    {
        if (await ClerkAsync() is not { } clerk) return Forbid();
        var owner = await CounterScope.Entered(db, clerk.CourtId).Where(f => f.Id == Id).Select(f => f.OwnerId).FirstOrDefaultAsync(ct);
        if (owner is null) return NotFound();
        var r = await documents.OpenAsync(owner, Id, documentId ?? "", ct);
        if (!r.IsOk) return NotFound();
        Response.Headers.XContentTypeOptions = "nosniff";
        Response.Headers.ContentSecurityPolicy = "sandbox";
        return File(r.Value.Stream, r.Value.MediaType);
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        if (await ClerkAsync() is not { } clerk) return Forbid();
        if (await LoadAsync(clerk, ct) is { } missing) return missing;
        if (actingFor is not { } litigant) return ReadOnlyPage();

        // As the filer wizard's claims step: the amount parsed leniently, one claim per line, the rest kept.
        if (!FormValues.TryAmount(ClaimAmount, out var amount))
        {
            Error.Validation("claimAmount", "fee.amount-invalid").AddTo(ModelState, l);
            return Page();
        }
        var claims = FormValues.Lines(ClaimsText);
        // One form shows both numbers; only the one that fits the kind of defendant is kept.
        var d = Defendant.ToDto();
        var organization = d.Kind == "organization";
        var defendant = d with
        {
            Role = "defendant",
            IdType = organization ? null : d.IdType,
            IdNumber = organization ? null : d.IdNumber,
            Uscc = organization ? d.Uscc : null,
        };
        // The litigant first, the defendant second, then whatever else the API may have added, unchanged.
        var others = Filing.Parties.Where(p => !ReferenceEquals(p, Plaintiff) && !ReferenceEquals(p, FirstDefendant())).Cast<PartyDto?>();
        var request = new UpdateFiling.Request(
            Title, Cause, Matter, amount, claims, FactsAndReasons, [Plaintiff, defendant, .. others],
            Filing.FilerCapacity, Filing.AgentType, Filing.LaborRemuneration);

        var r = await update.HandleAsync(litigant.Id, Id, request, ct);
        if (r.IsOk)
        {
            TempData["Flash"] = l["已保存。"].Value;
            return Redirect(Here("documents"));
        }
        if (r.Error!.Status == 404) return NotFound();
        if (r.Error.Code == "filing.invalid-transition") return Redirect(Here());
        r.Error.AddTo(ModelState, l);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteDocumentAsync(CancellationToken ct)
    {
        if (await ClerkAsync() is not { } clerk) return Forbid();
        var litigant = await CounterScope.LitigantAsync(db, clerk, Id, ct);
        var r = litigant.IsOk ? await documents.DeleteAsync(litigant.Value.Id, Id, DocumentId ?? "", ct) : litigant.Error!;
        if (!r.IsOk && r.Error!.Status == 404) return NotFound();
        if (r.IsOk) TempData["Flash"] = l["材料已删除。"].Value;
        else TempData["FlashError"] = l.Text(r.Error!.Code);
        return Redirect(Here("documents"));
    }

    public async Task<IActionResult> OnPostSubmitAsync(CancellationToken ct)
    {
        if (await ClerkAsync() is not { } clerk) return Forbid();
        if (await LoadAsync(clerk, ct) is { } missing) return missing;
        if (actingFor is not { } litigant) return ReadOnlyPage();
        var r = await submit.HandleAsync(litigant, Id, ct, clerk.Actor);
        if (r.IsOk)
        {
            TempData["Flash"] = string.Format(CultureInfo.CurrentCulture, l["已代为提交，回执编号 {0}。请打印窗口回执交当事人。"].Value, r.Value.ReceiptNumber);
            return Redirect(Here("receipt"));
        }
        if (r.Error!.Status == 404) return NotFound();
        // The refusal on the page: the message on top, the blocking items in the check list below.
        FillFromFiling();
        ModelState.AddModelError(string.Empty, l.Text(r.Error.Code));
        return Page();
    }

    /// <summary>Prints the counter receipt with a new claim code; the codes printed before stop working.</summary>
    public async Task<IActionResult> OnPostReceiptAsync(CancellationToken ct)
    {
        if (await ClerkAsync() is not { } clerk) return Forbid();
        var baseUrl = options.Value.PublicBaseUrl ?? $"{Request.Scheme}://{Request.Host}";
        var r = await receipts.IssueAsync(clerk, Id, baseUrl, ct);
        if (r.IsOk) return File(r.Value.Pdf, "application/pdf", $"counter-receipt-{Id}.pdf");
        if (r.Error!.Status == 404) return NotFound();
        TempData["FlashError"] = l.Text(r.Error.Code);
        return Redirect(Here("receipt"));
    }

    string Here(string? anchor = null) => $"/Counter/Filing/{Uri.EscapeDataString(Id)}" + (anchor is null ? "" : "#" + anchor);

    async Task<Clerk?> ClerkAsync()
    {
        var clerk = await ReviewScope.ClerkAsync(users, User);
        return clerk.IsOk ? clerk.Value : null;
    }

    /// <summary>The filing as this counter entered it (any other id: 404), and whether the counter may still act on it.</summary>
    async Task<IActionResult?> LoadAsync(Clerk clerk, CancellationToken ct)
    {
        var r = await CounterScope.GetAsync(db, clerk, Id, clock, ct);
        if (!r.IsOk) return NotFound();
        Filing = r.Value;
        CaseType = CaseTypes.Find(Filing.CaseType)!;
        var names = await db.Courts.AsNoTracking().Where(c => c.Id == Filing.CourtId || c.Id == Filing.CooperatingCourtId)
            .ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        CourtName = names.GetValueOrDefault(Filing.CourtId) ?? Filing.CourtId;
        CooperatingCourtName = Filing.CooperatingCourtId is { } coop ? names.GetValueOrDefault(coop) ?? coop : null;
        if (Filing.ReceiptVersion > 0)
            ReceiptNumber = await db.Receipts.AsNoTracking().Where(x => x.FilingId == Id).OrderByDescending(x => x.Version)
                .Select(x => x.ReceiptNumber).FirstOrDefaultAsync(ct);

        var counterAccount = await CounterScope.LitigantAsync(db, clerk, Id, ct);
        actingFor = counterAccount.IsOk ? counterAccount.Value : null;
        ReadOnlyReason = counterAccount.IsOk ? null : l.Text(counterAccount.Error!.Code);
        Plaintiff = Filing.Parties.FirstOrDefault(p => p.Role == "plaintiff")
            ?? (actingFor is not null ? FromLitigant(actingFor) : new PartyDto("plaintiff", "person", ""));
        if (actingFor is not null && FilingStatus.IsEditable(Filing.Status)) await RunCheckAsync(actingFor, ct);
        return null;
    }

    /// <summary>Attached meanwhile: the page as it now is, read-only, with the reason on top.</summary>
    PageResult ReadOnlyPage()
    {
        FillFromFiling();
        return Page();
    }

    async Task RunCheckAsync(User litigant, CancellationToken ct)
    {
        var r = await reads.CheckAsync(litigant, Id, ct);
        Check = r.IsOk ? new CheckDto(!r.Value.Any(i => i.Blocking), [.. r.Value.Select(l.Localize)]) : null;
    }

    PartyDto? FirstDefendant() => Filing.Parties.FirstOrDefault(p => p.Role == "defendant");

    static PartyDto FromLitigant(User u) =>
        new("plaintiff", "person", u.FullName, u.IdType, u.IdNumber, Phone: u.ProfilePhone, Address: u.PostalAddress);

    void FillFromFiling()
    {
        Title = Filing.Title;
        Cause = Filing.Cause;
        Matter = Filing.Matter;
        ClaimAmount = Filing.ClaimAmount?.ToString(CultureInfo.InvariantCulture);
        ClaimsText = string.Join('\n', Filing.Claims);
        FactsAndReasons = Filing.FactsAndReasons;
        Defendant = FirstDefendant() is { } d ? PartyInput.From(d) : new PartyInput { Role = "defendant", Kind = "person", IdType = "resident-id" };
    }
}
