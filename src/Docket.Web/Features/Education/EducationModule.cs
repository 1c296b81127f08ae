using Docket.Web.Features.Accounts;
using Docket.Web.Features.Filings;
using Docket.Web.Features.Organisation;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Docket.Web.Features.Education;

/// <summary>
/// Staff education and rectification (education.md; api.md, "Staff education"): training events and attendance,
/// QR check-in, study timetable, records and participation, the rectification and service ledgers. Managers (unit
/// admins, the committee, admins) act on the units they see; officers check in and record their own study.
/// </summary>
public static class EducationModule
{
    public static IServiceCollection AddEducation(this IServiceCollection services)
    {
        services.AddScoped<CreateEvent>();
        services.AddScoped<RecordAttendance>();
        services.AddScoped<EventReport>();
        services.AddScoped<CheckIn>();
        services.AddScoped<Timetable>();
        services.AddScoped<RecordStudy>();
        services.AddScoped<Participation>();
        services.AddScoped<Rectifications>();
        services.AddScoped<RectificationEvidence>();
        services.AddScoped<ServiceActivities>();
        services.AddScoped<Materials>();
        return services;
    }

    public static void MapEducationApi(this RouteGroupBuilder api)
    {
        var m = api.MapGroup("/education").WithTags("Education");
        var manager = OrganisationModule.ManagerPolicy;
        var member = OrganisationModule.MemberPolicy;

        m.MapGet("/events", async Task<Results<Ok<Page<TrainingEventDto>>, ProblemHttpResult>> (int? page, int? pageSize, HttpContext http,
            UserManager<User> users, DocketDbContext db, CancellationToken ct) =>
            await AsManager(http, users, db, ct, async c => Result<Page<TrainingEventDto>>.Ok(await TrainingEvents.ListAsync(db, c, page ?? 1, pageSize ?? 20, ct))))
            .RequireAuthorization(manager);

        m.MapPost("/events", async Task<Results<Created<TrainingEventDto>, ProblemHttpResult>> (CreateEvent.Request? body, HttpContext http,
            UserManager<User> users, DocketDbContext db, CreateEvent h, CancellationToken ct) =>
        {
            var c = await OrgScope.ManagerAsync(users, db, http.User, ct);
            if (!c.IsOk) return c.Error!.ToProblem(http);
            var r = await h.HandleAsync(c.Value, body, ct);
            return r.IsOk ? TypedResults.Created($"/api/v1/education/events/{r.Value.Id}", r.Value) : r.Error!.ToProblem(http);
        }).RequireAuthorization(manager);

        m.MapGet("/events/{id}", async Task<Results<Ok<TrainingEventDto>, ProblemHttpResult>> (string id, HttpContext http, UserManager<User> users,
            DocketDbContext db, CancellationToken ct) =>
            await AsManager(http, users, db, ct, c => TrainingEvents.GetAsync(db, c, id, ct))).RequireAuthorization(manager);

        m.MapPost("/events/{id}/attendance", async Task<Results<Ok<AttendanceResult>, ProblemHttpResult>> (string id, RecordAttendance.Request? body,
            HttpContext http, UserManager<User> users, DocketDbContext db, RecordAttendance h, CancellationToken ct) =>
            await AsManager(http, users, db, ct, c => h.HandleAsync(c, id, body, ct))).RequireAuthorization(manager);

        m.MapPost("/events/{id}/attendance/import", async Task<Results<Ok<AttendanceResult>, ProblemHttpResult>> (string id, HttpContext http,
            UserManager<User> users, DocketDbContext db, RecordAttendance h, CancellationToken ct) =>
            await AsManager(http, users, db, ct, c => h.ImportAsync(c, id, http.Request, ct)))
            .Accepts<IFormFile>("multipart/form-data").DisableAntiforgery().RequireAuthorization(manager);

        m.MapGet("/events/{id}/report", async Task<Results<Ok<EventReportDto>, ProblemHttpResult>> (string id, HttpContext http, UserManager<User> users,
            DocketDbContext db, EventReport h, CancellationToken ct) =>
            await AsManager(http, users, db, ct, c => h.HandleAsync(c, id, ct))).RequireAuthorization(manager);

        m.MapGet("/events/{id}/report/export", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (string id, HttpContext http,
            UserManager<User> users, DocketDbContext db, EventReport h, CancellationToken ct) =>
        {
            var c = await OrgScope.ManagerAsync(users, db, http.User, ct);
            if (!c.IsOk) return c.Error!.ToProblem(http);
            var r = await h.WorkbookAsync(c.Value, id, ct);
            return r.IsOk ? TypedResults.File(r.Value, EventReport.MediaType, $"training-{id}.xlsx") : r.Error!.ToProblem(http);
        }).RequireAuthorization(manager);

        m.MapGet("/events/{id}/absentees", async Task<Results<Ok<Page<OfficerDto>>, ProblemHttpResult>> (string id, string? unitId, int? page,
            int? pageSize, HttpContext http, UserManager<User> users, DocketDbContext db, EventReport h, CancellationToken ct) =>
            await AsManager(http, users, db, ct, c => h.AbsenteesAsync(c, id, EducationInput.Optional(unitId), page ?? 1, pageSize ?? 20, ct)))
            .RequireAuthorization(manager);

        m.MapGet("/events/{id}/checkin-token", async Task<Results<Ok<CheckInTokenDto>, ProblemHttpResult>> (string id, int? sessionIndex,
            string? venueId, HttpContext http, UserManager<User> users, DocketDbContext db, CheckIn h, CancellationToken ct) =>
            await AsManager(http, users, db, ct, c => h.TokenAsync(c, id, sessionIndex, venueId, ct))).RequireAuthorization(manager);

        m.MapPost("/checkin", async Task<Results<Ok<CheckInResultDto>, ProblemHttpResult>> (CheckInRequest? body, HttpContext http,
            UserManager<User> users, CheckIn h, CancellationToken ct) =>
        {
            var user = await users.GetUserAsync(http.User);
            if (user is null) return new Error(403, "auth.forbidden").ToProblem(http);
            return (await h.HandleAsync(user, body?.Token, ct)).ToHttp(http);
        }).RequireAuthorization(member);

        m.MapGet("/units/{id}/timetable", async Task<Results<Ok<List<TimetableEntryDto>>, ProblemHttpResult>> (string id, HttpContext http,
            UserManager<User> users, DocketDbContext db, Timetable h, CancellationToken ct) =>
            await AsMember(http, users, db, ct, c => h.GetAsync(c, id, ct))).RequireAuthorization(member);

        m.MapPut("/units/{id}/timetable", async Task<Results<Ok<List<TimetableEntryDto>>, ProblemHttpResult>> (string id, List<Timetable.Item?>? body,
            HttpContext http, UserManager<User> users, DocketDbContext db, Timetable h, CancellationToken ct) =>
            await AsManager(http, users, db, ct, c => h.PutAsync(c, id, body, ct))).RequireAuthorization(manager);

        m.MapPost("/study-records", async Task<Results<Ok<StudyRecordsResult>, ProblemHttpResult>> (RecordStudy.Request? body, HttpContext http,
            UserManager<User> users, DocketDbContext db, RecordStudy h, CancellationToken ct) =>
            await AsMember(http, users, db, ct, c => h.HandleAsync(c, body, ct))).RequireAuthorization(member);

        m.MapGet("/participation", async Task<Results<Ok<ParticipationDto>, ProblemHttpResult>> (string? unitId, string? from, string? to,
            int? minRecords, HttpContext http, UserManager<User> users, DocketDbContext db, Participation h, CancellationToken ct) =>
            await AsManager(http, users, db, ct, c => h.HandleAsync(c, unitId, from, to, minRecords, ct))).RequireAuthorization(manager);

        var rect = m.MapGroup("/rectifications").RequireAuthorization(manager);

        rect.MapPost("", async Task<Results<Created<RectificationDto>, ProblemHttpResult>> (Rectifications.CreateRequest? body, HttpContext http,
            UserManager<User> users, DocketDbContext db, Rectifications h, CancellationToken ct) =>
        {
            var c = await OrgScope.ManagerAsync(users, db, http.User, ct);
            if (!c.IsOk) return c.Error!.ToProblem(http);
            var r = await h.CreateAsync(c.Value, body, ct);
            return r.IsOk ? TypedResults.Created($"/api/v1/education/rectifications/{r.Value.Id}", r.Value) : r.Error!.ToProblem(http);
        });

        rect.MapGet("", async Task<Results<Ok<Page<RectificationDto>>, ProblemHttpResult>> (string? unitId, string? status, int? page, int? pageSize,
            HttpContext http, UserManager<User> users, DocketDbContext db, Rectifications h, CancellationToken ct) =>
            await AsManager(http, users, db, ct, c => h.ListAsync(c, unitId, status, page ?? 1, pageSize ?? 20, ct)));

        rect.MapPost("/{id}/status", async Task<Results<Ok<RectificationDto>, ProblemHttpResult>> (string id, Rectifications.StatusRequest? body,
            HttpContext http, UserManager<User> users, DocketDbContext db, Rectifications h, CancellationToken ct) =>
            await AsManager(http, users, db, ct, c => h.SetStatusAsync(c, id, body, ct)));

        rect.MapPost("/{id}/close", async Task<Results<Ok<RectificationDto>, ProblemHttpResult>> (string id, Rectifications.CloseRequest? body,
            HttpContext http, UserManager<User> users, DocketDbContext db, Rectifications h, CancellationToken ct) =>
            await AsManager(http, users, db, ct, c => h.CloseAsync(c, id, body, ct)));

        // Closure evidence as documents (multipart, "file" parts); the JSON close above stays as it was.
        rect.MapPost("/{id}/evidence", async Task<Results<Ok<List<EvidenceDocumentDto>>, ProblemHttpResult>> (string id, HttpContext http,
            UserManager<User> users, DocketDbContext db, RectificationEvidence h, CancellationToken ct) =>
            await AsManager(http, users, db, ct, async c =>
            {
                if (!http.Request.HasFormContentType || !http.Request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
                    return Error.UnsupportedMediaType("document.not-multipart");
                IFormCollection form;
                try { form = await http.Request.ReadFormAsync(ct); }
                catch (Exception e) when (e is InvalidDataException or IOException) { return Error.BadRequest("request.malformed"); }
                return await h.AddAsync(c, id, form.Files.GetFiles("file"), ct);
            }));

        rect.MapGet("/report", async Task<Results<Ok<RectificationReportDto>, ProblemHttpResult>> (string? unitId, HttpContext http,
            UserManager<User> users, DocketDbContext db, Rectifications h, CancellationToken ct) =>
            await AsManager(http, users, db, ct, c => h.ReportAsync(c, unitId, ct)));

        m.MapPost("/service-activities", async Task<Results<Created<ServiceActivityDto>, ProblemHttpResult>> (ServiceActivities.Request? body,
            HttpContext http, UserManager<User> users, DocketDbContext db, ServiceActivities h, CancellationToken ct) =>
        {
            var c = await OrgScope.ManagerAsync(users, db, http.User, ct);
            if (!c.IsOk) return c.Error!.ToProblem(http);
            var r = await h.CreateAsync(c.Value, body, ct);
            return r.IsOk ? TypedResults.Created($"/api/v1/education/service-activities/{r.Value.Id}", r.Value) : r.Error!.ToProblem(http);
        }).RequireAuthorization(manager);

        m.MapGet("/service-activities", async Task<Results<Ok<Page<ServiceActivityDto>>, ProblemHttpResult>> (string? unitId, int? page, int? pageSize,
            HttpContext http, UserManager<User> users, DocketDbContext db, ServiceActivities h, CancellationToken ct) =>
            await AsManager(http, users, db, ct, c => h.ListAsync(c, unitId, page ?? 1, pageSize ?? 20, ct))).RequireAuthorization(manager);

        m.MapGet("/service-activities/report", async Task<Results<Ok<ServiceReportDto>, ProblemHttpResult>> (string? unitId, string? from, string? to,
            HttpContext http, UserManager<User> users, DocketDbContext db, ServiceActivities h, CancellationToken ct) =>
            await AsManager(http, users, db, ct, c => h.ReportAsync(c, unitId, from, to, ct))).RequireAuthorization(manager);

        MapMaterials(m, manager, member);
    }

    static void MapMaterials(RouteGroupBuilder m, string manager, string member)
    {
        var g = m.MapGroup("/materials");

        g.MapPost("", async Task<Results<Created<StudyMaterialDto>, ProblemHttpResult>> (Materials.CreateRequest? body, HttpContext http,
            UserManager<User> users, DocketDbContext db, Materials h, CancellationToken ct) =>
        {
            var c = await OrgScope.ManagerAsync(users, db, http.User, ct);
            if (!c.IsOk) return c.Error!.ToProblem(http);
            var r = await h.CreateAsync(c.Value, body, ct);
            return r.IsOk ? TypedResults.Created($"/api/v1/education/materials/{r.Value.Id}", r.Value) : r.Error!.ToProblem(http);
        }).RequireAuthorization(manager);

        g.MapGet("", async Task<Results<Ok<List<MaterialSummaryDto>>, ProblemHttpResult>> (HttpContext http, UserManager<User> users, DocketDbContext db,
            Materials h, CancellationToken ct) =>
            await AsMember(http, users, db, ct, _ => h.ListAsync(ct))).RequireAuthorization(member);

        g.MapGet("/{id}", async Task<Results<Ok<StudyMaterialDto>, ProblemHttpResult>> (string id, HttpContext http, UserManager<User> users,
            DocketDbContext db, Materials h, CancellationToken ct) =>
            await AsMember(http, users, db, ct, _ => h.GetAsync(id, ct))).RequireAuthorization(member);

        g.MapPost("/{id}/read", async Task<Results<Ok<ProgressDto>, ProblemHttpResult>> (string id, HttpContext http, UserManager<User> users,
            DocketDbContext db, Materials h, CancellationToken ct) =>
            await AsMember(http, users, db, ct, c => h.ReadAsync(c, id, ct))).RequireAuthorization(member);

        g.MapPost("/{id}/attempts", async Task<Results<Ok<AttemptResultDto>, ProblemHttpResult>> (string id, Materials.AttemptRequest? body,
            HttpContext http, UserManager<User> users, DocketDbContext db, Materials h, CancellationToken ct) =>
            await AsMember(http, users, db, ct, c => h.AttemptAsync(c, id, body, ct))).RequireAuthorization(member);

        g.MapPut("/{id}/printed-copies", async Task<Results<Ok<MaterialUnitDto>, ProblemHttpResult>> (string id, Materials.CopiesRequest? body,
            HttpContext http, UserManager<User> users, DocketDbContext db, Materials h, CancellationToken ct) =>
            await AsManager(http, users, db, ct, c => h.SetCopiesAsync(c, id, body, ct))).RequireAuthorization(manager);

        g.MapGet("/{id}/report", async Task<Results<Ok<MaterialReportDto>, ProblemHttpResult>> (string id, string? unitId, HttpContext http,
            UserManager<User> users, DocketDbContext db, Materials h, CancellationToken ct) =>
            await AsManager(http, users, db, ct, c => h.ReportAsync(c, id, unitId, ct))).RequireAuthorization(manager);
    }

    public sealed record CheckInRequest(string? Token);

    static async Task<Results<Ok<T>, ProblemHttpResult>> AsManager<T>(HttpContext http, UserManager<User> users, DocketDbContext db, CancellationToken ct,
        Func<OrgCaller, Task<Result<T>>> action)
    {
        var c = await OrgScope.ManagerAsync(users, db, http.User, ct);
        if (!c.IsOk) return c.Error!.ToProblem(http);
        return (await action(c.Value)).ToHttp(http);
    }

    static async Task<Results<Ok<T>, ProblemHttpResult>> AsMember<T>(HttpContext http, UserManager<User> users, DocketDbContext db, CancellationToken ct,
        Func<OrgCaller, Task<Result<T>>> action)
    {
        var c = await OrgScope.CallerAsync(users, db, http.User, ct);
        if (!c.IsOk) return c.Error!.ToProblem(http);
        return (await action(c.Value)).ToHttp(http);
    }
}
