using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Docket.Web.Infrastructure.Problems;

public static class ProblemResults
{
    /// <summary>Turns an <see cref="Error"/> into an RFC 9457 problem in the caller's language, with the stable <c>code</c>.</summary>
    public static ProblemHttpResult ToProblem(this Error error, HttpContext http)
    {
        var l = http.RequestServices.GetRequiredService<IStringLocalizer<Messages>>();
        ProblemDetails problem = error.Fields is { Count: > 0 } fields
            ? new HttpValidationProblemDetails(fields.ToDictionary(f => f.Key, f => f.Value.Select(c => l.Text(c)).ToArray()))
            : new ProblemDetails();
        problem.Status = error.Status;
        problem.Title = l.Text("status." + error.Status);
        problem.Detail = l.Text(error.Code);
        problem.Extensions["code"] = error.Code;
        if (error.Extensions is not null)
            foreach (var (k, v) in error.Extensions) problem.Extensions[k] = v;
        return TypedResults.Problem(problem);
    }

    public static Results<Ok<T>, ProblemHttpResult> ToHttp<T>(this Result<T> result, HttpContext http) =>
        result.IsOk ? TypedResults.Ok(result.Value) : result.Error!.ToProblem(http);

    /// <summary>Fills in <c>code</c>, title and detail for problems the framework writes (401, 404, 405 …).</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var p = context.ProblemDetails;
        var l = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<Messages>>();
        var status = p.Status ?? context.HttpContext.Response.StatusCode;
        if (!p.Extensions.ContainsKey("code"))
        {
            var code = CodeForStatus(status);
            p.Extensions["code"] = code;
            p.Detail ??= l.Text(code);
        }
        var title = l["status." + status];
        if (!title.ResourceNotFound) p.Title = title.Value;
        p.Extensions.Remove("traceId");
    }

    public static string CodeForStatus(int status) => status switch
    {
        400 => "request.malformed",
        401 => "auth.required",
        403 => "auth.forbidden",
        404 => "not-found",
        405 => "request.method-not-allowed",
        409 => "request.conflict",
        413 => "request.too-large",
        415 => "request.unsupported-media-type",
        429 => "request.rate-limited",
        _ => "server.error",
    };
}
