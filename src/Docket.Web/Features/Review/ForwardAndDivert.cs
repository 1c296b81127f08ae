using Docket.Web.Features.Filings;
using Docket.Web.Features.Notifications;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Review;

/// <summary>Cross-region: the cooperating court forwards a verified filing to the competent court (no claim needed).</summary>
public sealed class ForwardFiling(DocketDbContext db, TimeProvider clock)
{
    public async Task<Result<FilingDto>> HandleAsync(Clerk clerk, string id, CancellationToken ct)
    {
        var filing = await ReviewScope.Visible(db, clerk.CourtId).Include(f => f.Documents).FirstOrDefaultAsync(f => f.Id == id, ct);
        if (filing is null) return Error.NotFound();
        if (filing.CooperatingCourtId != clerk.CourtId) return Error.InvalidTransition;
        var now = ChinaTime.UtcNow(clock);
        filing.Forward(clerk.Actor, now);
        var court = await db.Courts.Where(c => c.Id == filing.CourtId).Select(c => c.Name).FirstAsync(ct);
        Outbox.Notify(db, filing.OwnerId, filing.Id, "forwarded", "notify.forwarded", now, court);
        await db.SaveChangesAsync(ct);
        return FilingDto.From(filing);
    }
}

/// <summary>诉前调解: with the filer's consent the clerk diverts the filing to a mediation room.</summary>
public sealed class DivertToMediation(DocketDbContext db, Mediation.CourtDiversion mediation, TimeProvider clock)
{
    public sealed record Request(string? MediationRoomId, bool? FilerConsent);

    public async Task<Result<FilingDto>> HandleAsync(Clerk clerk, string id, Request? request, CancellationToken ct)
    {
        var filing = await ReviewScope.Competent(db, clerk.CourtId).FirstOrDefaultAsync(f => f.Id == id, ct);
        if (filing is null) return Error.NotFound();
        var e = new FieldErrors();
        var room = request?.MediationRoomId?.Trim() ?? "";
        if (room.Length is 0 or > 64) e.Add("mediationRoomId", "review.mediation-room-required");
        if (request?.FilerConsent != true) e.Add("filerConsent", "review.filer-consent-required");
        if (e.Any) return e.ToError();
        var known = await mediation.RoomAsync(room, ct);
        if (known is null)
            return new Error(400, "review.mediation-room-unknown", new Dictionary<string, string[]> { ["mediationRoomId"] = ["review.mediation-room-unknown"] });
        var now = ChinaTime.UtcNow(clock);
        // The 民诉前调 number is allocated in the transaction of the diversion: a refused diversion consumes none.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var number = await mediation.PreLitigationNumberAsync(filing.CourtId, now, ct);
        filing.DivertToMediation(clerk.Actor, room, now, number);
        mediation.Open(filing, room, number, clerk.Actor, now);
        Outbox.Notify(db, filing.OwnerId, filing.Id, "diverted-to-mediation", "notify.diverted", now, known.Name);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return FilingDto.From(filing);
    }
}
