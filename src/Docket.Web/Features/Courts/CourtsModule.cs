using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Courts;

public sealed record CourtDto(string Id, string Name, string NameEn, string Abbreviation, string Level, string? ParentId, string Province);
public sealed record CrossRegionPolicyDto(bool Accepts, IReadOnlyList<string> CaseTypes);
public sealed record PolicyDto(
    string CourtId, IReadOnlyList<string> CaseTypes, long MaxDocumentBytes, long MaxFilingBytes,
    IReadOnlyList<string> AcceptedMediaTypes, int CorrectionDays, CrossRegionPolicyDto CrossRegion);

public static class CourtsModule
{
    public static void MapCourtsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/courts").WithTags("Courts").AllowAnonymous();
        g.MapGet("", async (DocketDbContext db, CancellationToken ct) => TypedResults.Ok(await ListAsync(db, ct)));
        g.MapGet("/{id}/policy", async Task<Results<Ok<PolicyDto>, ProblemHttpResult>> (string id, DocketDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var court = await db.Courts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
            return court is null ? Error.NotFound("court.not-found").ToProblem(http) : TypedResults.Ok(ToPolicy(court));
        });
    }

    public static async Task<List<CourtDto>> ListAsync(DocketDbContext db, CancellationToken ct) =>
        await db.Courts.AsNoTracking().OrderBy(c => c.Province == "甘肃省" ? 0 : 1).ThenBy(c => c.Id)
            .Select(c => new CourtDto(c.Id, c.Name, c.NameEn, c.Abbreviation, c.Level, c.ParentId, c.Province))
            .ToListAsync(ct);

    public static PolicyDto ToPolicy(Court c) => new(
        c.Id, c.Policy.CaseTypes, c.Policy.MaxDocumentBytes, c.Policy.MaxFilingBytes, c.Policy.AcceptedMediaTypes,
        c.Policy.CorrectionDays, new CrossRegionPolicyDto(c.Policy.CrossRegionAccepts, c.Policy.CrossRegionCaseTypes));
}
