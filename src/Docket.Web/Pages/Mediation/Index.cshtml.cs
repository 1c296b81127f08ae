using Docket.Web.Features.Accounts;
using Docket.Web.Features.Filings;
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
/// The mediator's desk (mediation.md): the room's cases, open ones first (a court's diversion with its days left),
/// filtered by status, and the form that opens a walk-in case. Court staff and admins see the cases
/// <see cref="MediationScope.Visible"/> gives them, read-only. Opening calls <see cref="OpenCase"/>.
/// </summary>
// Any signed-in account; anyone but mediation staff gets 404 (as the case itself), not a denial page.
[Authorize]
public sealed class IndexModel(DocketDbContext db, OpenCase open, UserManager<User> users, TimeProvider clock, IStringLocalizer<Messages> l) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "status")] public string? Status { get; set; }
    // Not "page": Razor Pages keeps the page's own path in the route value of that name.
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    // Form names follow OpenCase's field keys (disputeType, amount, summary, parties[i].x).
    [BindProperty] public string? DisputeType { get; set; }
    [BindProperty] public string? Amount { get; set; }
    [BindProperty] public string? Summary { get; set; }
    [BindProperty] public List<MediationPartyInput> Parties { get; set; } = [];

    public bool CanOpen { get; private set; }
    public Page<MediationCaseDto> Cases { get; private set; } = new(0, []);
    public Dictionary<string, string> RoomNames { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var staff = await MediationPages.StaffAsync(users, User);
        if (!staff.IsOk) return NotFound();
        if (Status is { Length: > 0 } s && !MediationStatus.All.Contains(s)) Status = null;
        return await LoadAsync(staff.Value, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!MediationPages.IsStaff(User)) return NotFound();
        var mediator = await MediationScope.MediatorAsync(users, User);
        if (!mediator.IsOk) return Forbid();
        if (!FormValues.TryAmount(Amount, out var amount))
        {
            Error.Validation("amount", "fee.amount-invalid").AddTo(ModelState, l);
            return await LoadAsync(mediator.Value, ct);
        }
        // The first two rows are the applicant and the respondent; the third (another party) only when named, so
        // that each row keeps its index and each message lands beside its own row.
        var parties = Parties.Select((p, i) => (p, i)).Where(x => x.i < 2 || !x.p.IsBlank).Select(x => (PartyDto?)x.p.ToDto(x.i)).ToList();
        var r = await open.HandleAsync(mediator.Value,
            new OpenCase.Request(mediator.Value.RoomId, MediationSources.WalkIn, DisputeType, amount, Summary, parties, null, null), ct);
        if (!r.IsOk)
        {
            r.Error!.AddTo(ModelState, l);
            return await LoadAsync(mediator.Value, ct);
        }
        TempData["Flash"] = l["已登记调解案件。"].Value;
        return Redirect($"/Mediation/Case/{Uri.EscapeDataString(r.Value.Id)}");
    }

    async Task<IActionResult> LoadAsync(MediationStaff staff, CancellationToken ct)
    {
        CanOpen = staff.RoomId is not null && User.IsInRole(Roles.Mediator);
        while (Parties.Count < 3) Parties.Add(new MediationPartyInput());
        PageNumber = Math.Max(PageNumber, 1);
        var q = MediationScope.Visible(db, staff);
        if (Status is { Length: > 0 } status) q = q.Where(c => c.Status == status);
        var total = await q.CountAsync(ct);
        var rows = await q.AsNoTracking()
            .OrderBy(c => c.Status == MediationStatus.Open ? 0 : 1).ThenByDescending(c => c.CreatedAt).ThenBy(c => c.Id)
            .Skip((Math.Min(PageNumber, int.MaxValue / PageSize) - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        var today = ChinaTime.DateOf(ChinaTime.UtcNow(clock));
        Cases = new Page<MediationCaseDto>(total, [.. rows.Select(c => MediationCaseDto.From(c, today))]);
        RoomNames = await db.MediationRooms.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        return Page();
    }

    public string RoomName(string id) => RoomNames.TryGetValue(id, out var n) ? n : id;

    public string PageLink(int page) => Url.Page("/Mediation/Index", new { status = Status, p = page })!;

    public static string PartyNames(MediationCaseDto c, string role) =>
        string.Join("、", c.Parties.Where(p => p.Role == role).Select(p => p.Name));
}

/// <summary>A party as the mediator types it: a person by default, ID number optional.</summary>
public sealed class MediationPartyInput
{
    public string? Role { get; set; }
    public string? Name { get; set; }
    public string? Phone { get; set; }
    public string? IdNumber { get; set; }
    public string? Address { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Phone) && string.IsNullOrWhiteSpace(IdNumber)
                           && string.IsNullOrWhiteSpace(Address);

    public PartyDto ToDto(int index) => new(
        index switch { 0 => "plaintiff", 1 => "defendant", _ => Role is "plaintiff" or "defendant" ? Role : "third-party" },
        "person", Name?.Trim(), string.IsNullOrWhiteSpace(IdNumber) ? null : "resident-id", IdNumber, null, null, Phone?.Trim(), Address);
}
