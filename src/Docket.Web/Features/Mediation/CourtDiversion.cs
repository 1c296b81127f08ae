using Docket.Web.Features.CaseNumbers;
using Docket.Web.Features.Calendar;
using Docket.Web.Features.Notifications;
using Docket.Web.Features.Filings;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Mediation;

/// <summary>
/// 诉前调解, the mediation side of a court's diversion (called by the review's divert handler inside its
/// transaction): the 民诉前调 number from the same gap-free allocator as case numbers, and the case in the room.
/// </summary>
public sealed class CourtDiversion(DocketDbContext db, NumberAllocator numbers, CalendarService calendar)
{
    public const string TypeCode = "民诉前调";

    public Task<MediationRoom?> RoomAsync(string roomId, CancellationToken ct) =>
        db.MediationRooms.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roomId, ct);

    /// <summary>Allocates the number; must be the first write of the caller's transaction (docs/adr/0003-numbering.md).</summary>
    public async Task<string> PreLitigationNumberAsync(string courtId, DateTime now, CancellationToken ct)
    {
        var year = ChinaTime.DateOf(now).Year;
        var sequence = await numbers.NextAsync(courtId, TypeCode, year, ct);
        var abbreviation = await db.Courts.Where(c => c.Id == courtId).Select(c => c.Abbreviation).FirstAsync(ct);
        return CaseNumberFormat.Format(year, abbreviation, TypeCode, sequence);
    }

    /// <summary>Opens the room's case for the diverted filing, in the caller's unit of work.</summary>
    public MediationCase Open(Filing filing, string roomId, string preLitigationNumber, Actor clerk, DateTime now)
    {
        var c = MediationCase.FromDiversion(filing, roomId, preLitigationNumber, clerk, now);
        db.MediationCases.Add(c);
        return c;
    }

    /// <summary>
    /// The court side of a closed case it diverted, in the caller's unit of work: an agreement settles the filing;
    /// anything else (failed, withdrawn, the 30 days passed) returns it to the court's queue as submitted, its
    /// submission date kept and the decision period restarting from the return (filing.md).
    /// </summary>
    public async Task EndAsync(MediationCase c, Actor actor, string returnNote, DateTime now, CancellationToken ct)
    {
        if (c.FilingId is not { } filingId) return;
        var filing = await db.Filings.Include(f => f.Documents).FirstOrDefaultAsync(f => f.Id == filingId, ct);
        if (filing is null || filing.Status != FilingStatus.DivertedToMediation) return;
        var room = await db.MediationRooms.Where(r => r.Id == c.RoomId).Select(r => r.Name).FirstAsync(ct);
        if (c.Status == MediationStatus.Agreement)
        {
            filing.SettleByMediation(actor, c.PreLitigationNumber, now);
            Outbox.Notify(db, filing.OwnerId, filing.Id, "mediation-settled", "notify.mediation-settled", now, room);
            return;
        }
        var days = CaseTypes.Find(filing.CaseType)!.DecisionDays;
        var deadline = (await calendar.GetAsync(ct)).Deadline(ChinaTime.DateOf(now), days).Deadline;
        filing.ReturnFromMediation(actor, deadline, returnNote, now);
        Outbox.Notify(db, filing.OwnerId, filing.Id, "mediation-failed", "notify.mediation-failed", now, room, $"{deadline:yyyy-MM-dd}");
    }
}
