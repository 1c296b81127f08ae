using System.Globalization;
using System.Text.RegularExpressions;
using Docket.Web.Features.Accounts;
using Docket.Web.Features.Education;
using Docket.Web.Features.Organisation;
using Docket.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Docket.Web.Pages.Education.Events;

/// <summary>
/// A manager's training events (newest first) and the form that sets one up: the date range with half-day sessions
/// (morning, afternoon or both, every day), the main venue, up to three sub venues, an optional live stream and the
/// enrolled units. The same use case as <c>POST /api/v1/education/events</c>; its field messages show beside the fields.
/// </summary>
[Authorize(Roles = $"{Roles.UnitAdmin},{Roles.CommitteeAdmin},{Roles.Admin}")]
public sealed partial class IndexModel(UserManager<User> users, DocketDbContext db, CreateEvent create, IStringLocalizer<Messages> l) : PageModel
{
    public const int SubVenueRows = 3;

    public sealed class VenueForm
    {
        public string? Name { get; set; }
        public string? Location { get; set; }
        public int? Capacity { get; set; }
    }

    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? StartDate { get; set; }
    [BindProperty] public string? EndDate { get; set; }
    /// <summary>Which halves of each day are sessions: <c>am</c>, <c>pm</c>.</summary>
    [BindProperty] public List<string> Parts { get; set; } = ["am", "pm"];
    /// <summary>Row 0 the main venue, rows 1..<see cref="SubVenueRows"/> sub venues (blank rows ignored).</summary>
    [BindProperty] public List<VenueForm> Venues { get; set; } = [];
    [BindProperty] public bool Online { get; set; }
    [BindProperty] public string? OnlineName { get; set; }
    [BindProperty] public List<string> UnitIds { get; set; } = [];
    [BindProperty] public int? MinWatchMinutes { get; set; } = 30;

    public List<TrainingEventDto> Events { get; private set; } = [];
    public List<(OrgUnit Unit, int Depth)> Units { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var c = await OrgScope.ManagerAsync(users, db, User, ct);
        if (!c.IsOk) return Forbid();
        await LoadAsync(c.Value, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var c = await OrgScope.ManagerAsync(users, db, User, ct);
        if (!c.IsOk) return Forbid();
        // Binding errors (a capacity of "abc") are the use case's to judge: the request says null, the form says why.
        ModelState.Clear();
        var (request, venueRows) = BuildRequest();
        var r = await create.HandleAsync(c.Value, request, ct);
        if (r.IsOk) return Redirect($"/Education/Events/{r.Value.Id}");

        // The request lists only the venues filled in: map its indices back to the form's rows.
        var error = r.Error!;
        if (error.Fields is { Count: > 0 } fields)
            foreach (var (field, codes) in fields)
            {
                var key = VenueIndex().Replace(field, m => $"Venues[{venueRows[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)]}]");
                if (key.StartsWith("Venues[", StringComparison.Ordinal) && key.Contains("].kind", StringComparison.Ordinal)) key = "venues";
                if (key.StartsWith("unitIds[", StringComparison.Ordinal)) key = "unitIds";
                if (key.StartsWith("sessions", StringComparison.Ordinal)) key = "Parts";
                foreach (var code in codes) ModelState.AddModelError(key == $"Venues[{SubVenueRows + 1}].name" ? nameof(OnlineName) : key, l.Text(code));
            }
        ModelState.AddModelError(string.Empty, l.Text(error.Code));
        await LoadAsync(c.Value, ct);
        return Page();
    }

    (CreateEvent.Request Request, List<int> VenueRows) BuildRequest()
    {
        var sessions = new List<CreateEvent.SessionInput?>();
        if (DateOnly.TryParseExact(StartDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            && DateOnly.TryParseExact(EndDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
            // A range too long for the use case's limit still makes one session too many, so that it says so.
            for (var d = from; d <= to && sessions.Count <= 100; d = d.AddDays(1))
                foreach (var part in new[] { "am", "pm" }.Where(Parts.Contains))
                    sessions.Add(new CreateEvent.SessionInput(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), part));

        var venues = new List<CreateEvent.VenueInput?>();
        var rows = new List<int>();
        for (var i = 0; i <= SubVenueRows; i++)
        {
            var v = i < Venues.Count ? Venues[i] : null;
            var blank = string.IsNullOrWhiteSpace(v?.Name) && string.IsNullOrWhiteSpace(v?.Location) && v?.Capacity is null;
            if (i > 0 && blank) continue;
            venues.Add(new CreateEvent.VenueInput(v?.Name, i == 0 ? VenueKinds.Main : VenueKinds.Sub, v?.Location, v?.Capacity));
            rows.Add(i);
        }
        if (Online)
        {
            venues.Add(new CreateEvent.VenueInput(OnlineName, VenueKinds.Online, null, null));
            rows.Add(SubVenueRows + 1);
        }
        return (new CreateEvent.Request(Title, StartDate, EndDate, sessions, venues, [.. UnitIds.Cast<string?>()], MinWatchMinutes), rows);
    }

    async Task LoadAsync(OrgCaller c, CancellationToken ct)
    {
        while (Venues.Count <= SubVenueRows) Venues.Add(new VenueForm());
        Events = [.. (await TrainingEvents.ListAsync(db, c, 1, 100, ct)).Items];
        var parents = c.Units.ToDictionary(u => u.Id, u => u.ParentId);
        int Depth(OrgUnit u)
        {
            var d = 0;
            for (var p = u.ParentId; p is not null && c.Visible.Contains(p) && d < 20; p = parents.GetValueOrDefault(p)) d++;
            return d;
        }
        Units = [.. OrgTree.Ordered(c.Units, c.Visible).Select(u => (u, Depth(u)))];
    }

    [GeneratedRegex(@"^venues\[(\d+)\]")]
    private static partial Regex VenueIndex();
}
