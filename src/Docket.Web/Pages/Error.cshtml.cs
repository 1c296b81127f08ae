using Docket.Web.Infrastructure.Problems;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Docket.Web.Pages;

/// <summary>Bare status codes on pages (404, 400 from a stale form, …), said in the user's language.</summary>
public sealed class ErrorModel(IStringLocalizer<Messages> l) : PageModel
{
    public string Message { get; private set; } = "";

    public void OnGet(int? code) => Message = Describe(code);

    public void OnPost(int? code) => Message = Describe(code);

    string Describe(int? code) => code switch
    {
        400 => l["页面已过期或表单无效，请返回后刷新页面再试。"],
        null => l.Text("server.error"),
        _ => l.Text(ProblemResults.CodeForStatus(code.Value)),
    };
}
