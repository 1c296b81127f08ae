using System.Text.Json;
using Docket.Web.Features.Fees;
using Docket.Web.Features.Filings;
using Docket.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Infrastructure.Problems;

/// <summary>
/// The one place exceptions become ProblemDetails: malformed requests are 400/413/415, a lost optimistic
/// concurrency race or an illegal transition is 409. Anything else is a bug and answers 500 with a neutral message.
/// </summary>
public sealed class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var error = exception switch
        {
            BadHttpRequestException b => new Error(b.StatusCode, ProblemResults.CodeForStatus(b.StatusCode) is var c && c == "server.error" ? "request.malformed" : c),
            JsonException => Error.BadRequest("request.malformed"),
            InvalidTransitionException => Error.InvalidTransition,
            CorrectionAlreadyRequestedException => Error.Conflict("filing.correction-already-requested"),
            FeeRuleException r => Error.BadRequest(r.Code),
            DbUpdateConcurrencyException => Error.Conflict("request.concurrent-change"),
            DbUpdateException u when DbErrors.IsUniqueViolation(u) => Error.Conflict("request.concurrent-change"),
            OperationCanceledException when http.RequestAborted.IsCancellationRequested => null,
            _ => new Error(500, "server.error"),
        };
        if (error is null) return true;
        if (error.Status >= 500) log.LogError(exception, "Unhandled exception for {Method} {Path}", http.Request.Method, http.Request.Path);
        else log.LogDebug(exception, "Request refused with {Status}", error.Status);
        if (http.Response.HasStarted) return false;
        http.Response.Clear();
        http.Response.StatusCode = error.Status;
        await error.ToProblem(http).ExecuteAsync(http);
        return true;
    }
}
