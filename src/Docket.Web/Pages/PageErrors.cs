using Docket.Web.Infrastructure.Problems;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Docket.Web.Pages;

public static class PageErrors
{
    /// <summary>For pages answering script (uploads, autosave): the same ProblemDetails the API would send.</summary>
    public static Microsoft.AspNetCore.Mvc.ObjectResult ToPageProblem(this Error error, HttpContext http) =>
        new(error.ToProblem(http).ProblemDetails) { StatusCode = error.Status, ContentTypes = { "application/problem+json" } };

    /// <summary>
    /// Shows a use case's error on a page the way the API reports it: the same localized message next to each
    /// field (API field names match form names, e.g. <c>parties[0].idNumber</c>), and the summary at the top.
    /// </summary>
    public static void AddTo(this Error error, ModelStateDictionary state, IStringLocalizer<Messages> l, string? prefix = null)
    {
        if (error.Fields is { Count: > 0 } fields)
            foreach (var (field, codes) in fields)
                foreach (var code in codes)
                    state.AddModelError(prefix is null ? field : $"{prefix}.{field}", l.Text(code));
        state.AddModelError(string.Empty, l.Text(error.Code));
    }
}
