using Microsoft.AspNetCore.Identity;

namespace Docket.Web.Features.Accounts;

public static class Roles
{
    public const string Filer = "filer";
    public const string Clerk = "clerk";
    public const string CourtAdmin = "court-admin";
    public const string Admin = "admin";
    public const string Mediator = "mediator";
    /// <summary>An officer of a grassroots unit (police station, township office, village committee) who screens disputes.</summary>
    public const string Officer = "officer";
    /// <summary>Manages the officers, study and ledgers of their unit (User.UnitId) and every unit below it.</summary>
    public const string UnitAdmin = "unit-admin";
    /// <summary>The political-legal committee's administrator: sees every unit below the committee (User.UnitId).</summary>
    public const string CommitteeAdmin = "committee-admin";

    /// <summary>From the least to the most privileged (<see cref="CurrentUser.PrimaryRole"/> takes the last one held).</summary>
    public static readonly IReadOnlyList<string> All = [Filer, Officer, Mediator, Clerk, CourtAdmin, UnitAdmin, CommitteeAdmin, Admin];
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
    /// <summary>The people's mediation room a mediator works in.</summary>
    public string? RoomId { get; set; }
    /// <summary>The organisation unit (org_units) an officer belongs to.</summary>
    public string? UnitId { get; set; }

    public bool? ElectronicServiceConsent { get; set; }
    public string? ServicePhone { get; set; }
    public string? ServiceEmail { get; set; }
    public string? PostalAddress { get; set; }
    public DateTime? ServiceAddressConfirmedAt { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// A walk-in litigant's account made by a clerk at the counter (代为录入): identity checked in person, no password,
    /// never signs in. The litigant takes its filings over with a claim code and an SMS code.
    /// </summary>
    public bool CounterLitigant { get; set; }

    /// <summary>
    /// An account held for a litigant who has none (a counter entry, a mediation applicant): a unique user name with
    /// <paramref name="prefix"/>, no password, locked for good, so it never signs in; the caller fills in the person.
    /// </summary>
    public static User NewCounterLitigant(string prefix, DateTime now)
    {
        var userName = prefix + "-" + Guid.CreateVersion7().ToString("N");
        return new User
        {
            UserName = userName, NormalizedUserName = userName.ToUpperInvariant(), SecurityStamp = Guid.NewGuid().ToString("N"),
            CounterLitigant = true, LockoutEnabled = true, LockoutEnd = DateTimeOffset.MaxValue, CreatedAt = now,
        };
    }

    public bool ProfileComplete =>
        !string.IsNullOrWhiteSpace(FullName) && !string.IsNullOrWhiteSpace(IdType) && !string.IsNullOrWhiteSpace(IdNumber)
        && !string.IsNullOrWhiteSpace(ProfilePhone);

    public bool ServiceAddressComplete =>
        (CounterLitigant ? ElectronicServiceConsent is not null : ElectronicServiceConsent == true) && !string.IsNullOrWhiteSpace(ServicePhone) && !string.IsNullOrWhiteSpace(PostalAddress);

    public string DisplayName => string.IsNullOrWhiteSpace(FullName) ? Email ?? UserName ?? Id : FullName;
}

/// <summary>One confirmed version of a user's 送达地址确认书; every change is kept.</summary>
public sealed class ServiceAddressRecord
{
    public string Id { get; set; } = "";
    public string UserId { get; set; } = "";
    public bool ElectronicConsent { get; set; }
    public string Phone { get; set; } = "";
    public string? Email { get; set; }
    public string PostalAddress { get; set; } = "";
    public DateTime ConfirmedAt { get; set; }
}

public sealed class ServiceAddressRecordConfiguration : Microsoft.EntityFrameworkCore.IEntityTypeConfiguration<ServiceAddressRecord>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<ServiceAddressRecord> b)
    {
        Microsoft.EntityFrameworkCore.RelationalEntityTypeBuilderExtensions.ToTable(b, "service_address_history");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).HasMaxLength(32);
        b.Property(r => r.UserId).HasMaxLength(64);
        b.Property(r => r.Phone).HasMaxLength(30);
        b.Property(r => r.Email).HasMaxLength(256);
        b.Property(r => r.PostalAddress).HasMaxLength(300);
        b.HasIndex(r => new { r.UserId, r.ConfirmedAt });
    }
}
