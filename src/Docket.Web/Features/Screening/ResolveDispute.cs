using Docket.Web.Features.Accounts;
using Docket.Web.Features.Filings;
using Docket.Web.Features.Mediation;
using Docket.Web.Features.Notifications;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Screening;

/// <summary>
/// An open dispute ends one of three ways (mediation.md, "Dispute screening"): resolved on the spot; handed to a
/// mediation room, which opens a case there (<c>source: "screening"</c>); or referred to a court, which creates a
/// civil first-instance draft — parties and summary filled in — owned by the plaintiff-side party's account, found by
/// verified phone or created for that phone (the party signs in by SMS code and completes and submits it themselves).
/// The dispute, the case or draft and any new account are one commit.
/// </summary>
public sealed class ResolveDispute(DocketDbContext db, TimeProvider clock)
{
    public const string OnTheSpot = "on-the-spot";
    public const string ToMediation = "mediation";
    public const string ToCourt = "court";
    public const string ReferralCaseType = "civil-first-instance";

    public sealed record Request(string? How, string? MediationRoomId, string? CourtId, string? Notes);

    public async Task<Result<DisputeDto>> HandleAsync(ScreeningStaff officer, string id, Request? request, CancellationToken ct)
    {
        var d = await ScreeningScope.Visible(db, officer).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (d is null) return Error.NotFound();
        var e = new FieldErrors();
        var how = request?.How ?? "";
        if (how is not (OnTheSpot or ToMediation or ToCourt)) e.Add("how", "screening.how-invalid");
        var notes = (request?.Notes ?? "").Trim();
        if (how == OnTheSpot && notes.Length == 0) e.Add("notes", "screening.resolution-notes-required");
        if (notes.Length > 2000) e.Add("notes", "mediation.text-too-long");
        MediationRoom? room = null;
        Courts.Court? court = null;
        if (how == ToMediation)
        {
            var roomId = request!.MediationRoomId?.Trim();
            room = string.IsNullOrEmpty(roomId) ? null : await db.MediationRooms.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roomId, ct);
            if (room is null) e.Add("mediationRoomId", string.IsNullOrEmpty(roomId) ? "screening.room-required" : "screening.room-unknown");
        }
        Party? claimant = null;
        if (how == ToCourt)
        {
            var courtId = request!.CourtId?.Trim();
            court = string.IsNullOrEmpty(courtId) ? null : await db.Courts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == courtId, ct);
            if (court is null) e.Add("courtId", string.IsNullOrEmpty(courtId) ? "screening.court-required" : "screening.court-unknown");
            else if (!court.Policy.CaseTypes.Contains(ReferralCaseType)) e.Add("courtId", "screening.court-not-accepting");
            claimant = d.Parties.FirstOrDefault(p => p.Role == "plaintiff");
            // The draft goes to the party's phone: without a mobile number nobody could ever open it.
            if (claimant is null || SmsCodeRules.NormalizeMobile(claimant.Phone) is null) e.Add("parties", "screening.claimant-phone-required");
        }
        if (e.Any) return e.ToError();
        if (d.Status != DisputeStatus.Open) return Error.Conflict("screening.dispute-closed");

        var now = ChinaTime.UtcNow(clock);
        switch (how)
        {
            case OnTheSpot:
                d.ResolveOnTheSpot(notes, officer.Actor, now);
                break;
            case ToMediation:
                var c = MediationCase.Open(room!.Id, MediationSources.Screening, d.DisputeType, null, d.Summary,
                    [.. d.Parties.Select(p => p.Copy())], d.Id, officer.Actor, now);
                db.MediationCases.Add(c);
                d.HandToMediation(c.Id, notes, officer.Actor, now);
                break;
            default:
                var owner = await OwnerAsync(claimant!, SmsCodeRules.NormalizeMobile(claimant!.Phone)!, now, ct);
                var filing = Filing.Create(owner.Id, court!.Id, CaseTypes.Find(ReferralCaseType)!, null, officer.Actor, now);
                filing.Edit(Draft(d), now);
                db.Filings.Add(filing);
                d.ReferToCourt(court.Id, filing.Id, notes, officer.Actor, now);
                var unit = await db.OrgUnits.Where(u => u.Id == d.UnitId).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? d.UnitId;
                Outbox.Notify(db, owner.Id, filing.Id, "referral", "notify.dispute-referred", now, unit, court.Name);
                break;
        }
        await db.SaveChangesAsync(ct);
        return DisputeDto.From(d, now);
    }

    /// <summary>What the officer knows, for the party to complete: title, parties, the summary as facts; claims and cause are theirs.</summary>
    static Filing.Content Draft(Dispute d)
    {
        var plaintiffs = string.Join("、", d.Parties.Where(p => p.Role == "plaintiff").Select(p => p.Name));
        var defendants = string.Join("、", d.Parties.Where(p => p.Role == "defendant").Select(p => p.Name));
        var title = $"{plaintiffs}诉{defendants}纠纷";
        return new Filing.Content(title.Length > 200 ? title[..200] : title, "", "", null, [], d.Summary,
            [.. d.Parties.Select(p => p.Copy())], "party", null, false);
    }

    /// <summary>The party's own account with that phone verified; otherwise the account SMS sign-in would create for it.</summary>
    async Task<User> OwnerAsync(Party party, string phone, DateTime now, CancellationToken ct)
    {
        var found = await db.Users.Where(u => !u.CounterLitigant
                && ((u.PhoneNumber == phone && u.PhoneNumberConfirmed) || (u.ProfilePhone == phone && u.Verified)))
            .OrderBy(u => u.CreatedAt).FirstOrDefaultAsync(ct);
        if (found is not null) return found;
        var userName = "m" + phone;
        var user = new User
        {
            UserName = userName, NormalizedUserName = userName.ToUpperInvariant(), SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString(), PhoneNumber = phone, PhoneNumberConfirmed = true, ProfilePhone = phone,
            FullName = party.Name, LockoutEnabled = true, CreatedAt = now,
        };
        db.Users.Add(user);
        var filerRole = await db.Roles.Where(r => r.Name == Roles.Filer).Select(r => r.Id).FirstAsync(ct);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = filerRole });
        return user;
    }
}
