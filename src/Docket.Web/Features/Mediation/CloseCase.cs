using Docket.Web.Features.Filings;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Mediation;

/// <summary>
/// The mediator closes a case: an agreement (with all its contents, 人民调解法 Art. 29), failed or withdrawn. A case
/// a court diverted moves its filing in the same commit: an agreement settles it; anything else returns it to the
/// court's queue as submitted (a withdrawn mediation counts as failed for the filing, api.md).
/// </summary>
public sealed class CloseCase(DocketDbContext db, CourtDiversion diversion, TimeProvider clock)
{
    public sealed record AgreementRequest(string? Facts, string? Terms, string? Performance, decimal? Amount);
    public sealed record Request(string? Outcome, AgreementRequest? Agreement);

    public async Task<Result<MediationCaseDto>> HandleAsync(MediationStaff mediator, string id, Request? request, CancellationToken ct)
    {
        var c = await MediationScope.Room(db, mediator).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return Error.NotFound();
        var outcome = request?.Outcome ?? "";
        if (!MediationStatus.Outcomes.Contains(outcome)) return Error.Validation("outcome", "mediation.outcome-invalid");
        MediationRules.Agreement? agreement = null;
        if (outcome == MediationStatus.Agreement)
        {
            var a = request!.Agreement;
            var checkedAgreement = MediationRules.CheckAgreement(a?.Facts, a?.Terms, a?.Performance, a?.Amount);
            if (!checkedAgreement.IsOk) return checkedAgreement.Error!;
            agreement = checkedAgreement.Value;
        }
        if (c.Status != MediationStatus.Open) return Error.Conflict("mediation.case-closed");

        var now = ChinaTime.UtcNow(clock);
        var today = ChinaTime.DateOf(now);
        c.Close(outcome, agreement, mediator.Actor, now, today);
        await diversion.EndAsync(c, mediator.Actor, outcome == MediationStatus.Withdrawn ? "调解撤回" : "调解不成", now, ct);
        await db.SaveChangesAsync(ct);
        return MediationCaseDto.From(c, today);
    }
}
