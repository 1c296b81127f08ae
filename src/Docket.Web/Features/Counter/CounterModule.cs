using Docket.Web.Features.Accounts;
using Docket.Web.Features.Filings;
using Docket.Web.Features.Review;
using Docket.Web.Infrastructure;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Docket.Web.Features.Counter;

/// <summary>
/// 代为录入 at the counter (court staff), the litigant's claim of a counter filing (filers), and the posting of
/// paper originals (the cooperating court). The clerk's draft work goes through the filer-side handlers, acting
/// for the litigant's counter account.
/// </summary>
public static class CounterModule
{
    public static IServiceCollection AddCounter(this IServiceCollection services)
    {
        services.AddScoped<StartCounterFiling>();
        services.AddScoped<CounterReceipt>();
        services.AddScoped<AttachCounterFiling>();
        services.AddScoped<PostOriginals>();
        return services;
    }

    public static void MapCounterApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/counter/filings").WithTags("Counter").RequireAuthorization(ReviewModule.ReviewPolicy);

        g.MapPost("", async Task<Results<Created<FilingDto>, ProblemHttpResult>> (StartCounterFiling.Request? body, HttpContext http,
            UserManager<User> users, StartCounterFiling h, CancellationToken ct) =>
        {
            var clerk = await ReviewScope.ClerkAsync(users, http.User);
            if (!clerk.IsOk) return clerk.Error!.ToProblem(http);
            var r = await h.HandleAsync(clerk.Value, body, ct);
            return r.IsOk ? TypedResults.Created($"/api/v1/counter/filings/{r.Value.Id}", r.Value) : r.Error!.ToProblem(http);
        });

        g.MapGet("", async Task<Results<Ok<Page<CounterFilingSummaryDto>>, ProblemHttpResult>> (int? page, int? pageSize, HttpContext http,
            UserManager<User> users, DocketDbContext db, CancellationToken ct) =>
        {
            var clerk = await ReviewScope.ClerkAsync(users, http.User);
            if (!clerk.IsOk) return clerk.Error!.ToProblem(http);
            return TypedResults.Ok(await CounterScope.ListAsync(db, clerk.Value, page ?? 1, pageSize ?? 20, ct));
        });

        g.MapGet("/{id}", async Task<Results<Ok<FilingDto>, ProblemHttpResult>> (string id, HttpContext http, UserManager<User> users, DocketDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            var clerk = await ReviewScope.ClerkAsync(users, http.User);
            if (!clerk.IsOk) return clerk.Error!.ToProblem(http);
            return (await CounterScope.GetAsync(db, clerk.Value, id, clock, ct)).ToHttp(http);
        });

        g.MapPut("/{id}", async Task<Results<Ok<FilingDto>, ProblemHttpResult>> (string id, UpdateFiling.Request? body, HttpContext http,
            UserManager<User> users, DocketDbContext db, UpdateFiling h, CancellationToken ct) =>
            await ForLitigant(http, users, db, id, (_, litigant) => h.HandleAsync(litigant.Id, id, body, ct), ct));

        g.MapPost("/{id}/documents", async Task<Results<Created<DocumentDto>, ProblemHttpResult>> (string id, HttpContext http,
            UserManager<User> users, DocketDbContext db, UploadDocument h, CancellationToken ct) =>
            Created(http, id, await Resolve(http, users, db, id, (_, litigant) => h.HandleAsync(litigant.Id, id, http.Request, ct), ct)))
            .Accepts<IFormFile>("multipart/form-data").DisableAntiforgery().RequireRateLimiting(RateLimits.Upload);

        // The counter's scanner: many page images of one paper → one PDF document.
        g.MapPost("/{id}/documents/scans", async Task<Results<Created<DocumentDto>, ProblemHttpResult>> (string id, HttpContext http,
            UserManager<User> users, DocketDbContext db, UploadDocument h, CancellationToken ct) =>
            Created(http, id, await Resolve(http, users, db, id, (_, litigant) => h.ReceivePhotosAsync(litigant.Id, id, http.Request, ct), ct)))
            .Accepts<IFormFile>("multipart/form-data").DisableAntiforgery().RequireRateLimiting(RateLimits.Upload);

        g.MapDelete("/{id}/documents/{docId}", async Task<Results<NoContent, ProblemHttpResult>> (string id, string docId, HttpContext http,
            UserManager<User> users, DocketDbContext db, Documents docs, CancellationToken ct) =>
        {
            var r = await Resolve(http, users, db, id, (_, litigant) => docs.DeleteAsync(litigant.Id, id, docId, ct), ct);
            return r.IsOk ? TypedResults.NoContent() : r.Error!.ToProblem(http);
        });

        g.MapGet("/{id}/check", async Task<Results<Ok<CheckDto>, ProblemHttpResult>> (string id, HttpContext http, UserManager<User> users,
            DocketDbContext db, FilingReads reads, IStringLocalizer<Messages> l, CancellationToken ct) =>
        {
            var r = await Resolve(http, users, db, id, (_, litigant) => reads.CheckAsync(litigant, id, ct), ct);
            return r.IsOk ? TypedResults.Ok(new CheckDto(!r.Value.Any(i => i.Blocking), [.. r.Value.Select(l.Localize)])) : r.Error!.ToProblem(http);
        });

