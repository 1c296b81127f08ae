using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Screening;

/// <summary>An officer logs a follow-up (a visit, a talk) on an open dispute of their units.</summary>
public sealed class RecordDisputeAction(DocketDbContext db, TimeProvider clock)
{
    public sealed record Request(DateTimeOffset? At, string? Action, string? Notes);

    public async Task<Result<DisputeDto>> HandleAsync(ScreeningStaff officer, string id, Request? request, CancellationToken ct)
    {
        var d = await ScreeningScope.Visible(db, officer).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (d is null) return Error.NotFound();
        var now = ChinaTime.UtcNow(clock);
        var e = new FieldErrors();
        ScreeningRules.CheckActionTime(request?.At, now, e);
        var action = ScreeningRules.Text(request?.Action, "action", 200, "screening.action-required", e);
        var notes = (request?.Notes ?? "").Trim();
        if (notes.Length > 4000) e.Add("notes", "mediation.text-too-long");
        if (e.Any) return e.ToError();
        if (d.Status != DisputeStatus.Open) return Error.Conflict("screening.dispute-closed");
        d.AddAction(ChinaTime.TruncateToMicroseconds(request!.At!.Value.UtcDateTime), action, notes, officer.Actor, now);
        await db.SaveChangesAsync(ct);
        return DisputeDto.From(d, now);
    }
}
