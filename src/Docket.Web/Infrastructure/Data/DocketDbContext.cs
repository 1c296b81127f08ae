using Docket.Web.Features.Accounts;
using Docket.Web.Features.Calendar;
using Docket.Web.Features.Courts;
using Docket.Web.Features.Filings;
using Docket.Web.Features.Notices;
using Docket.Web.Features.Notifications;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Docket.Web.Infrastructure.Data;

/// <summary>
/// The one model. Provider-specific subclasses exist only so each provider has its own migrations folder
/// (STYLE rule 10); feature code uses this type directly.
/// </summary>
public abstract class DocketDbContext(DbContextOptions options) : IdentityDbContext<User>(options), IDataProtectionKeyContext
{
    public DbSet<Court> Courts => Set<Court>();
    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();
    public DbSet<Filing> Filings => Set<Filing>();
    public DbSet<FilingDocument> FilingDocuments => Set<FilingDocument>();
    public DbSet<Receipt> Receipts => Set<Receipt>();
    public DbSet<FilingEvent> FilingEvents => Set<FilingEvent>();
    public DbSet<IdempotencyRecord> IdempotencyKeys => Set<IdempotencyRecord>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<CaseNumberCounter> CaseNumberCounters => Set<CaseNumberCounter>();
    public DbSet<Notice> Notices => Set<Notice>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<SmsCode> SmsCodes => Set<SmsCode>();
    public DbSet<UploadSession> UploadSessions => Set<UploadSession>();
    public DbSet<ServiceAddressRecord> ServiceAddressHistory => Set<ServiceAddressRecord>();
    public DbSet<DevSmsMessage> DevSmsMessages => Set<DevSmsMessage>();
    public DbSet<Features.Counter.ClaimCode> ClaimCodes => Set<Features.Counter.ClaimCode>();
    public DbSet<Features.Review.StaffRead> StaffReads => Set<Features.Review.StaffRead>();
    public DbSet<Features.Mediation.MediationRoom> MediationRooms => Set<Features.Mediation.MediationRoom>();
    public DbSet<Features.Mediation.MediationCase> MediationCases => Set<Features.Mediation.MediationCase>();
    public DbSet<Features.Organisation.OrgUnit> OrgUnits => Set<Features.Organisation.OrgUnit>();
    public DbSet<Features.Screening.Dispute> Disputes => Set<Features.Screening.Dispute>();
    public DbSet<Features.Organisation.Officer> Officers => Set<Features.Organisation.Officer>();
    public DbSet<Features.Education.TrainingEvent> TrainingEvents => Set<Features.Education.TrainingEvent>();
    public DbSet<Features.Education.Attendance> Attendances => Set<Features.Education.Attendance>();
    public DbSet<Features.Education.TimetableEntry> StudyTimetable => Set<Features.Education.TimetableEntry>();
    public DbSet<Features.Education.StudyRecord> StudyRecords => Set<Features.Education.StudyRecord>();
    public DbSet<Features.Education.Rectification> Rectifications => Set<Features.Education.Rectification>();
    public DbSet<Features.Education.RectificationEvidenceDocument> RectificationEvidence => Set<Features.Education.RectificationEvidenceDocument>();
    public DbSet<Features.Education.ServiceActivity> ServiceActivities => Set<Features.Education.ServiceActivity>();
    public DbSet<Features.Education.StudyMaterial> StudyMaterials => Set<Features.Education.StudyMaterial>();
    public DbSet<Features.Education.MaterialProgress> MaterialProgress => Set<Features.Education.MaterialProgress>();
    public DbSet<Features.Education.MaterialCopies> MaterialCopies => Set<Features.Education.MaterialCopies>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(DocketDbContext).Assembly);
        builder.Entity<User>(u =>
        {
            u.Property(x => x.FullName).HasMaxLength(100);
            u.Property(x => x.IdType).HasMaxLength(20);
            u.Property(x => x.IdNumber).HasMaxLength(40);
            u.Property(x => x.ProfilePhone).HasMaxLength(30);
            u.Property(x => x.CourtId).HasMaxLength(12);
            u.Property(x => x.RoomId).HasMaxLength(64);
            u.Property(x => x.UnitId).HasMaxLength(64);
            u.Property(x => x.ServicePhone).HasMaxLength(30);
            u.Property(x => x.ServiceEmail).HasMaxLength(256);
            u.Property(x => x.PostalAddress).HasMaxLength(300);
        });
        builder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder b)
    {
        // Instants are UTC everywhere; SQLite hands DateTime back as Unspecified, so mark it.
        b.Properties<DateTime>().HaveConversion<UtcConverter>();
        b.Properties<DateTime?>().HaveConversion<UtcConverter>();
    }

    sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

public sealed class SqliteDocketDbContext(DbContextOptions<SqliteDocketDbContext> options) : DocketDbContext(options);

public sealed class PostgresDocketDbContext(DbContextOptions<PostgresDocketDbContext> options) : DocketDbContext(options);
