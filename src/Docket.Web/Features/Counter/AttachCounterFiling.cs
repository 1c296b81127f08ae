using Docket.Web.Features.Accounts;
using Docket.Web.Features.Filings;
using Docket.Web.Features.Notifications;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Counter;

public sealed record ClaimStartedDto(string Phone, int ExpiresInSeconds);

/// <summary>
/// A litigant attaches a filing entered for them at a counter to their own account (cross-region.md, step 4): the
/// printed one-time claim code, then an SMS code sent to the phone the clerk recorded. Both are needed — an ID
/// number and a phone number alone never are, and nothing here answers whether a filing exists for them.
/// </summary>
public sealed class AttachCounterFiling(DocketDbContext db, SmsCodes sms, TimeProvider clock)
{
    public const string SmsPurpose = "claim-filing";

    public sealed record StartRequest(string? ClaimCode);
    public sealed record ConfirmRequest(string? ClaimCode, string? SmsCode);

    /// <summary>Step 1: a live claim code → an SMS code to the counter phone (masked in the answer).</summary>
    public async Task<Result<ClaimStartedDto>> StartAsync(StartRequest? request, string? clientAddress, CancellationToken ct)
    {
        var now = ChinaTime.UtcNow(clock);
        var code = await ClaimCodeQueries.LiveAsync(db, request?.ClaimCode, now, ct);
        if (code is null) return Error.Validation("claimCode", "counter.claim-code-invalid");
        var phone = await PhoneAsync(code.FilingId, ct);
        if (phone is null) return Error.Validation("claimCode", "counter.claim-code-invalid");
        var sent = await sms.IssueAsync(phone, SmsPurpose, clientAddress, send: true, ct);
        if (!sent.IsOk) return sent.Error!;
        return new ClaimStartedDto(ClaimCodeRules.MaskPhone(phone), (int)sent.Value.TotalSeconds);
    }

    /// <summary>Step 2: claim code and SMS code → the filing moves to the caller's account; the claim code is used up.</summary>
    public async Task<Result<FilingDto>> ConfirmAsync(User user, ConfirmRequest? request, CancellationToken ct)
    {
        var now = ChinaTime.UtcNow(clock);
        var code = await ClaimCodeQueries.LiveAsync(db, request?.ClaimCode, now, ct);
        if (code is null) return Error.Validation("claimCode", "counter.claim-code-invalid");
        var phone = await PhoneAsync(code.FilingId, ct);
        if (phone is null) return Error.Validation("claimCode", "counter.claim-code-invalid");
        var verified = await sms.VerifyAsync(phone, SmsPurpose, request?.SmsCode, ct);
        if (!verified.IsOk) return verified.Error!;

        // Used once: the conditional update decides between two racing claims.
        var used = await db.ClaimCodes.Where(c => c.Id == code.Id && c.UsedAt == null && c.VoidedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now).SetProperty(c => c.UsedById, user.Id), ct);
        if (used != 1) return Error.Validation("claimCode", "counter.claim-code-invalid");
        var filing = await db.Filings.Include(f => f.Documents).FirstAsync(f => f.Id == code.FilingId, ct);
        filing.AttachTo(user.Id, now);
        await db.ClaimCodes.Where(c => c.FilingId == filing.Id && c.UsedAt == null && c.VoidedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.VoidedAt, now), ct);
        Outbox.Notify(db, user.Id, filing.Id, "attached", "notify.counter-attached", now, filing.Title);
        await db.SaveChangesAsync(ct);
        return FilingDto.From(filing);
    }

    /// <summary>The counter phone of a filing still held by its counter account; null once attached.</summary>
    async Task<string?> PhoneAsync(string filingId, CancellationToken ct) =>
        await (from f in db.Filings
               join u in db.Users on f.OwnerId equals u.Id
               where f.Id == filingId && f.AttachedAt == null && u.CounterLitigant
               select u.ProfilePhone).FirstOrDefaultAsync(ct);
}
