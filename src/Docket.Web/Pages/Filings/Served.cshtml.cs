using Docket.Web.Features.Accounts;
using Docket.Web.Features.Notices;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Docket.Web.Pages.Filings;

/// <summary>Every court document served on the filer's cases (电子送达), newest first, with when it was read.</summary>
[Authorize]
public sealed class ServedModel(FilingNotices notices) : PageModel
{
    public List<NoticeDto> Documents { get; private set; } = [];

    public async Task OnGetAsync() =>
        Documents = await notices.ServedToAsync(User.Id(), $"{Request.Scheme}://{Request.Host}", HttpContext.RequestAborted);
}
