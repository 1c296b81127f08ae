using Docket.Web.Features.Filings;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;

namespace Docket.Web.Features.Mediation;

/// <summary>
/// A mediator opens a case in their room: a walk-in dispute or one handed over from screening. Cases diverted by a
/// court open only through the court's diversion (<see cref="CourtDiversion"/>), which records the filing and number.
/// </summary>
public sealed class OpenCase(DocketDbContext db, TimeProvider clock)
{
    public sealed record Request(
        string? RoomId, string? Source, string? DisputeType, decimal? Amount, string? Summary, List<PartyDto?>? Parties, string? DisputeId,
        string? FilingId);

    public async Task<Result<MediationCaseDto>> HandleAsync(MediationStaff mediator, Request? request, CancellationToken ct)
    {
        if (request is null) return Error.BadRequest("request.malformed");
        var e = new FieldErrors();
        var room = string.IsNullOrWhiteSpace(request.RoomId) ? mediator.RoomId! : request.RoomId.Trim();
        // Rooms are public: naming another room reveals nothing, so it is a field error, not a 404.
        if (room != mediator.RoomId) e.Add("roomId", "mediation.room-not-yours");
        var source = request.Source ?? "";
        if (source == MediationSources.CourtDiversion) e.Add("source", "mediation.source-court-only");
        else if (!MediationSources.All.Contains(source)) e.Add("source", "mediation.source-invalid");
        if (request.FilingId is { Length: > 0 }) e.Add("filingId", "mediation.filing-by-court-only");
        if (request.DisputeType is null || !DisputeTypes.All.Contains(request.DisputeType)) e.Add("disputeType", "mediation.dispute-type-invalid");
        var amount = MediationRules.AmountFen(request.Amount, "amount", e, required: false);
        var summary = (request.Summary ?? "").Trim();
        if (summary.Length == 0) e.Add("summary", "mediation.summary-required");
        else if (summary.Length > 4000) e.Add("summary", "mediation.text-too-long");
        var disputeId = string.IsNullOrWhiteSpace(request.DisputeId) ? null : request.DisputeId.Trim();
        if (disputeId is { Length: > 64 }) e.Add("disputeId", "mediation.dispute-id-invalid");
        var parties = MediationRules.Parties(request.Parties, e);
        if (e.Any) return e.ToError();

        var now = ChinaTime.UtcNow(clock);
        var c = MediationCase.Open(room, source, request.DisputeType!, amount, summary, parties, disputeId, mediator.Actor, now);
        db.MediationCases.Add(c);
        await db.SaveChangesAsync(ct);
        return MediationCaseDto.From(c, ChinaTime.DateOf(now));
    }
}
