using Docket.Web.Features.Accounts;
using Docket.Web.Features.Education;
using Docket.Web.Features.Organisation;
using Docket.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Docket.Web.Pages.Education;

/// <summary>
/// The rectification ledger (查纠整改台账) of the committee and the unit's leaders: items of the units they see
/// (filtered by unit, status and category; overdue flagged), a new item, "in progress", and closing with the
/// evidence text and one or more documents (PDF, JPEG, PNG by content), downloadable by those who see the item.
/// </summary>
[Authorize(Roles = $"{Roles.UnitAdmin},{Roles.CommitteeAdmin},{Roles.Admin}")]
public sealed class RectificationsModel(UserManager<User> users, DocketDbContext db, Rectifications ledger, RectificationEvidence evidence,
    IStringLocalizer<Messages> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "unitId")] public string? UnitFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "status")] public string? StatusFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "category")] public string? CategoryFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    [BindProperty] public string? UnitId { get; set; }
    [BindProperty] public string? Category { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? Responsible { get; set; }
    [BindProperty] public string? DueDate { get; set; }
    [BindProperty] public string? Measures { get; set; }
    [BindProperty] public string? Evidence { get; set; }
    [BindProperty] public List<IFormFile> Files { get; set; } = [];

    public const int PageSize = 20;
    public List<OrgUnit> Units { get; private set; } = [];
    public Features.Filings.Page<RectificationDto>? Items { get; private set; }
    public ILookup<string, RectificationEvidenceDocument> Documents { get; private set; } = Array.Empty<RectificationEvidenceDocument>().ToLookup(d => d.RectificationId);

    /// <summary>The item whose close form failed, to show its field messages there.</summary>
    public string? FailedId { get; private set; }
    public string? Notice { get; private set; }

    public string UnitName(string id) => Units.FirstOrDefault(u => u.Id == id)?.Name ?? id;
    public string CategoryLabel(string c) => l["education.category." + c];
    public string StatusLabel(string s) => l["education.status." + s];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } denied) return denied;
        if (Request.Query.ContainsKey("saved")) Notice = l["已保存。"];
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var c = await CallerAsync(ct);
        if (c is null) return Forbid();
        var r = await ledger.CreateAsync(c, new Rectifications.CreateRequest(UnitId, Category, Description, Responsible, DueDate, Measures), ct);
        if (!r.IsOk)
        {
            if (r.Error!.Status == 404) return NotFound();
            Show(r.Error);
            return await LoadAsync(ct) ?? Page();
        }
        return RedirectToPage(new { saved = 1 });
    }

    public async Task<IActionResult> OnPostStatusAsync(string id, CancellationToken ct)
    {
        var c = await CallerAsync(ct);
        if (c is null) return Forbid();
        var r = await ledger.SetStatusAsync(c, id, new Rectifications.StatusRequest(RectificationStatuses.InProgress, null), ct);
        if (!r.IsOk)
        {
            if (r.Error!.Status == 404) return NotFound();
            ModelState.AddModelError(string.Empty, l.Text(r.Error.Code));
            return await LoadAsync(ct) ?? Page();
        }
        return RedirectToPage(new { saved = 1 });
    }

    public async Task<IActionResult> OnPostCloseAsync(string id, CancellationToken ct)
    {
        var c = await CallerAsync(ct);
        if (c is null) return Forbid();
        var r = await evidence.CloseAsync(c, id, Evidence, Files, ct);
        if (!r.IsOk)
        {
            if (r.Error!.Status == 404) return NotFound();
            FailedId = id;
            Show(r.Error);
            if (r.Error.Status is 413 or 415) ModelState.AddModelError(nameof(Files), l.Text(r.Error.Code));
            return await LoadAsync(ct) ?? Page();
        }
        return RedirectToPage(new { saved = 1 });
    }

    public async Task<IActionResult> OnGetEvidenceAsync(string id, string doc, CancellationToken ct)
    {
        var c = await CallerAsync(ct);
        if (c is null) return Forbid();
        var r = await evidence.OpenAsync(c, id, doc, ct);
        if (!r.IsOk) return NotFound();
        return File(r.Value.Stream, r.Value.MediaType, r.Value.FileName);
    }

    void Show(Infrastructure.Problems.Error e)
    {
        foreach (var (field, codes) in e.Fields ?? new Dictionary<string, string[]>())
            foreach (var code in codes) ModelState.AddModelError(char.ToUpperInvariant(field[0]) + field[1..], l.Text(code));
        ModelState.AddModelError(string.Empty, l.Text(e.Code));
    }

    async Task<OrgCaller?> CallerAsync(CancellationToken ct)
    {
        var caller = await OrgScope.ManagerAsync(users, db, User, ct);
        return caller.IsOk ? caller.Value : null;
    }

    async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var c = await CallerAsync(ct);
        if (c is null) return Forbid();
        Units = [.. c.Units.Where(u => c.Sees(u.Id))];
        UnitFilter = string.IsNullOrWhiteSpace(UnitFilter) ? null : UnitFilter.Trim();
        var r = await ledger.ListAsync(c, UnitFilter, StatusFilter, PageNumber, PageSize, ct, CategoryFilter);
        if (!r.IsOk) return NotFound();
        Items = r.Value;
        var ids = Items.Items.Select(i => i.Id).ToList();
        Documents = (await db.RectificationEvidence.AsNoTracking().Where(d => ids.Contains(d.RectificationId)).OrderBy(d => d.UploadedAt).ToListAsync(ct))
            .ToLookup(d => d.RectificationId);
        return null;
    }
}
