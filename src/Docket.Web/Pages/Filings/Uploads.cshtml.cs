using System.Text.Json;
using Docket.Web.Features.Accounts;
using Docket.Web.Features.Filings;
using Docket.Web.Infrastructure.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Docket.Web.Pages.Filings;

/// <summary>
/// The page side of resumable uploads (cookie sign-in; the API's own routes take bearer tokens only). Like the
/// one-piece upload page it binds nothing, so the chunks stream; the antiforgery token comes in a header.
/// </summary>
[Authorize]
public sealed class UploadsModel(ResumableUploads uploads) : PageModel
{
    string Id => RouteData.Values["id"] as string ?? "";
    string UploadId => RouteData.Values["uploadId"] as string ?? "";

    public async Task<IActionResult> OnGetAsync() => Answer(await uploads.StatusAsync(User.Id(), Id, UploadId, HttpContext.RequestAborted), 200);

    public async Task<IActionResult> OnPostAsync()
    {
        ResumableUploads.StartRequest? body;
        try { body = await Request.ReadFromJsonAsync<ResumableUploads.StartRequest>(HttpContext.RequestAborted); }
        catch (JsonException) { return Answer(Error.BadRequest("request.malformed")); }
        return Answer(await uploads.StartAsync(User.Id(), Id, body, HttpContext.RequestAborted), 201);
    }

    public async Task<IActionResult> OnPatchAsync()
    {
        var r = await uploads.AppendAsync(User.Id(), Id, UploadId, Request, HttpContext.RequestAborted);
        if (!r.IsOk) return Answer(r.Error!);
        Response.Headers["Upload-Offset"] = r.Value.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return r.Value.Document is { } doc ? new JsonResult(doc) { StatusCode = 201 } : new NoContentResult();
    }

    IActionResult Answer<T>(Result<T> r, int status) => r.IsOk ? new JsonResult(r.Value) { StatusCode = status } : Answer(r.Error!);

    IActionResult Answer(Error e) => e.ToPageProblem(HttpContext);
}
