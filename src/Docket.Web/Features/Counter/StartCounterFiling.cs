using Docket.Web.Features.Accounts;
using Docket.Web.Features.Filings;
using Docket.Web.Features.Review;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Counter;

/// <summary>
/// 代为录入 (cross-region.md, step 1): at the counter a clerk checks a walk-in litigant's ID in person and starts a
/// draft on their behalf. The litigant gets a counter account (no password, never signs in) that owns the filing
/// until they attach it to their own account with the claim code; the filing records who entered it. When the
/// competent court is another court, the counter's court is the cooperating court.
/// </summary>
public sealed class StartCounterFiling(DocketDbContext db, TimeProvider clock)
{
    public sealed record Litigant(string? Name, string? IdType, string? IdNumber, string? Phone, string? PostalAddress, bool? ElectronicServiceConsent);
    public sealed record Request(string? CourtId, string? CaseType, bool? IdentityChecked, Litigant? Litigant);

    public async Task<Result<FilingDto>> HandleAsync(Clerk clerk, Request? request, CancellationToken ct)
    {
        if (request is null) return Error.BadRequest("request.malformed");
        var e = new FieldErrors();
        if (request.IdentityChecked != true) e.Add("identityChecked", "counter.identity-not-checked");
        var l = request.Litigant ?? new Litigant(null, null, null, null, null, null);
        var idType = string.IsNullOrWhiteSpace(l.IdType) ? "resident-id" : l.IdType.Trim();
        foreach (var (field, codes) in AccountRules.ValidateProfile(new ProfileRequest(l.Name, idType, l.IdNumber, l.Phone)).Fields)
            foreach (var code in codes) e.Add("litigant." + (field == "fullName" ? "name" : field), code);
        var mobile = SmsCodeRules.NormalizeMobile(l.Phone);
        if (AccountRules.IsPhone(l.Phone) && mobile is null) e.Add("litigant.phone", "counter.mobile-required");
        if (string.IsNullOrWhiteSpace(l.PostalAddress)) e.Add("litigant.postalAddress", "service-address.postal-address-required");
        else if (l.PostalAddress.Trim().Length > 300) e.Add("litigant.postalAddress", "service-address.postal-address-too-long");
        if (l.ElectronicServiceConsent is null) e.Add("litigant.electronicServiceConsent", "service-address.consent-required");

        var caseType = CaseTypes.Find(request.CaseType);
        var court = string.IsNullOrWhiteSpace(request.CourtId) ? null
            : await db.Courts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == request.CourtId, ct);
        if (court is null) e.Add("courtId", "court.unknown");
        if (caseType is null) e.Add("caseType", "filing.case-type-unknown");
        else if (court is not null && !court.Policy.CaseTypes.Contains(caseType.Code)) e.Add("caseType", "filing.case-type-not-accepted");
        if (court is not null && caseType is not null && court.Id != clerk.CourtId)
        {
            // Another court's case: this counter cooperates, so its court must take cross-region filings of this type.
            var counter = await db.Courts.AsNoTracking().FirstAsync(c => c.Id == clerk.CourtId, ct);
            if (!counter.Policy.CrossRegionAccepts || !counter.Policy.CrossRegionCaseTypes.Contains(caseType.Code))
                e.Add("courtId", "filing.cross-region-not-accepted");
        }
        if (e.Any) return e.ToError();

        var now = ChinaTime.UtcNow(clock);
        var idNumber = idType == "resident-id" ? IdentityNumbers.Normalize(l.IdNumber!) : l.IdNumber!.Trim();
        var litigant = User.NewCounterLitigant("counter", now);
        litigant.FullName = l.Name!.Trim();
        litigant.IdType = idType;
        litigant.IdNumber = idNumber;
        litigant.ProfilePhone = mobile;
        // Checked in person at the counter against the ID document (the clerk confirmed it above).
        litigant.Verified = true;
        litigant.VerifiedAt = now;
        litigant.ElectronicServiceConsent = l.ElectronicServiceConsent;
        litigant.ServicePhone = mobile;
        litigant.PostalAddress = l.PostalAddress!.Trim();
        litigant.ServiceAddressConfirmedAt = now;
        db.Users.Add(litigant);
        db.ServiceAddressHistory.Add(new ServiceAddressRecord
        {
            Id = Filing.NewId(), UserId = litigant.Id, ElectronicConsent = l.ElectronicServiceConsent == true, Phone = mobile!,
            PostalAddress = litigant.PostalAddress, ConfirmedAt = now,
        });
        var party = new Party
        {
            Role = "plaintiff", Kind = "person", Name = litigant.FullName, IdType = idType, IdNumber = idNumber, Phone = mobile,
            Address = litigant.PostalAddress,
        };
        var filing = Filing.CreateAtCounter(litigant.Id, court!.Id, caseType!, clerk.CourtId, clerk.Actor, party, now);
        db.Filings.Add(filing);
        await db.SaveChangesAsync(ct);
        return FilingDto.From(filing);
    }
}
