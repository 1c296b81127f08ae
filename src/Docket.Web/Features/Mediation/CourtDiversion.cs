using Docket.Web.Features.CaseNumbers;
using Docket.Web.Features.Filings;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Mediation;

/// <summary>
/// 诉前调解, the mediation side of a court's diversion (called by the review's divert handler inside its
/// transaction): the 民诉前调 number from the same gap-free allocator as case numbers, and the case in the room.
/// </summary>
public sealed class CourtDiversion(DocketDbContext db, NumberAllocator numbers)
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
}
