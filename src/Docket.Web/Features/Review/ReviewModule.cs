using Docket.Web.Features.Accounts;
using Docket.Web.Features.Filings;
using Docket.Web.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Docket.Web.Features.Review;

public static class ReviewModule
{
    /// <summary>Court staff with the bearer scheme; a filer calling a review endpoint gets 403.</summary>
    public const string ReviewPolicy = "review";

    public static IServiceCollection AddReview(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder().AddPolicy(ReviewPolicy, p => p
            .AddAuthenticationSchemes(IdentityConstants.BearerScheme)
            .RequireRole(Roles.Clerk, Roles.CourtAdmin));
        services.AddScoped<ReviewQueue>();
        services.AddScoped<ReviewReads>();
        services.AddScoped<ClaimFiling>();
        services.AddScoped<RegisterFiling>();
        services.AddScoped<RequestCorrection>();
        services.AddScoped<RejectFiling>();
        services.AddScoped<ForwardFiling>();
        services.AddScoped<DivertToMediation>();
        return services;
    }

    public static void MapReviewApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/review").WithTags("Review").RequireAuthorization(ReviewPolicy);

        g.MapGet("/queue", async Task<Results<Ok<Page<QueueItemDto>>, ProblemHttpResult>> (string? status, string? caseType, int? page, int? pageSize,
            HttpContext http, UserManager<User> users, ReviewQueue queue, CancellationToken ct) =>
            await AsClerk(http, users, c => queue.ListAsync(c, Blank(status), Blank(caseType), page ?? 1, pageSize ?? 20, ct)));

        g.MapGet("/search", async Task<Results<Ok<Page<QueueItemDto>>, ProblemHttpResult>> (string? q, int? page, int? pageSize,
            HttpContext http, UserManager<User> users, ReviewQueue queue, CancellationToken ct) =>
            await AsClerk(http, users, c => queue.SearchAsync(c, q, page ?? 1, pageSize ?? 20, ct)));

        g.MapGet("/filings/{id}", async Task<Results<Ok<ReviewFilingDto>, ProblemHttpResult>> (string id, HttpContext http, UserManager<User> users, ReviewReads reads, CancellationToken ct) =>
            await AsClerk(http, users, c => reads.GetAsync(c, id, ct)));

        g.MapGet("/filings/{id}/documents/{docId}/content", async Task<Results<FileStreamHttpResult, ProblemHttpResult>> (string id, string docId, HttpContext http, UserManager<User> users, ReviewReads reads, CancellationToken ct) =>
        {
            var c = await ReviewScope.ClerkAsync(users, http.User);
            if (!c.IsOk) return c.Error!.ToProblem(http);
            var r = await reads.OpenDocumentAsync(c.Value, id, docId, ct);
            return r.IsOk ? DocumentResponses.Download(http, r.Value) : r.Error!.ToProblem(http);
        });

        g.MapGet("/filings/{id}/documents/{docId}/preview", async Task<Results<FileStreamHttpResult, ProblemHttpResult>> (string id, string docId, HttpContext http, UserManager<User> users, ReviewReads reads, CancellationToken ct) =>
        {
            var c = await ReviewScope.ClerkAsync(users, http.User);
            if (!c.IsOk) return c.Error!.ToProblem(http);
            var r = await reads.OpenDocumentAsync(c.Value, id, docId, ct);
            return r.IsOk ? DocumentResponses.Preview(http, r.Value) : r.Error!.ToProblem(http);
        });

        g.MapPost("/filings/{id}/claim", async Task<Results<Ok<FilingDto>, ProblemHttpResult>> (string id, HttpContext http, UserManager<User> users, ClaimFiling h, CancellationToken ct) =>
            await AsClerk(http, users, c => h.ClaimAsync(c, id, ct)));
        g.MapPost("/filings/{id}/release", async Task<Results<Ok<FilingDto>, ProblemHttpResult>> (string id, HttpContext http, UserManager<User> users, ClaimFiling h, CancellationToken ct) =>
            await AsClerk(http, users, c => h.ReleaseAsync(c, id, ct)));
        g.MapPost("/filings/{id}/register", async Task<Results<Ok<RegisterFiling.Response>, ProblemHttpResult>> (string id, RegisterFiling.Request? body, HttpContext http, UserManager<User> users, RegisterFiling h, CancellationToken ct) =>
            await AsClerk(http, users, c => h.HandleAsync(c, id, body, ct)));
        g.MapPost("/filings/{id}/request-correction", async Task<Results<Ok<FilingDto>, ProblemHttpResult>> (string id, RequestCorrection.Request? body, HttpContext http, UserManager<User> users, RequestCorrection h, CancellationToken ct) =>
            await AsClerk(http, users, c => h.HandleAsync(c, id, body, ct)));
        g.MapPost("/filings/{id}/reject", async Task<Results<Ok<FilingDto>, ProblemHttpResult>> (string id, RejectFiling.Request? body, HttpContext http, UserManager<User> users, RejectFiling h, CancellationToken ct) =>
            await AsClerk(http, users, c => h.HandleAsync(c, id, body, ct)));
        g.MapPost("/filings/{id}/divert-to-mediation", async Task<Results<Ok<FilingDto>, ProblemHttpResult>> (string id, DivertToMediation.Request? body, HttpContext http, UserManager<User> users, DivertToMediation h, CancellationToken ct) =>
            await AsClerk(http, users, c => h.HandleAsync(c, id, body, ct)));
        g.MapPost("/filings/{id}/forward", async Task<Results<Ok<FilingDto>, ProblemHttpResult>> (string id, HttpContext http, UserManager<User> users, ForwardFiling h, CancellationToken ct) =>
            await AsClerk(http, users, c => h.HandleAsync(c, id, ct)));
    }

    static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    static async Task<Results<Ok<T>, ProblemHttpResult>> AsClerk<T>(HttpContext http, UserManager<User> users, Func<Clerk, Task<Result<T>>> action)
    {
        var clerk = await ReviewScope.ClerkAsync(users, http.User);
        if (!clerk.IsOk) return clerk.Error!.ToProblem(http);
        return (await action(clerk.Value)).ToHttp(http);
    }
}
