using Docket.Web.Infrastructure;
using Docket.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Docket.Web.Pages.Dev;

/// <summary>Demo mode only: the developer inbox of the stand-in SMS sender (404 otherwise).</summary>
public sealed class SmsModel(DocketDbContext db, IOptions<DocketOptions> options) : PageModel
{
    public List<Features.Accounts.DevSmsMessage> Messages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? phone, CancellationToken ct)
    {
        if (!options.Value.Demo) return NotFound();
        var q = db.DevSmsMessages.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(phone)) q = q.Where(m => m.Phone == phone.Trim());
        Messages = await q.OrderByDescending(m => m.At).Take(50).ToListAsync(ct);
        return Page();
    }
}
