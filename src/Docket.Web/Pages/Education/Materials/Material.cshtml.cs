using System.Globalization;
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

namespace Docket.Web.Pages.Education.Materials;

/// <summary>
/// One chapter on the phone: the stored sanitized HTML, "mark as read", the quiz (the answers stay on the server; the
/// score and which questions were right come back after the attempt) and, for managers, printed copies per unit.
/// </summary>
[Authorize(Roles = $"{Roles.Officer},{Roles.UnitAdmin},{Roles.CommitteeAdmin},{Roles.Admin}")]
public sealed class MaterialModel(UserManager<User> users, DocketDbContext db, Features.Education.Materials materials, IStringLocalizer<Messages> l)
    : PageModel
{
    [FromRoute] public string Id { get; set; } = "";
    [BindProperty] public string? UnitId { get; set; }
    [BindProperty] public string? Copies { get; set; }

    public StudyMaterialDto? Material { get; private set; }
    public ProgressDto? Progress { get; private set; }
    public AttemptResultDto? Result { get; private set; }
    public bool IsManager { get; private set; }
    public List<OrgUnit> Units { get; private set; } = [];
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostReadAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } denied) return denied;
        var r = await materials.ReadAsync(Caller!, Id, ct);
        if (!r.IsOk) r.Error!.AddTo(ModelState, l);
        else
        {
            Progress = r.Value;
            Notice = l["已标记为已读。"];
        }
        return Page();
    }

    public async Task<IActionResult> OnPostQuizAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } denied) return denied;
        var answers = Material!.Questions.Select((_, i) => (List<int>?)[.. Request.Form[$"q{i}"]
            .Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)]).ToList();
        var r = await materials.AttemptAsync(Caller!, Id, new Features.Education.Materials.AttemptRequest(answers), ct);
        if (!r.IsOk) r.Error!.AddTo(ModelState, l);
        else
        {
            Result = r.Value;
            Progress = r.Value.Progress;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostCopiesAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } denied) return denied;
        if (!IsManager) return Forbid();
        int? copies = int.TryParse(Copies, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
        var r = await materials.SetCopiesAsync(Caller!, Id, new Features.Education.Materials.CopiesRequest(UnitId, copies), ct);
        if (!r.IsOk)
        {
            if (r.Error!.Status == 404) return NotFound();
            foreach (var (field, codes) in r.Error.Fields ?? new Dictionary<string, string[]>())
                foreach (var code in codes) ModelState.AddModelError(char.ToUpperInvariant(field[0]) + field[1..], l.Text(code));
            ModelState.AddModelError(string.Empty, l.Text(r.Error.Code));
            return Page();
        }
        Notice = l["已记录 {0} 印发 {1} 份。", r.Value.Name, r.Value.PrintedCopies];
        return Page();
    }

    OrgCaller? Caller { get; set; }

    async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var caller = await OrgScope.CallerAsync(users, db, User, ct);
        if (!caller.IsOk) return Forbid();
        Caller = caller.Value;
        var m = await materials.GetAsync(Id, ct);
        if (!m.IsOk) return NotFound();
        Material = m.Value;
        IsManager = Caller.IsManager;
        if (IsManager) Units = [.. Caller.Units.Where(u => Caller.Sees(u.Id))];
        var own = await db.Officers.AsNoTracking().Where(o => o.UserId == Caller.User.Id).Select(o => o.Id).FirstOrDefaultAsync(ct);
        if (own is not null)
            Progress = await db.MaterialProgress.AsNoTracking().Where(p => p.MaterialId == Id && p.OfficerId == own)
                .Select(p => new ProgressDto(p.MaterialId, p.OfficerId, p.ReadAt != null, p.Attempts, p.BestScore, p.LastScore)).FirstOrDefaultAsync(ct);
        return null;
    }
}
