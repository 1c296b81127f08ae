using Docket.Web.Features.Filings;
using Docket.Web.Features.Notices;
using Docket.Web.Features.Notifications;
using Docket.Web.Features.Review;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Fees;

/// <summary>
/// The competent court decides a pending judicial-aid application with reasons, once the fee is known and due:
/// a granted waiver → <c>waived</c>, reduction → <c>reduced</c> (<c>reducedAmount</c> still to pay), deferral →
/// <c>deferred</c> (due on <c>deferredUntil</c>); a refusal leaves the fee <c>due</c>. <c>deferredUntil</c> on a
/// refusal or a reduction sets a new due date (the old one may have passed while the application was pending).
/// </summary>
public sealed class DecideJudicialAid(DocketDbContext db, TimeProvider clock)
{
    public sealed record Request(bool? Granted, decimal? ReducedAmount, string? DeferredUntil, string? Reasons);

    public async Task<Result<FilingDto>> HandleAsync(Clerk clerk, string id, Request? request, CancellationToken ct)
    {
        var filing = await ReviewScope.Competent(db, clerk.CourtId).FirstOrDefaultAsync(f => f.Id == id, ct);
        if (filing is null) return Error.NotFound();
        var now = ChinaTime.UtcNow(clock);
        var today = ChinaTime.DateOf(now);

        var e = new FieldErrors();
        if (request?.Granted is null) e.Add("granted", "fee.aid-granted-required");
        var reasons = FeeFilings.CheckReasons(request?.Reasons, e);
        DateOnly? until = null;
        if (!string.IsNullOrWhiteSpace(request?.DeferredUntil))
        {
            until = FeeFilings.Date(request.DeferredUntil);
            if (until is not { } u || u <= today) e.Add("deferredUntil", "fee.aid-deferred-until-invalid");
        }
        long? reduced = null;
        if (request?.ReducedAmount is not null) reduced = FeeFilings.Fen(request.ReducedAmount, "reducedAmount", e, "fee.aid-reduced-amount-required");
        if (e.Any) return e.ToError();

        if (!filing.JudicialAidPending) return Error.Conflict("fee.aid-not-pending");
        if (filing.Status != FilingStatus.Registered || filing.FeeStatus != FeeStatuses.Due) return Error.InvalidTransition;
        var granted = request!.Granted!.Value;
        if (granted)
        {
            switch (filing.JudicialAidKind)
            {
                case JudicialAidKinds.Waiver when !filing.PlaintiffSideAllNaturalPersons:
                    return new Error(400, "fee.aid-waiver-natural-persons-only",
                        new Dictionary<string, string[]> { ["granted"] = ["fee.aid-waiver-natural-persons-only"] });
                case JudicialAidKinds.Reduction when reduced is null:
                    return Error.Validation("reducedAmount", "fee.aid-reduced-amount-required");
                case JudicialAidKinds.Reduction when reduced <= 0 || reduced >= filing.FeeAmountFen:
                    return Error.Validation("reducedAmount", "fee.aid-reduced-amount-invalid");
                case JudicialAidKinds.Deferral when until is null:
                    return Error.Validation("deferredUntil", "fee.aid-deferred-until-required");
            }
        }

        filing.DecideJudicialAid(clerk.Actor, granted, reduced, until, reasons, now);
        var (key, args) = filing.FeeStatus switch
        {
            FeeStatuses.Waived => ("notify.judicial-aid-waived", new[] { filing.CaseNumber! }),
            FeeStatuses.Reduced => ("notify.judicial-aid-reduced", new[] { filing.CaseNumber!, FeeFilings.Yuan(filing.FeeAmountFen!.Value), $"{filing.FeeDueDate:yyyy-MM-dd}" }),
            FeeStatuses.Deferred => ("notify.judicial-aid-deferred", new[] { filing.CaseNumber!, $"{filing.FeeDueDate:yyyy-MM-dd}" }),
            _ => ("notify.judicial-aid-refused", new[] { filing.CaseNumber!, reasons, FeeFilings.Yuan(filing.FeeAmountFen!.Value), $"{filing.FeeDueDate:yyyy-MM-dd}" }),
        };
        Outbox.Notify(db, filing.OwnerId, filing.Id, "judicial-aid-decided", key, now, args);
        // The fee notice follows the decision: a new one for what is left to pay, served like every notice.
        if (filing.FeeStatus is FeeStatuses.Reduced or FeeStatuses.Deferred)
        {
            var court = await db.Courts.FirstAsync(c => c.Id == filing.CourtId, ct);
            var note = filing.FeeStatus == FeeStatuses.Reduced
                ? $"经司法救助审查，准予减交诉讼费用，应交金额为 {FeeFilings.Yuan(filing.FeeAmountFen!.Value)} 元（诉讼费用交纳办法第四十四条至第五十一条）。"
                : $"经司法救助审查，准予缓交诉讼费用至 {filing.FeeDueDate:yyyy年M月d日}（诉讼费用交纳办法第四十四条至第五十一条）。";
            db.Notices.Add(NoticeIssuer.FeeAfterJudicialAid(filing, court, note, now));
        }
        await db.SaveChangesAsync(ct);
        return await FeeFilings.DtoAsync(db, filing, ct);
    }
}
