using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Mediation;

/// <summary>The parties' satisfaction with a closed case: a 1–5 rating, a comment, a thank-you banner (锦旗).</summary>
public sealed class RecordFeedback(DocketDbContext db, TimeProvider clock)
{
    public sealed record Request(int? Rating, string? Comment, bool? Banner);

    public async Task<Result<MediationCaseDto>> HandleAsync(MediationStaff mediator, string id, Request? request, CancellationToken ct)
    {
        var c = await MediationScope.Room(db, mediator).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return Error.NotFound();
        var e = new FieldErrors();
        if (request?.Rating is not (>= 1 and <= 5)) e.Add("rating", "mediation.rating-invalid");
        var comment = string.IsNullOrWhiteSpace(request?.Comment) ? null : request.Comment.Trim();
        if (comment is { Length: > 1000 }) e.Add("comment", "mediation.text-too-long");
        if (e.Any) return e.ToError();
        if (c.Status == MediationStatus.Open) return Error.Conflict("mediation.case-open");
        var now = ChinaTime.UtcNow(clock);
        c.RecordFeedback(request!.Rating!.Value, comment, request.Banner, now);
        await db.SaveChangesAsync(ct);
        return MediationCaseDto.From(c, ChinaTime.DateOf(now));
    }
}
