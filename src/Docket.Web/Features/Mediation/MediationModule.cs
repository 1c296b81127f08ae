using Docket.Web.Features.Accounts;
using Docket.Web.Features.Filings;
using Docket.Web.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Docket.Web.Features.Mediation;

/// <summary>
/// People's mediation (mediation.md; api.md, "Mediation"): rooms (public), cases of a room, sessions, closing,
/// feedback, the agreement PDF, judicial confirmation and statistics. Reads are for mediators, court staff and
/// admins (scoped per case); only a room's mediators act on its cases. A filer calling any of these gets 403.
/// </summary>
public static class MediationModule
{
    /// <summary>Mediators, clerks, court admins and admins, with the bearer scheme.</summary>
    public const string MediationPolicy = "mediation";

    /// <summary>Mediators only: opening, sessions, closing, feedback, judicial confirmation.</summary>
    public const string MediatorPolicy = "mediator";

    public static IServiceCollection AddMediation(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(MediationPolicy, p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme)
                .RequireRole(Roles.Mediator, Roles.Clerk, Roles.CourtAdmin, Roles.Admin))
            .AddPolicy(MediatorPolicy, p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireRole(Roles.Mediator));
        services.AddScoped<MediationReads>();
        services.AddScoped<OpenCase>();
        services.AddScoped<RecordSession>();
        services.AddScoped<CloseCase>();
        services.AddScoped<RecordFeedback>();
        services.AddScoped<AgreementPdf>();
        services.AddScoped<ApplyForJudicialConfirmation>();
        services.AddScoped<CourtDiversion>();
        services.AddSingleton<DiversionExpiryJob>();
        services.AddHostedService(sp => sp.GetRequiredService<DiversionExpiryJob>());
        services.AddScoped<MediationStatistics>();
        services.AddScoped<ManageRooms>();
        return services;
    }

    public static void MapMediationApi(this RouteGroupBuilder api)
    {
        var m = api.MapGroup("/mediation").WithTags("Mediation");

        m.MapGet("/rooms", async Task<Ok<List<MediationRoomDto>>> (MediationReads reads, CancellationToken ct) =>
            TypedResults.Ok(await reads.RoomsAsync(ct))).AllowAnonymous();

        m.MapGet("/stats", async Task<Results<Ok<MediationStatsDto>, ProblemHttpResult>> (string? roomId, string? from, string? to, HttpContext http,
            UserManager<User> users, MediationReads reads, CancellationToken ct) =>
            await AsStaff(http, users, s => reads.StatsAsync(s, Blank(roomId), from, to, ct)))
            .RequireAuthorization(MediationPolicy);

        var g = m.MapGroup("/cases").RequireAuthorization(MediationPolicy);

        g.MapGet("", async Task<Results<Ok<Page<MediationCaseDto>>, ProblemHttpResult>> (string? status, string? roomId, int? page, int? pageSize,
            HttpContext http, UserManager<User> users, MediationReads reads, CancellationToken ct) =>
            await AsStaff(http, users, s => reads.ListAsync(s, Blank(status), Blank(roomId), page ?? 1, pageSize ?? 20, ct)));

        g.MapGet("/{id}", async Task<Results<Ok<MediationCaseDto>, ProblemHttpResult>> (string id, HttpContext http, UserManager<User> users,
            MediationReads reads, CancellationToken ct) =>
            await AsStaff(http, users, s => reads.GetAsync(s, id, ct)));

        g.MapGet("/{id}/agreement", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (string id, HttpContext http, UserManager<User> users,
            AgreementPdf pdf, CancellationToken ct) =>
        {
            var s = await MediationScope.StaffAsync(users, http.User);
            if (!s.IsOk) return s.Error!.ToProblem(http);
            var r = await pdf.GetAsync(s.Value, id, ct);
            return r.IsOk ? TypedResults.File(r.Value, "application/pdf", $"mediation-agreement-{id}.pdf") : r.Error!.ToProblem(http);
        });

        g.MapPost("", async Task<Results<Created<MediationCaseDto>, ProblemHttpResult>> (OpenCase.Request? body, HttpContext http,
            UserManager<User> users, OpenCase h, CancellationToken ct) =>
        {
            var s = await MediationScope.MediatorAsync(users, http.User);
            if (!s.IsOk) return s.Error!.ToProblem(http);
            var r = await h.HandleAsync(s.Value, body, ct);
            return r.IsOk ? TypedResults.Created($"/api/v1/mediation/cases/{r.Value.Id}", r.Value) : r.Error!.ToProblem(http);
        }).RequireAuthorization(MediatorPolicy);

        g.MapPost("/{id}/sessions", async Task<Results<Created<MediationCaseDto>, ProblemHttpResult>> (string id, RecordSession.Request? body,
            HttpContext http, UserManager<User> users, RecordSession h, CancellationToken ct) =>
        {
            var s = await MediationScope.MediatorAsync(users, http.User);
            if (!s.IsOk) return s.Error!.ToProblem(http);
            var r = await h.HandleAsync(s.Value, id, body, ct);
            return r.IsOk ? TypedResults.Created($"/api/v1/mediation/cases/{id}", r.Value) : r.Error!.ToProblem(http);
        }).RequireAuthorization(MediatorPolicy);

        g.MapPost("/{id}/close", async Task<Results<Ok<MediationCaseDto>, ProblemHttpResult>> (string id, CloseCase.Request? body, HttpContext http,
            UserManager<User> users, CloseCase h, CancellationToken ct) =>
            await AsMediator(http, users, s => h.HandleAsync(s, id, body, ct))).RequireAuthorization(MediatorPolicy);

        g.MapPost("/{id}/feedback", async Task<Results<Ok<MediationCaseDto>, ProblemHttpResult>> (string id, RecordFeedback.Request? body,
            HttpContext http, UserManager<User> users, RecordFeedback h, CancellationToken ct) =>
            await AsMediator(http, users, s => h.HandleAsync(s, id, body, ct))).RequireAuthorization(MediatorPolicy);

        g.MapPost("/{id}/judicial-confirmation", async Task<Results<Created<FilingDto>, ProblemHttpResult>> (string id,
            ApplyForJudicialConfirmation.Request? body, HttpContext http, UserManager<User> users, ApplyForJudicialConfirmation h, CancellationToken ct) =>
        {
            var s = await MediationScope.MediatorAsync(users, http.User);
            if (!s.IsOk) return s.Error!.ToProblem(http);
            var r = await h.HandleAsync(s.Value, id, body, ct);
            return r.IsOk ? TypedResults.Created($"/api/v1/filings/{r.Value.Id}", r.Value) : r.Error!.ToProblem(http);
        }).RequireAuthorization(MediatorPolicy);
    }

    static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    static async Task<Results<Ok<T>, ProblemHttpResult>> AsStaff<T>(HttpContext http, UserManager<User> users, Func<MediationStaff, Task<Result<T>>> action)
    {
        var s = await MediationScope.StaffAsync(users, http.User);
        if (!s.IsOk) return s.Error!.ToProblem(http);
        return (await action(s.Value)).ToHttp(http);
    }

    static async Task<Results<Ok<T>, ProblemHttpResult>> AsMediator<T>(HttpContext http, UserManager<User> users, Func<MediationStaff, Task<Result<T>>> action)
    {
        var s = await MediationScope.MediatorAsync(users, http.User);
        if (!s.IsOk) return s.Error!.ToProblem(http);
        return (await action(s.Value)).ToHttp(http);
    }
}
