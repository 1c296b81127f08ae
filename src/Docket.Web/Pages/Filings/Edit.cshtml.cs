using System.Globalization;
using Docket.Web.Features.Accounts;
using Docket.Web.Features.Filings;
using Docket.Web.Infrastructure.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Docket.Web.Pages.Filings;

/// <summary>
/// The filing wizard after step 1: parties, claims and facts, documents, check and submit. Each step saves the
/// draft through the same handlers the API uses, so the page and the API can never disagree.
/// </summary>
[Authorize]
public sealed class EditModel(FilingReads reads, UpdateFiling update, Documents documents, SubmitFiling submit,
    UserManager<User> users, IStringLocalizer<Messages> l) : PageModel
{
    public static readonly string[] Steps = ["parties", "claims", "documents", "check"];

    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string Step { get; set; } = "parties";

    public FilingDto Filing { get; private set; } = null!;
    public CaseType CaseType { get; private set; } = null!;
    public CheckDto? Check { get; private set; }

    [BindProperty] public List<PartyInput> Parties { get; set; } = [];
    [BindProperty] public string? Command { get; set; }

    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Cause { get; set; }
    [BindProperty] public string? Matter { get; set; }
    [BindProperty] public string? ClaimAmount { get; set; }
    [BindProperty] public string? ClaimsText { get; set; }
    [BindProperty] public string? FactsAndReasons { get; set; }
    [BindProperty] public string? FilerCapacity { get; set; }
    [BindProperty] public string? AgentType { get; set; }
    [BindProperty] public bool LaborRemuneration { get; set; }
    [BindProperty] public string? DocumentId { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Steps.Contains(Step)) Step = "parties";
        if (await LoadAsync(ct) is { } missing) return missing;
        if (!FilingStatus.IsEditable(Filing.Status)) return RedirectToPage("/Filings/Detail", new { id = Id });
        FillFromFiling();
        if (Parties.Count == 0) await SuggestPartiesAsync();
        if (Step == "check") await RunCheckAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostPartiesAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } missing) return missing;
        Step = "parties";
        var parties = Parties.Where(p => p is not null).ToList();
        if (Request.Headers["X-Autosave"] == "1") Command = "save"; // autosave never adds, removes or moves on
        switch (Command)
        {
            case "add-plaintiff": parties.Add(new PartyInput { Role = "plaintiff", Kind = "person" }); break;
            case "add-defendant": parties.Add(new PartyInput { Role = "defendant", Kind = "person" }); break;
            case "add-third-party": parties.Add(new PartyInput { Role = "third-party", Kind = "person" }); break;
            case { } c when c.StartsWith("remove-", StringComparison.Ordinal)
                            && int.TryParse(c["remove-".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < parties.Count:
                parties.RemoveAt(i);
                break;
        }
        var request = RequestFromFiling() with { Parties = [.. parties.Select(p => p.ToDto())] };
        return await SaveAsync(request, Command == "next" ? "claims" : "parties", keepForm: () => Parties = parties, ct);
    }

    public async Task<IActionResult> OnPostClaimsAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } missing) return missing;
        Step = "claims";
        if (!FormValues.TryAmount(ClaimAmount, out var amount))
        {
            Error.Validation("claimAmount", "fee.amount-invalid").AddTo(ModelState, l);
            return Page();
        }
        var claims = FormValues.Lines(ClaimsText);
        var request = RequestFromFiling() with
        {
            Title = Title, Cause = Cause, Matter = Matter, ClaimAmount = amount, Claims = claims, FactsAndReasons = FactsAndReasons,
            FilerCapacity = FilerCapacity, AgentType = AgentType, LaborRemuneration = LaborRemuneration,
        };
        return await SaveAsync(request, Command == "next" ? "documents" : "claims", keepForm: null, ct);
    }

    public async Task<IActionResult> OnPostDeleteDocumentAsync(CancellationToken ct)
    {
        var r = await documents.DeleteAsync(User.Id(), Id, DocumentId ?? "", ct);
        if (!r.IsOk && r.Error!.Status == 404) return NotFound();
        if (!r.IsOk) TempData["Flash"] = l.Text(r.Error!.Code);
        return RedirectToPage(new { id = Id, step = "documents" });
    }

    public async Task<IActionResult> OnPostSubmitAsync(CancellationToken ct)
    {
        var owner = await users.GetUserAsync(User);
        if (owner is null) return Challenge();
        var r = await submit.HandleAsync(owner, Id, ct);
        if (r.IsOk)
        {
            TempData["Flash"] = string.Format(CultureInfo.CurrentCulture, l["已提交，电子回执编号 {0}。法院将在法定期限内审查。"].Value, r.Value.ReceiptNumber);
            return RedirectToPage("/Filings/Detail", new { id = Id });
        }
        if (r.Error!.Status == 404) return NotFound();
        if (await LoadAsync(ct) is { } missing) return missing;
        Step = "check";
        FillFromFiling();
        await RunCheckAsync(ct);
        ModelState.AddModelError(string.Empty, l.Text(r.Error.Code));
        return Page();
    }

    async Task<IActionResult> SaveAsync(UpdateFiling.Request request, string nextStep, Action? keepForm, CancellationToken ct)
    {
        var r = await update.HandleAsync(User.Id(), Id, request, ct);
        if (Request.Headers["X-Autosave"] == "1")
        {
            // The page saves the draft as the filer types: answer briefly, with the same messages the form would show.
            if (r.IsOk) return new JsonResult(new { saved = true, at = DateTimeOffset.UtcNow });
            return r.Error!.ToPageProblem(HttpContext);
        }
        if (r.IsOk) return RedirectToPage(new { id = Id, step = nextStep });
        if (r.Error!.Status == 404) return NotFound();
        if (r.Error.Code == "filing.invalid-transition") return RedirectToPage("/Filings/Detail", new { id = Id });
        r.Error.AddTo(ModelState, l);
        keepForm?.Invoke();
        return Page();
    }

    async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var r = await reads.GetAsync(User.Id(), Id, ct);
        if (!r.IsOk) return NotFound();
        Filing = r.Value;
        CaseType = CaseTypes.Find(Filing.CaseType)!;
        return null;
    }

    async Task RunCheckAsync(CancellationToken ct)
    {
        var owner = await users.GetUserAsync(User);
        var r = await reads.CheckAsync(owner!, Id, ct);
        if (r.IsOk) Check = new CheckDto(!r.Value.Any(i => i.Blocking), [.. r.Value.Select(l.Localize)]);
    }

    void FillFromFiling()
    {
        Parties = [.. Filing.Parties.Select(PartyInput.From)];
        Title = Filing.Title;
        Cause = Filing.Cause;
        Matter = Filing.Matter;
        ClaimAmount = Filing.ClaimAmount?.ToString(CultureInfo.InvariantCulture);
        ClaimsText = string.Join('\n', Filing.Claims);
        FactsAndReasons = Filing.FactsAndReasons;
        FilerCapacity = Filing.FilerCapacity;
        AgentType = Filing.AgentType;
        LaborRemuneration = Filing.LaborRemuneration;
    }

    async Task SuggestPartiesAsync()
    {
        var me = await users.GetUserAsync(User);
        Parties =
        [
            new PartyInput
            {
                Role = "plaintiff", Kind = "person", Name = me?.FullName, IdType = me?.IdType ?? "resident-id", IdNumber = me?.IdNumber,
                Phone = me?.ProfilePhone, Address = me?.PostalAddress,
            },
            new PartyInput { Role = "defendant", Kind = "person" },
        ];
    }

    UpdateFiling.Request RequestFromFiling() => new(
        Filing.Title, Filing.Cause, Filing.Matter, Filing.ClaimAmount, [.. Filing.Claims], Filing.FactsAndReasons,
        [.. Filing.Parties], Filing.FilerCapacity, Filing.AgentType, Filing.LaborRemuneration);

    public string PartyLabel(string? role) => l[FilingReads.PartyLabel(CaseType, role ?? "")];
}

public sealed class PartyInput
{
    public string? Role { get; set; }
    public string? Kind { get; set; }
    public string? Name { get; set; }
    public string? IdType { get; set; }
    public string? IdNumber { get; set; }
    public string? Uscc { get; set; }
    public string? LegalRepresentative { get; set; }
    public string? Phone { get; set; }
    public string? Address { get; set; }

    public PartyDto ToDto() => new(Role, Kind, Name, string.IsNullOrWhiteSpace(IdNumber) ? null : IdType, IdNumber, Uscc, LegalRepresentative, Phone, Address);

    public static PartyInput From(PartyDto p) => new()
    {
        Role = p.Role, Kind = p.Kind, Name = p.Name, IdType = p.IdType ?? "resident-id", IdNumber = p.IdNumber, Uscc = p.Uscc,
        LegalRepresentative = p.LegalRepresentative, Phone = p.Phone, Address = p.Address,
    };
}
