using Docket.Web.Features.Accounts;
using Docket.Web.Features.Filings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Docket.Web.Pages.Filings;

[Authorize]
public sealed class IndexModel(FilingReads reads) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public Page<FilingSummaryDto> Filings { get; private set; } = new(0, []);
    public const int PageSize = 20;

    public async Task OnGetAsync(CancellationToken ct) =>
        Filings = await reads.ListAsync(User.Id(), PageNumber, PageSize, ct);
}
