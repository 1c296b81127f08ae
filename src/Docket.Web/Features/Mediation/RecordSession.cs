using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Mediation;

/// <summary>A mediator records a session of an open case of their room: when, and what happened.</summary>
public sealed class RecordSession(DocketDbContext db, TimeProvider clock)
{
    public sealed record Request(DateTimeOffset? At, string? Notes);

    public async Task<Result<MediationCaseDto>> HandleAsync(MediationStaff mediator, string id, Request? request, CancellationToken ct)
    {
        var c = await MediationScope.Room(db, mediator).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return Error.NotFound();
        var now = ChinaTime.UtcNow(clock);
        var e = new FieldErrors();
        if (request?.At is not { } at) e.Add("at", "mediation.session-at-required");
        // A session is recorded when held (or shortly before, when scheduled the same day); not a year off either way.
        else if (at.UtcDateTime > now.AddDays(1) || at.UtcDateTime < now.AddYears(-1)) e.Add("at", "mediation.session-at-invalid");
        var notes = (request?.Notes ?? "").Trim();
        if (notes.Length == 0) e.Add("notes", "mediation.session-notes-required");
        else if (notes.Length > 4000) e.Add("notes", "mediation.text-too-long");
        if (e.Any) return e.ToError();
        if (c.Status != MediationStatus.Open) return Error.Conflict("mediation.case-closed");
        c.AddSession(ChinaTime.TruncateToMicroseconds(request!.At!.Value.UtcDateTime), notes, mediator.Actor, now);
        await db.SaveChangesAsync(ct);
        return MediationCaseDto.From(c, ChinaTime.DateOf(now));
    }
}
