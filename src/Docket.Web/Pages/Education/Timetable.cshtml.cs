using Docket.Web.Features.Accounts;
using Docket.Web.Features.Education;
using Docket.Web.Features.Organisation;
using Docket.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Docket.Web.Pages.Education;

/// <summary>
/// A unit's weekly study timetable: every member who sees the unit reads it, managers replace it as a whole. Empty
/// rows of the form are left out; a bad row is shown next to its field and nothing is saved.
/// </summary>
[Authorize(Roles = $"{Roles.Officer},{Roles.UnitAdmin},{Roles.CommitteeAdmin},{Roles.Admin}")]
public sealed class TimetableModel(UserManager<User> users, DocketDbContext db, Timetable timetable, IStringLocalizer<Messages> l) : PageModel
{
    public const int BlankRows = 3;

    public sealed class Row
    {
        public string? Weekday { get; set; }
        public string? Mode { get; set; }
        public string? Topic { get; set; }
        public bool Blank => string.IsNullOrWhiteSpace(Weekday) && string.IsNullOrWhiteSpace(Mode) && string.IsNullOrWhiteSpace(Topic);
    }

    [FromRoute] public string UnitId { get; set; } = "";
    [BindProperty] public List<Row> Entries { get; set; } = [];

    public string UnitName { get; private set; } = "";
    public bool CanEdit { get; private set; }
    public bool Saved { get; private set; }

    public string ModeLabel(string mode) => l["education.mode." + mode];
    public string WeekdayLabel(string? weekday) => int.TryParse(weekday, out var d) && d is >= 1 and <= 7 ? l["education.weekday." + d] : weekday ?? "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = await OrgScope.CallerAsync(users, db, User, ct);
        if (!caller.IsOk) return Forbid();
        var r = await timetable.GetAsync(caller.Value, UnitId, ct);
        if (!r.IsOk) return NotFound();
        Load(caller.Value);
        Entries = [.. r.Value.Select(e => new Row { Weekday = e.Weekday.ToString(System.Globalization.CultureInfo.InvariantCulture), Mode = e.Mode, Topic = e.Topic })];
        Saved = Request.Query.ContainsKey("saved");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var caller = await OrgScope.CallerAsync(users, db, User, ct);
        if (!caller.IsOk) return Forbid();
        if (!caller.Value.Sees(UnitId)) return NotFound();
        if (!caller.Value.IsManager) return Forbid();
        Load(caller.Value);
        var kept = Entries.Select((row, i) => (row, i)).Where(x => !x.row.Blank).ToList();
        var items = kept.Select(x => (Timetable.Item?)new Timetable.Item(
            int.TryParse(x.row.Weekday, out var d) ? d : null, x.row.Mode, x.row.Topic)).ToList();
        var r = await timetable.PutAsync(caller.Value, UnitId, items, ct);
        if (!r.IsOk)
        {
            if (r.Error!.Status == 404) return NotFound();
            foreach (var (field, codes) in r.Error.Fields ?? new Dictionary<string, string[]>())
            {
                // "[i].mode" of the compacted list → "Entries[j].Mode" of the form
                var m = System.Text.RegularExpressions.Regex.Match(field, @"^\[(\d+)\]\.(\w+)$");
                var key = m.Success ? $"Entries[{kept[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)].i}].{char.ToUpperInvariant(m.Groups[2].Value[0])}{m.Groups[2].Value[1..]}" : field;
                foreach (var code in codes) ModelState.AddModelError(key, l.Text(code));
            }
            ModelState.AddModelError(string.Empty, l.Text(r.Error.Code));
            return Page();
        }
        return RedirectToPage(new { unitId = UnitId, saved = 1 });
    }

    void Load(OrgCaller c)
    {
        UnitName = c.Units.FirstOrDefault(u => u.Id == UnitId)?.Name ?? UnitId;
        CanEdit = c.IsManager;
    }
}
