using Docket.Web.Features.Accounts;
using Docket.Web.Features.Education;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Docket.Web.Pages.Education;

/// <summary>
/// The page a venue's QR code opens on an officer's phone (/Education/CheckIn?token=…): the officer signs in if
/// needed and confirms; the check-in is the same use case as <c>POST /api/v1/education/checkin</c>.
/// </summary>
[Authorize]
public sealed class CheckInModel(UserManager<User> users, CheckIn checkIn, Docket.Web.Infrastructure.Data.DocketDbContext db, IStringLocalizer<Messages> l)
    : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    public CheckInResultDto? Result { get; private set; }
    public string? Problem { get; private set; }
    /// <summary>What the officer checked in to, in words: the event's title, the session's date and half-day, the venue's name.</summary>
    public (string Title, string Session, string Venue)? Where { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var r = await checkIn.HandleAsync(user, Token, ct);
        if (r.IsOk)
        {
            Result = r.Value;
            var e = await db.TrainingEvents.AsNoTracking().FirstOrDefaultAsync(x => x.Id == r.Value.EventId, ct);
            if (e is not null && r.Value.SessionIndex < e.Sessions.Count)
            {
                var s = e.Sessions[r.Value.SessionIndex];
                Where = (e.Title, $"{TrainingEventDto.Iso(s.Date)} {(s.Part == "am" ? l["上午"] : l["下午"])}",
                    e.Venues.FirstOrDefault(v => v.Id == r.Value.VenueId)?.Name ?? r.Value.VenueId);
            }
        }
        else Problem = l.Text(r.Error!.Fields?.Values.SelectMany(v => v).FirstOrDefault() ?? r.Error.Code);
        return Page();
    }
}
