using Docket.Web.Features.Accounts;
using Docket.Web.Features.Filings;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Docket.Web.Features.Screening;

/// <summary>
/// Dispute screening (矛盾纠纷排查化解; mediation.md; api.md, "Dispute screening"): officers of grassroots units log
/// disputes, follow them up and end them — on the spot, to a mediation room, or to a court. Admins read everything.
/// </summary>
public static class ScreeningModule
{
    /// <summary>Officers and admins, with the bearer scheme.</summary>
    public const string ScreeningPolicy = "screening";

    public static IServiceCollection AddScreening(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(ScreeningPolicy, p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireRole(Roles.Officer, Roles.Admin));
        services.AddScoped<DisputeReads>();
        services.AddScoped<LogDispute>();
        services.AddScoped<RecordDisputeAction>();
        services.AddScoped<ResolveDispute>();
        return services;
    }

    public static void MapScreeningApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/disputes").WithTags("Dispute screening").RequireAuthorization(ScreeningPolicy);

        g.MapGet("/stats", async Task<Results<Ok<DisputeStatsDto>, ProblemHttpResult>> (string? unitId, string? from, string? to, HttpContext http,
            DocketDbContext db, UserManager<User> users, DisputeReads reads, CancellationToken ct) =>
            await Run(http, ScreeningScope.StaffAsync(db, users, http.User, ct), s => reads.StatsAsync(s, Blank(unitId), from, to, ct)));

        g.MapGet("", async Task<Results<Ok<Page<DisputeDto>>, ProblemHttpResult>> (string? unitId, string? status, string? riskLevel, int? page,
            int? pageSize, HttpContext http, DocketDbContext db, UserManager<User> users, DisputeReads reads, CancellationToken ct) =>
            await Run(http, ScreeningScope.StaffAsync(db, users, http.User, ct),
                s => reads.ListAsync(s, Blank(unitId), Blank(status), Blank(riskLevel), page ?? 1, pageSize ?? 20, ct)));

        g.MapGet("/{id}", async Task<Results<Ok<DisputeDto>, ProblemHttpResult>> (string id, HttpContext http, DocketDbContext db,
            UserManager<User> users, DisputeReads reads, CancellationToken ct) =>
            await Run(http, ScreeningScope.StaffAsync(db, users, http.User, ct), s => reads.GetAsync(s, id, ct)));

        g.MapPost("", async Task<Results<Created<DisputeDto>, ProblemHttpResult>> (LogDispute.Request? body, HttpContext http, DocketDbContext db,
            UserManager<User> users, LogDispute h, CancellationToken ct) =>
        {
            var s = await ScreeningScope.OfficerAsync(db, users, http.User, ct);
            if (!s.IsOk) return s.Error!.ToProblem(http);
            var r = await h.HandleAsync(s.Value, body, ct);
            return r.IsOk ? TypedResults.Created($"/api/v1/disputes/{r.Value.Id}", r.Value) : r.Error!.ToProblem(http);
        });

        g.MapPost("/{id}/actions", async Task<Results<Created<DisputeDto>, ProblemHttpResult>> (string id, RecordDisputeAction.Request? body,
            HttpContext http, DocketDbContext db, UserManager<User> users, RecordDisputeAction h, CancellationToken ct) =>
        {
            var s = await ScreeningScope.OfficerAsync(db, users, http.User, ct);
            if (!s.IsOk) return s.Error!.ToProblem(http);
            var r = await h.HandleAsync(s.Value, id, body, ct);
            return r.IsOk ? TypedResults.Created($"/api/v1/disputes/{id}", r.Value) : r.Error!.ToProblem(http);
        });

        g.MapPost("/{id}/resolve", async Task<Results<Ok<DisputeDto>, ProblemHttpResult>> (string id, ResolveDispute.Request? body, HttpContext http,
            DocketDbContext db, UserManager<User> users, ResolveDispute h, CancellationToken ct) =>
            await Run(http, ScreeningScope.OfficerAsync(db, users, http.User, ct), s => h.HandleAsync(s, id, body, ct)));
    }

    static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    static async Task<Results<Ok<T>, ProblemHttpResult>> Run<T>(HttpContext http, Task<Result<ScreeningStaff>> staff, Func<ScreeningStaff, Task<Result<T>>> action)
    {
        var s = await staff;
        if (!s.IsOk) return s.Error!.ToProblem(http);
        return (await action(s.Value)).ToHttp(http);
    }
}
