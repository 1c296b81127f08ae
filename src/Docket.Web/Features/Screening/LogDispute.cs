using Docket.Web.Features.Filings;
using Docket.Web.Features.Mediation;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;

namespace Docket.Web.Features.Screening;

/// <summary>An officer logs a dispute found in screening, for their own unit or one below it.</summary>
public sealed class LogDispute(DocketDbContext db, TimeProvider clock)
{
    public sealed record Request(string? UnitId, string? DisputeType, string? Location, string? RiskLevel, string? Summary, List<PartyDto?>? Parties);

    public async Task<Result<DisputeDto>> HandleAsync(ScreeningStaff officer, Request? request, CancellationToken ct)
    {
        if (request is null) return Error.BadRequest("request.malformed");
        var e = new FieldErrors();
        var unit = string.IsNullOrWhiteSpace(request.UnitId) ? officer.User.UnitId! : request.UnitId.Trim();
        // The unit tree is public knowledge; naming a unit not one's own is a field error.
        if (!officer.Sees(unit)) e.Add("unitId", "screening.unit-not-yours");
        if (request.DisputeType is null || !DisputeTypes.All.Contains(request.DisputeType)) e.Add("disputeType", "mediation.dispute-type-invalid");
        if (request.RiskLevel is null || !RiskLevels.All.Contains(request.RiskLevel)) e.Add("riskLevel", "screening.risk-invalid");
        var location = ScreeningRules.Text(request.Location, "location", 200, "screening.location-required", e);
        var summary = ScreeningRules.Text(request.Summary, "summary", 4000, "mediation.summary-required", e);
        var parties = MediationRules.Parties(request.Parties, e);
        if (e.Any) return e.ToError();

        var now = ChinaTime.UtcNow(clock);
        var d = Dispute.Log(unit, request.DisputeType!, location, request.RiskLevel!, summary, parties, officer.Actor, now);
        db.Disputes.Add(d);
        await db.SaveChangesAsync(ct);
        return DisputeDto.From(d, now);
    }
}
