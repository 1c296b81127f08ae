using Docket.Web.Features.Accounts;
using Docket.Web.Features.Education;
using Docket.Web.Features.Organisation;
using Docket.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Docket.Web.Pages.Education;

/// <summary>
/// The education dashboard of a committee or unit admin (phone-friendly): this month's participation rate over the
/// units they see, the latest training events with their attendance, and the rectification ledger's counts.
/// </summary>
[Authorize(Roles = $"{Roles.UnitAdmin},{Roles.CommitteeAdmin},{Roles.Admin}")]
public sealed class IndexModel(UserManager<User> users, DocketDbContext db, Participation participation, EventReport reports,
    Rectifications rectifications) : PageModel
{
    public ParticipationDto? Study { get; private set; }
    public List<(TrainingEventDto Event, EventReportDto Report)> Events { get; } = [];
    public RectificationReportDto? Ledger { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = await OrgScope.ManagerAsync(users, db, User, ct);
        if (!caller.IsOk) return Forbid();
        var c = caller.Value;
        var study = await participation.HandleAsync(c, null, null, null, null, ct);
        if (study.IsOk) Study = study.Value;
        foreach (var e in (await TrainingEvents.ListAsync(db, c, 1, 5, ct)).Items)
            if ((await reports.HandleAsync(c, e.Id, ct)) is { IsOk: true } r) Events.Add((e, r.Value));
        var ledger = await rectifications.ReportAsync(c, null, ct);
        if (ledger.IsOk) Ledger = ledger.Value;
        return Page();
    }

    public static string Percent(double rate) => (rate * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%";
}
