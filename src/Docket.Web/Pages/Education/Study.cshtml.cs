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

namespace Docket.Web.Pages.Education;

/// <summary>
/// Study records (学习登记). An officer with a linked account records their own study on the phone and sees their
/// records; a manager records one session (date, mode, minutes, topic) for officers picked from a unit's roll. Both go
/// through <see cref="RecordStudy"/>: the records differ only in the officer, so a bad date, mode, minutes or topic
/// rejects all of them (nothing written) and is shown next to its field.
/// </summary>
[Authorize(Roles = $"{Roles.Officer},{Roles.UnitAdmin},{Roles.CommitteeAdmin},{Roles.Admin}")]
public sealed class StudyModel(UserManager<User> users, DocketDbContext db, RecordStudy record, TimeProvider clock,
    IStringLocalizer<Messages> l) : PageModel
{
    public const int RollLimit = 2000;

    [BindProperty(SupportsGet = true, Name = "unitId")] public string? UnitId { get; set; }
    [BindProperty] public string? Date { get; set; }
    [BindProperty] public string? Mode { get; set; }
    [BindProperty] public string? Minutes { get; set; }
    [BindProperty] public string? Topic { get; set; }
    [BindProperty] public List<string> OfficerIds { get; set; } = [];

    public bool IsManager { get; private set; }
    public List<OrgUnit> Units { get; private set; } = [];
    public List<Officer> Roll { get; private set; } = [];
    public List<StudyRecord> Records { get; private set; } = [];
    public int? Accepted { get; private set; }

    public string PostAction => IsManager ? $"/Education/Study?unitId={Uri.EscapeDataString(UnitId ?? "")}" : "/Education/Study";

    public string ModeLabel(string mode) => l["education.mode." + mode];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } denied) return denied;
        Date ??= Today();
        if (int.TryParse(Request.Query["saved"], out var n)) Accepted = n;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } denied) return denied;
        var caller = (await OrgScope.CallerAsync(users, db, User, ct)).Value;
        int? minutes = int.TryParse(Minutes, NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : Minutes is null ? null : -1;
        List<string?> ids;
        if (IsManager)
        {
            ids = [.. OfficerIds.Where(id => !string.IsNullOrWhiteSpace(id)).Distinct()];
            if (ids.Count == 0)
            {
                ModelState.AddModelError(nameof(OfficerIds), l["请至少选择一名干警。"]);
                return Page();
            }
        }
        else
        {
            var own = await db.Officers.AsNoTracking().Where(o => o.UserId == caller.User.Id).Select(o => o.Id).FirstOrDefaultAsync(ct);
            if (own is null)
            {
                ModelState.AddModelError(string.Empty, l.Text("education.officer-not-linked"));
                return Page();
            }
            ids = [own];
        }
        var items = ids.Select(id => (RecordStudy.Item?)new RecordStudy.Item(id, Date, Mode, minutes, Topic)).ToList();
        var r = await record.HandleAsync(caller, new RecordStudy.Request(items), ct);
        if (!r.IsOk)
        {
            r.Error!.AddTo(ModelState, l);
            return Page();
        }
        if (r.Value.Accepted == 0 && r.Value.Rejected.FirstOrDefault() is { } first)
        {
            var field = first.Reason switch
            {
                "date-invalid" => nameof(Date), "mode-invalid" => nameof(Mode), "minutes-invalid" => nameof(Minutes), "topic-invalid" => nameof(Topic),
                "officer-unknown" => nameof(OfficerIds), _ => string.Empty,
            };
            ModelState.AddModelError(field, first.Message);
            return Page();
        }
        return RedirectToPage(new { unitId = UnitId, saved = r.Value.Accepted });
    }

    async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var caller = await OrgScope.CallerAsync(users, db, User, ct);
        if (!caller.IsOk) return Forbid();
        var c = caller.Value;
        IsManager = c.IsManager;
        if (IsManager)
        {
            Units = [.. c.Units.Where(u => c.Sees(u.Id))];
            UnitId = string.IsNullOrWhiteSpace(UnitId) ? c.HomeUnit : UnitId.Trim();
            if (!c.Sees(UnitId)) return NotFound();
            Roll = await db.Officers.AsNoTracking().Where(o => o.UnitId == UnitId).OrderBy(o => o.Id).Take(RollLimit).ToListAsync(ct);
        }
        else
        {
            var own = await db.Officers.AsNoTracking().Where(o => o.UserId == c.User.Id).Select(o => o.Id).FirstOrDefaultAsync(ct);
            if (own is not null)
                Records = await db.StudyRecords.AsNoTracking().Where(r => r.OfficerId == own)
                    .OrderByDescending(r => r.Date).ThenByDescending(r => r.RecordedAt).Take(50).ToListAsync(ct);
        }
        return null;
    }

    string Today() => Infrastructure.Time.ChinaTime.DateOf(Infrastructure.Time.ChinaTime.UtcNow(clock)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
