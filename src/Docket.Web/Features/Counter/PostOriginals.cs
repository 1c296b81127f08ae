using System.Text.RegularExpressions;
using Docket.Web.Features.Filings;
using Docket.Web.Features.Review;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Counter;

/// <summary>
/// The cooperating court records the paper originals it posts to the competent court, with the tracking number
/// (cross-region.md, step 5). Several parcels may be recorded; each is shown to both courts and the filer.
/// </summary>
public sealed partial class PostOriginals(DocketDbContext db, TimeProvider clock)
{
    public sealed record Request(string? Carrier, string? TrackingNumber, DateTimeOffset? PostedAt);

    [GeneratedRegex("^[A-Za-z0-9-]{6,40}$")]
    private static partial Regex TrackingNumberRegex();

    public async Task<Result<PostedOriginalsDto>> HandleAsync(Clerk clerk, string id, Request? request, CancellationToken ct)
    {
        var filing = await ReviewScope.Visible(db, clerk.CourtId).FirstOrDefaultAsync(f => f.Id == id, ct);
        if (filing is null) return Error.NotFound();
        // Only the court that received the papers posts them on; the competent court already has what it holds.
        if (filing.CooperatingCourtId != clerk.CourtId) return Error.Conflict("counter.originals-not-cooperating");
        if (request is null) return Error.BadRequest("request.malformed");
        var now = ChinaTime.UtcNow(clock);
        var e = new FieldErrors();
        var carrier = request.Carrier?.Trim() ?? "";
        if (carrier.Length is 0 or > 50) e.Add("carrier", "counter.carrier-required");
        var tracking = request.TrackingNumber?.Trim().ToUpperInvariant() ?? "";
        if (!TrackingNumberRegex().IsMatch(tracking)) e.Add("trackingNumber", "counter.tracking-number-invalid");
        var postedAt = request.PostedAt?.UtcDateTime ?? now;
        if (postedAt > now.AddMinutes(5) || postedAt < filing.FirstSubmittedAt!.Value.AddDays(-1)) e.Add("postedAt", "counter.posted-at-invalid");
        if (!e.Any && filing.Originals.Any(o => o.TrackingNumber == tracking)) e.Add("trackingNumber", "counter.tracking-number-duplicate");
        if (e.Any) return e.ToError();
        var p = filing.RecordOriginalsPosted(carrier, tracking, postedAt, clerk.Actor, now);
        await db.SaveChangesAsync(ct);
        return new PostedOriginalsDto(p.Carrier, p.TrackingNumber, ChinaTime.ToOffset(p.PostedAt), p.RecordedByName, ChinaTime.ToOffset(p.RecordedAt));
    }
}
