using System.Text.RegularExpressions;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Courts.Admin;

public sealed record PayeeDto(string? Name, string? Bank, string? Account);

/// <summary>What a court admin sees and edits of their court.</summary>
public sealed record CourtSettingsDto(
    string CourtId, string Name, string Abbreviation, PolicyDto Policy, PayeeDto Payee, string? FilingOfficePhone, string? Address,
    string? SealSha256);

/// <summary>
/// A court's filing policy (which case types it takes online, size limits, correction period, cross-region
/// acceptance) and its contact data printed on notices: payee account (fee measures Art. 22), filing-office
/// phone and address. Field errors use the API's field names.
/// </summary>
public sealed partial class UpdateCourtSettings(DocketDbContext db)
{
    public const long MiB = 1024 * 1024;
    public const long MaxDocumentLimit = 1024 * MiB;
    public const long MaxFilingLimit = 10 * 1024 * MiB;
    public const int MaxCorrectionDays = 90;

    public sealed record PolicyRequest(
        List<string?>? CaseTypes, long? MaxDocumentBytes, long? MaxFilingBytes, int? CorrectionDays, bool? CrossRegionAccepts,
        List<string?>? CrossRegionCaseTypes);

    public sealed record ContactRequest(string? PayeeName, string? PayeeBank, string? PayeeAccount, string? FilingOfficePhone, string? Address);

    public async Task<Result<CourtSettingsDto>> GetAsync(CourtManager manager, string courtId, CancellationToken ct)
    {
        var court = await CourtAdminScope.Courts(db, manager).AsNoTracking().FirstOrDefaultAsync(c => c.Id == courtId, ct);
        return court is null ? Error.NotFound("court.not-found") : ToDto(court);
    }

    public async Task<Result<CourtSettingsDto>> UpdatePolicyAsync(CourtManager manager, string courtId, PolicyRequest? request, CancellationToken ct)
    {
        var court = await CourtAdminScope.Courts(db, manager).FirstOrDefaultAsync(c => c.Id == courtId, ct);
        if (court is null) return Error.NotFound("court.not-found");

        var e = new FieldErrors();
        var types = Distinct(request?.CaseTypes);
        if (types.Count == 0) e.Add("caseTypes", "court.case-types-required");
        else if (types.Any(t => Filings.CaseTypes.Find(t) is null)) e.Add("caseTypes", "filing.case-type-unknown");
        var crossTypes = Distinct(request?.CrossRegionCaseTypes);
        if (crossTypes.Any(t => Filings.CaseTypes.Find(t) is null)) e.Add("crossRegion.caseTypes", "filing.case-type-unknown");
        var maxDocument = request?.MaxDocumentBytes ?? court.Policy.MaxDocumentBytes;
        var maxFiling = request?.MaxFilingBytes ?? court.Policy.MaxFilingBytes;
        if (maxDocument is < MiB or > MaxDocumentLimit) e.Add("maxDocumentBytes", "court.max-document-bytes-invalid");
        if (maxFiling is < MiB or > MaxFilingLimit) e.Add("maxFilingBytes", "court.max-filing-bytes-invalid");
        else if (maxFiling < maxDocument) e.Add("maxFilingBytes", "court.max-filing-below-document");
        var days = request?.CorrectionDays ?? court.Policy.CorrectionDays;
        if (days is < 1 or > MaxCorrectionDays) e.Add("correctionDays", "court.correction-days-invalid");
        if (e.Any) return e.ToError();

        // Keep the order of the case-type table, whatever order the form or client sent.
        court.Policy = new CourtPolicy
        {
            CaseTypes = [.. Filings.CaseTypes.All.Select(t => t.Code).Where(types.Contains)],
            MaxDocumentBytes = maxDocument,
            MaxFilingBytes = maxFiling,
            AcceptedMediaTypes = [.. court.Policy.AcceptedMediaTypes],
            CorrectionDays = days,
            CrossRegionAccepts = request?.CrossRegionAccepts ?? court.Policy.CrossRegionAccepts,
            CrossRegionCaseTypes = [.. Filings.CaseTypes.All.Select(t => t.Code).Where(crossTypes.Contains)],
        };
        await db.SaveChangesAsync(ct);
        return ToDto(court);
    }

    public async Task<Result<CourtSettingsDto>> UpdateContactAsync(CourtManager manager, string courtId, ContactRequest? request, CancellationToken ct)
    {
        var court = await CourtAdminScope.Courts(db, manager).FirstOrDefaultAsync(c => c.Id == courtId, ct);
        if (court is null) return Error.NotFound("court.not-found");

        var e = new FieldErrors();
        var payeeName = Clean(request?.PayeeName);
        var payeeBank = Clean(request?.PayeeBank);
        var payeeAccount = Clean(request?.PayeeAccount);
        var phone = Clean(request?.FilingOfficePhone);
        var address = Clean(request?.Address);
        if (payeeName is { Length: > 200 }) e.Add("payeeName", "court.payee-name-too-long");
        if (payeeBank is { Length: > 200 }) e.Add("payeeBank", "court.payee-bank-too-long");
        if (payeeAccount is not null && !AccountRegex().IsMatch(payeeAccount)) e.Add("payeeAccount", "court.payee-account-invalid");
        // A fee notice needs the whole account or none of it: half an account sends money nowhere.
        var given = new[] { payeeName, payeeBank, payeeAccount }.Count(x => x is not null);
        if (given is 1 or 2)
        {
            if (payeeName is null) e.Add("payeeName", "court.payee-incomplete");
            if (payeeBank is null) e.Add("payeeBank", "court.payee-incomplete");
            if (payeeAccount is null) e.Add("payeeAccount", "court.payee-incomplete");
        }
        if (phone is not null && !PhoneRegex().IsMatch(phone)) e.Add("filingOfficePhone", "court.phone-invalid");
        if (address is { Length: > 300 }) e.Add("address", "court.address-too-long");
        if (e.Any) return e.ToError();

        court.PayeeName = payeeName;
        court.PayeeBank = payeeBank;
        court.PayeeAccount = payeeAccount;
        court.FilingOfficePhone = phone;
        court.Address = address;
        await db.SaveChangesAsync(ct);
        return ToDto(court);
    }

    public static CourtSettingsDto ToDto(Court c) => new(c.Id, c.Name, c.Abbreviation, CourtsModule.ToPolicy(c),
        new PayeeDto(c.PayeeName, c.PayeeBank, c.PayeeAccount), c.FilingOfficePhone, c.Address, c.SealSha256);

    static HashSet<string> Distinct(List<string?>? values) =>
        [.. (values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim())];

    static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>A bank account number: 6–40 digits, grouped with spaces or hyphens as printed on bank papers.</summary>
    [GeneratedRegex(@"^(?=(?:\D*\d){6,40}\D*$)\d[\d \-]*\d$")]
    private static partial Regex AccountRegex();

    /// <summary>A landline with area code and extension, or a mobile number: digits, spaces, hyphens, parentheses, '+'.</summary>
    [GeneratedRegex(@"^(?=(?:\D*\d){5,20}\D*$)[\d +\-()（）转]{5,30}$")]
    private static partial Regex PhoneRegex();
}
