using Docket.Web.Features.Accounts;
using Docket.Web.Features.Filings;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Organisation;

public sealed record OrgUnitDto(string Id, string Name, string? ParentId, string Kind, int OfficerCount);

public sealed record OfficerDto(string Id, string Name, string UnitId);

/// <summary>The organisation tree and the officers' rolls (api.md, "Staff education"), scoped by <see cref="OrgScope"/>.</summary>
public static class OrganisationModule
{
    /// <summary>Officers, unit admins, committee admins and admins, with the bearer scheme.</summary>
    public const string MemberPolicy = "org-member";

    /// <summary>Unit admins, committee admins and admins.</summary>
    public const string ManagerPolicy = "org-manager";

    public static IServiceCollection AddOrganisation(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(MemberPolicy, p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme)
                .RequireRole(Roles.Officer, Roles.UnitAdmin, Roles.CommitteeAdmin, Roles.Admin))
            .AddPolicy(ManagerPolicy, p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme)
                .RequireRole(Roles.UnitAdmin, Roles.CommitteeAdmin, Roles.Admin));
        services.AddScoped<ImportOfficers>();
        services.AddScoped<LinkOfficerAccount>();
        return services;
    }

    public static void MapOrganisationApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/org").WithTags("Organisation");

        g.MapGet("/units", async Task<Results<Ok<List<OrgUnitDto>>, ProblemHttpResult>> (HttpContext http, UserManager<User> users,
            DocketDbContext db, CancellationToken ct) =>
        {
            var c = await OrgScope.CallerAsync(users, db, http.User, ct);
            if (!c.IsOk) return c.Error!.ToProblem(http);
            return TypedResults.Ok(OrgTree.Ordered(c.Value.Units, c.Value.Visible)
                .Select(u => new OrgUnitDto(u.Id, u.Name, u.ParentId, u.Kind, u.OfficerCount)).ToList());
        }).RequireAuthorization(MemberPolicy);

        g.MapGet("/units/{id}/officers", async Task<Results<Ok<Page<OfficerDto>>, ProblemHttpResult>> (string id, int? page, int? pageSize,
            HttpContext http, UserManager<User> users, DocketDbContext db, CancellationToken ct) =>
        {
            var c = await OrgScope.ManagerAsync(users, db, http.User, ct);
            if (!c.IsOk) return c.Error!.ToProblem(http);
            if (!c.Value.Sees(id)) return Error.NotFound().ToProblem(http);
            var p = Math.Max(page ?? 1, 1);
            var size = Math.Clamp(pageSize ?? 20, 1, 100);
            var q = db.Officers.AsNoTracking().Where(o => o.UnitId == id);
            var total = await q.CountAsync(ct);
            var items = await q.OrderBy(o => o.Id).Skip((p - 1) * size).Take(size).Select(o => new OfficerDto(o.Id, o.Name, o.UnitId)).ToListAsync(ct);
            return TypedResults.Ok(new Page<OfficerDto>(total, items));
        }).RequireAuthorization(ManagerPolicy);

        g.MapPut("/officers/{id}/account", async Task<Results<Ok<LinkedOfficerDto>, ProblemHttpResult>> (string id, LinkOfficerAccount.Request? body,
            HttpContext http, UserManager<User> users, DocketDbContext db, LinkOfficerAccount h, CancellationToken ct) =>
        {
            var c = await OrgScope.ManagerAsync(users, db, http.User, ct);
            if (!c.IsOk) return c.Error!.ToProblem(http);
            return (await h.HandleAsync(c.Value, id, body, ct)).ToHttp(http);
        }).RequireAuthorization(ManagerPolicy);

        g.MapPost("/units/{id}/officers/import", async Task<Results<Ok<OfficerImportDto>, ProblemHttpResult>> (string id, HttpContext http,
            UserManager<User> users, DocketDbContext db, ImportOfficers h, CancellationToken ct) =>
        {
            var c = await OrgScope.ManagerAsync(users, db, http.User, ct);
            if (!c.IsOk) return c.Error!.ToProblem(http);
            return (await h.HandleAsync(c.Value, id, http.Request, ct)).ToHttp(http);
        }).Accepts<IFormFile>("multipart/form-data").DisableAntiforgery().RequireAuthorization(ManagerPolicy);
    }
}