        g.MapPost("/{id}/submit", async Task<Results<Ok<ReceiptDto>, ProblemHttpResult>> (string id, HttpContext http, UserManager<User> users,
            DocketDbContext db, SubmitFiling h, IStringLocalizer<Messages> l, CancellationToken ct) =>
        {
            var r = await Resolve(http, users, db, id, (clerk, litigant) => h.HandleAsync(litigant, id, ct, clerk.Actor), ct);
            if (r.IsOk) return TypedResults.Ok(r.Value);
            var error = r.Error!;
            if (error.Extensions?.GetValueOrDefault("items") is IEnumerable<CheckItem> items)
                error = error with { Extensions = new Dictionary<string, object?> { ["items"] = items.Select(l.Localize).ToList() } };
            return error.ToProblem(http);
        });

        // Prints the counter receipt with a new claim code (PDF by default; JSON with the code for API clients).
        g.MapPost("/{id}/counter-receipt", async Task<Results<FileContentHttpResult, Ok<ClaimCodeDto>, ProblemHttpResult>> (string id, string? format,
            HttpContext http, UserManager<User> users, CounterReceipt h, IOptions<DocketOptions> options, CancellationToken ct) =>
        {
            var clerk = await ReviewScope.ClerkAsync(users, http.User);
            if (!clerk.IsOk) return clerk.Error!.ToProblem(http);
            var baseUrl = options.Value.PublicBaseUrl ?? $"{http.Request.Scheme}://{http.Request.Host}";
            var r = await h.IssueAsync(clerk.Value, id, baseUrl, ct);
            if (!r.IsOk) return r.Error!.ToProblem(http);
            return format == "json" ? TypedResults.Ok(r.Value.Code) : TypedResults.File(r.Value.Pdf, "application/pdf", $"counter-receipt-{id}.pdf");
        });

        var review = api.MapGroup("/review/filings").WithTags("Review").RequireAuthorization(ReviewModule.ReviewPolicy);
        review.MapPost("/{id}/originals", async Task<Results<Created<PostedOriginalsDto>, ProblemHttpResult>> (string id, PostOriginals.Request? body,
            HttpContext http, UserManager<User> users, PostOriginals h, CancellationToken ct) =>
        {
            var clerk = await ReviewScope.ClerkAsync(users, http.User);
            if (!clerk.IsOk) return clerk.Error!.ToProblem(http);
            var r = await h.HandleAsync(clerk.Value, id, body, ct);
            return r.IsOk ? TypedResults.Created($"/api/v1/review/filings/{id}", r.Value) : r.Error!.ToProblem(http);
        });

        var claim = api.MapGroup("/filings/claim").WithTags("Filings").RequireAuthorization(AccountsModule.ApiPolicy);
        claim.MapPost("", async Task<Results<Accepted<ClaimStartedDto>, ProblemHttpResult>> (AttachCounterFiling.StartRequest? body, HttpContext http,
            AttachCounterFiling h, CancellationToken ct) =>
        {
            if (IsStaff(http)) return new Error(403, "auth.forbidden").ToProblem(http);
            var r = await h.StartAsync(body, AccountsModule.ClientAddress(http), ct);
            return r.IsOk ? TypedResults.Accepted((string?)null, r.Value) : r.Error!.ToProblem(http);
        });
        claim.MapPost("/confirm", async Task<Results<Ok<FilingDto>, ProblemHttpResult>> (AttachCounterFiling.ConfirmRequest? body, HttpContext http,
            UserManager<User> users, AttachCounterFiling h, CancellationToken ct) =>
        {
            var user = await users.GetUserAsync(http.User);
            if (user is null) return new Error(401, "auth.required").ToProblem(http);
            if (IsStaff(http)) return new Error(403, "auth.forbidden").ToProblem(http);
            return (await h.ConfirmAsync(user, body, ct)).ToHttp(http);
        });
    }

    /// <summary>Court staff act on filings through review; claiming a litigant's filing is the litigant's own act.</summary>
    public static bool IsStaff(HttpContext http) =>
        http.User.IsInRole(Roles.Clerk) || http.User.IsInRole(Roles.CourtAdmin) || http.User.IsInRole(Roles.Admin);

    static async Task<Result<T>> Resolve<T>(HttpContext http, UserManager<User> users, DocketDbContext db, string id,
        Func<Clerk, User, Task<Result<T>>> action, CancellationToken ct)
    {
        var clerk = await ReviewScope.ClerkAsync(users, http.User);
        if (!clerk.IsOk) return clerk.Error!;
        var litigant = await CounterScope.LitigantAsync(db, clerk.Value, id, ct);
        if (!litigant.IsOk) return litigant.Error!;
        return await action(clerk.Value, litigant.Value);
    }

    static async Task<Results<Ok<T>, ProblemHttpResult>> ForLitigant<T>(HttpContext http, UserManager<User> users, DocketDbContext db, string id,
        Func<Clerk, User, Task<Result<T>>> action, CancellationToken ct) =>
        (await Resolve(http, users, db, id, action, ct)).ToHttp(http);

    static Results<Created<DocumentDto>, ProblemHttpResult> Created(HttpContext http, string id, Result<DocumentDto> r) =>
        r.IsOk ? TypedResults.Created($"/api/v1/counter/filings/{id}/documents/{r.Value.Id}", r.Value) : r.Error!.ToProblem(http);
}
