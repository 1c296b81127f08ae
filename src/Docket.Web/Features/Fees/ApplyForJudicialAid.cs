using Docket.Web.Features.Accounts;
using Docket.Web.Features.Filings;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Fees;

/// <summary>
/// 司法救助 (fee measures Arts. 44–51): the filer applies for a waiver (natural persons only), a reduction or a
/// deferral, with reasons; evidence goes up as documents of kind <c>other</c> while the application is pending.
/// At filing it is stored and decided once the fee is known (at or after registration); after registration only
/// while the fee is due.
/// </summary>
public sealed class ApplyForJudicialAid(DocketDbContext db, TimeProvider clock)
{
    public sealed record Request(string? Kind, string? Reasons);

    public async Task<Result<JudicialAidDto>> HandleAsync(User filer, string id, Request? request, CancellationToken ct)
    {
        var filing = await FilingQueries.Owned(db, id, filer.Id).FirstOrDefaultAsync(ct);
        if (filing is null) return Error.NotFound();
        var e = new FieldErrors();
        var kind = request?.Kind?.Trim() ?? "";
        if (!JudicialAidKinds.All.Contains(kind)) e.Add("kind", "fee.aid-kind-invalid");
        var reasons = FeeFilings.CheckReasons(request?.Reasons, e);
        if (e.Any) return e.ToError();
        if (kind == JudicialAidKinds.Waiver && !filing.PlaintiffSideAllNaturalPersons)
            return new Error(400, "fee.aid-waiver-natural-persons-only",
                new Dictionary<string, string[]> { ["kind"] = ["fee.aid-waiver-natural-persons-only"] });
        if (filing.JudicialAidPending) return Error.Conflict("fee.aid-pending");
        if (!filing.MayApplyForJudicialAid) return Error.InvalidTransition;

        filing.ApplyForJudicialAid(filer.Actor(Roles.Filer), kind, reasons, ChinaTime.UtcNow(clock));
        await db.SaveChangesAsync(ct);
        return JudicialAidDto.From(filing)!;
    }
}
