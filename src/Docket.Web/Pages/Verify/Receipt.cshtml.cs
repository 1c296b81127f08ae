using Docket.Web.Features.Filings;
using Docket.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Pages.Verify;

/// <summary>
/// Public check of a printed receipt (the QR code on it): the receipt exists, for which court and when, and the
/// SHA-256 of each document. No names of parties or files: anyone holding the paper can verify, nobody can browse.
/// </summary>
public sealed class ReceiptModel(DocketDbContext db) : PageModel
{
    public Receipt? Receipt { get; private set; }
    public string? CourtName { get; private set; }

    public async Task OnGetAsync(string number, CancellationToken ct)
    {
        Receipt = await db.Receipts.AsNoTracking().FirstOrDefaultAsync(r => r.ReceiptNumber == number, ct);
        if (Receipt is not null) CourtName = await db.Courts.Where(c => c.Id == Receipt.CourtId).Select(c => c.Name).FirstOrDefaultAsync(ct);
        if (Receipt is null) Response.StatusCode = 404;
    }
}
