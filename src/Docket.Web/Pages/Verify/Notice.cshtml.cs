using Docket.Web.Features.Notices;
using Docket.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Pages.Verify;

/// <summary>
/// Public check of a printed notice (its QR code): that the court issued a document of this kind, number and date.
/// Shows nothing about the parties; the notice id is an unguessable random value.
/// </summary>
public sealed class NoticeModel(DocketDbContext db) : PageModel
{
    public Notice? Notice { get; private set; }
    public string? CourtName { get; private set; }

    public async Task OnGetAsync(string id, CancellationToken ct)
    {
        Notice = await db.Notices.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, ct);
        if (Notice is null) { Response.StatusCode = 404; return; }
        CourtName = await db.Courts.Where(c => c.Id == Notice.CourtId).Select(c => c.Name).FirstOrDefaultAsync(ct);
    }
}
