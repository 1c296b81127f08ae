using System.Text.RegularExpressions;
using Docket.Web.Infrastructure.Problems;

namespace Docket.Web.Features.Accounts;

public sealed record RegisterRequest(string? Email, string? Password);
public sealed record LoginRequest(string? Email, string? Password);
public sealed record RefreshRequest(string? RefreshToken);
public sealed record ProfileRequest(string? FullName, string? IdType, string? IdNumber, string? Phone);
public sealed record ServiceAddressRequest(bool? ElectronicConsent, string? Phone, string? Email, string? PostalAddress);

public sealed record ProfileDto(string? FullName, string? IdType, string? IdNumber, string? Phone);
public sealed record ServiceAddressDto(bool ElectronicConsent, string? Phone, string? Email, string? PostalAddress, DateTimeOffset? ConfirmedAt);
public sealed record MeDto(
    string Id, string? Email, string? Phone, IReadOnlyList<string> Roles, string? CourtId, string? UnitId, string? RoomId,
    ProfileDto Profile, bool Verified, ServiceAddressDto? ServiceAddress, bool PhoneVerified);

public static partial class AccountRules
{
    public static readonly IReadOnlyList<string> IdTypes = ["resident-id", "passport", "other"];

    [GeneratedRegex(@"^\+?[0-9]{6,20}$")]
    private static partial Regex PhoneRegex();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailRegex();

    public static string NormalizePhone(string? phone) =>
        (phone ?? "").Trim().Replace(" ", "").Replace("-", "");

    public static bool IsPhone(string? phone) => PhoneRegex().IsMatch(NormalizePhone(phone));

    public static bool IsEmail(string? email) => email is { Length: <= 256 } && EmailRegex().IsMatch(email.Trim());

    public static FieldErrors ValidateProfile(ProfileRequest r)
    {
        var e = new FieldErrors();
        if (string.IsNullOrWhiteSpace(r.FullName)) e.Add("fullName", "profile.full-name-required");
        else if (r.FullName.Trim().Length > 100) e.Add("fullName", "profile.full-name-too-long");
        if (r.IdType is null || !IdTypes.Contains(r.IdType)) e.Add("idType", "profile.id-type-invalid");
        if (string.IsNullOrWhiteSpace(r.IdNumber)) e.Add("idNumber", "profile.id-number-required");
        else if (r.IdType == "resident-id" && !IdentityNumbers.IsValidResidentId(IdentityNumbers.Normalize(r.IdNumber))) e.Add("idNumber", "profile.id-number-invalid");
        else if (r.IdNumber.Trim().Length > 40) e.Add("idNumber", "profile.id-number-too-long");
        if (!IsPhone(r.Phone)) e.Add("phone", "profile.phone-invalid");
        return e;
    }

    public static FieldErrors ValidateServiceAddress(ServiceAddressRequest r)
    {
        var e = new FieldErrors();
        if (r.ElectronicConsent is null) e.Add("electronicConsent", "service-address.consent-required");
        if (!IsPhone(r.Phone)) e.Add("phone", "profile.phone-invalid");
        if (!string.IsNullOrWhiteSpace(r.Email) && !IsEmail(r.Email)) e.Add("email", "auth.email-invalid");
        if (string.IsNullOrWhiteSpace(r.PostalAddress)) e.Add("postalAddress", "service-address.postal-address-required");
        else if (r.PostalAddress.Trim().Length > 300) e.Add("postalAddress", "service-address.postal-address-too-long");
        return e;
    }
}
