using Microsoft.AspNetCore.Identity;

namespace Docket.Web.Features.Accounts;

public static class Roles
{
    public const string Filer = "filer";
    public const string Clerk = "clerk";
    public const string CourtAdmin = "court-admin";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Filer, Clerk, CourtAdmin, Admin];
}

/// <summary>An account with its real-name profile (online litigation rules Art. 7) and service address (送达地址确认书).</summary>
public sealed class User : IdentityUser
{
    public string? FullName { get; set; }
    public string? IdType { get; set; }
    public string? IdNumber { get; set; }
    public string? ProfilePhone { get; set; }
    /// <summary>Set only by an <see cref="IIdentityVerifier"/>, never from a well-formed ID number alone.</summary>
    public bool Verified { get; set; }
    public DateTime? VerifiedAt { get; set; }
    public string? CourtId { get; set; }

    public bool? ElectronicServiceConsent { get; set; }
    public string? ServicePhone { get; set; }
    public string? ServiceEmail { get; set; }
    public string? PostalAddress { get; set; }
    public DateTime? ServiceAddressConfirmedAt { get; set; }

    public DateTime CreatedAt { get; set; }

    public bool ProfileComplete =>
        !string.IsNullOrWhiteSpace(FullName) && !string.IsNullOrWhiteSpace(IdType) && !string.IsNullOrWhiteSpace(IdNumber)
        && !string.IsNullOrWhiteSpace(ProfilePhone);

    public bool ServiceAddressComplete =>
        ElectronicServiceConsent == true && !string.IsNullOrWhiteSpace(ServicePhone) && !string.IsNullOrWhiteSpace(PostalAddress);

    public string DisplayName => string.IsNullOrWhiteSpace(FullName) ? Email ?? UserName ?? Id : FullName;
}
