using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Docket.Web.Features.Education;

public static class VenueKinds
{
    public const string Main = "main";
    public const string Sub = "sub";
    public const string Online = "online";
    public static readonly IReadOnlyList<string> All = [Main, Sub, Online];
}

public static class AttendanceMethods
{
    public const string Qr = "qr";
    public const string Roll = "roll";
    public const string Stream = "stream";
    public static readonly IReadOnlyList<string> All = [Qr, Roll, Stream];
}

/// <summary>The six study modes (六学, education.md "Study").</summary>
public static class StudyModes
{
    public static readonly IReadOnlyList<string> All = ["demonstration", "tutorial", "plenary", "group", "online-push", "reading-class"];
}

/// <summary>The six persistent problems (六大顽瘴痼疾) and <c>other</c>.</summary>
public static class RectificationCategories
{
    public static readonly IReadOnlyList<string> All =
        ["interference", "business", "shares-loans", "sentence-reduction", "case-suppression", "revolving-door", "other"];
}

public static class RectificationStatuses
{
    public const string Open = "open";
    public const string InProgress = "in-progress";
    public const string Closed = "closed";
}

public sealed record EventSession(DateOnly Date, string Part);

public sealed record EventVenue(string Id, string Name, string Kind, string? Location, int? Capacity);

/// <summary>A training event (轮训班): half-day sessions, venues (one main, sub venues, at most one live stream), enrolled units.</summary>
public sealed class TrainingEvent
{
    public string Id { get; set; } = "";
    public string Title { get; set; } = "";
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    /// <summary>The unit that runs the event (its creator's unit): the event is seen by whoever sees that unit.</summary>
    public string OwnerUnitId { get; set; } = "";
    public int MinWatchMinutes { get; set; } = 30;
    public List<EventSession> Sessions { get; set; } = [];
    public List<EventVenue> Venues { get; set; } = [];
    public List<string> UnitIds { get; set; } = [];
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>One officer present at one session; the key makes recording idempotent.</summary>
public sealed class Attendance
{
    public string EventId { get; set; } = "";
    public int SessionIndex { get; set; }
    public string OfficerId { get; set; } = "";
    public string VenueId { get; set; } = "";
    public string VenueKind { get; set; } = "";
    public string Method { get; set; } = "";
    public int? WatchedMinutes { get; set; }
    public DateTime RecordedAt { get; set; }
}

public sealed class TimetableEntry
{
    public string UnitId { get; set; } = "";
    public int Position { get; set; }
    public int Weekday { get; set; }
    public string Mode { get; set; } = "";
    public string Topic { get; set; } = "";
}

public sealed class StudyRecord
{
    public string Id { get; set; } = "";
    public string OfficerId { get; set; } = "";
    public DateOnly Date { get; set; }
    public string Mode { get; set; } = "";
    public int Minutes { get; set; }
    public string Topic { get; set; } = "";
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAt { get; set; }
}

/// <summary>An item of the rectification ledger (查纠整改).</summary>
public sealed class Rectification
{
    public string Id { get; set; } = "";
    public string UnitId { get; set; } = "";
    public string Category { get; set; } = "";
    public string Description { get; set; } = "";
    public string Responsible { get; set; } = "";
    public DateOnly DueDate { get; set; }
    public string Measures { get; set; } = "";
    public string Status { get; set; } = RectificationStatuses.Open;
    public string? Note { get; set; }
    public string? Evidence { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? ClosedAt { get; set; }

    public bool IsOverdue(DateOnly today) => Status != RectificationStatuses.Closed && DueDate < today;
}

/// <summary>A closure-evidence document of a rectification item, stored by content address like a filing's documents.</summary>
public sealed class RectificationEvidenceDocument
{
    public string Id { get; set; } = "";
    public string RectificationId { get; set; } = "";
    public string FileName { get; set; } = "";
    public string MediaType { get; set; } = "";
    public long Bytes { get; set; }
    public string Sha256 { get; set; } = "";
    public string UploadedBy { get; set; } = "";
    public DateTime UploadedAt { get; set; }
}

/// <summary>An activity of the service-to-the-people ledger (为民办实事).</summary>
public sealed class ServiceActivity
{
    public string Id { get; set; } = "";
    public string UnitId { get; set; } = "";
    public string Title { get; set; } = "";
    public DateOnly Date { get; set; }
    public string Theme { get; set; } = "";
    public int Beneficiaries { get; set; }
    public string Description { get; set; } = "";
    public string Outcome { get; set; } = "";
    public string? MediationCaseId { get; set; }
    public string? FilingId { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>A small list stored as JSON text, the same on SQLite and PostgreSQL.</summary>
sealed class JsonListConverter<T>() : ValueConverter<List<T>, string>(
    v => JsonSerializer.Serialize(v, JsonSerializerOptions.Web),
    v => JsonSerializer.Deserialize<List<T>>(v, JsonSerializerOptions.Web) ?? new List<T>())
{
    public static readonly ValueComparer<List<T>> Comparer = new(
        (a, b) => (a == null && b == null) || (a != null && b != null && a.SequenceEqual(b)),
        v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s!.GetHashCode())),
        v => v.ToList());
}

public sealed class TrainingEventConfiguration : IEntityTypeConfiguration<TrainingEvent>
{
    public void Configure(EntityTypeBuilder<TrainingEvent> b)
    {
        b.ToTable("training_events");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).HasMaxLength(32);
        b.Property(e => e.Title).HasMaxLength(200);
        b.Property(e => e.OwnerUnitId).HasMaxLength(64);
        b.Property(e => e.CreatedBy).HasMaxLength(64);
        b.Property(e => e.Sessions).HasConversion(new JsonListConverter<EventSession>(), JsonListConverter<EventSession>.Comparer);
        b.Property(e => e.Venues).HasConversion(new JsonListConverter<EventVenue>(), JsonListConverter<EventVenue>.Comparer);
        b.Property(e => e.UnitIds).HasConversion(StringListConverter.Instance, StringListConverter.Comparer);
        b.HasIndex(e => new { e.OwnerUnitId, e.StartDate });
    }
}

public sealed class AttendanceConfiguration : IEntityTypeConfiguration<Attendance>
{
    public void Configure(EntityTypeBuilder<Attendance> b)
    {
        b.ToTable("training_attendance");
        b.HasKey(a => new { a.EventId, a.SessionIndex, a.OfficerId });
        b.Property(a => a.EventId).HasMaxLength(32);
        b.Property(a => a.OfficerId).HasMaxLength(64);
        b.Property(a => a.VenueId).HasMaxLength(32);
        b.Property(a => a.VenueKind).HasMaxLength(16);
        b.Property(a => a.Method).HasMaxLength(16);
    }
}

public sealed class TimetableEntryConfiguration : IEntityTypeConfiguration<TimetableEntry>
{
    public void Configure(EntityTypeBuilder<TimetableEntry> b)
    {
        b.ToTable("study_timetable");
        b.HasKey(t => new { t.UnitId, t.Position });
        b.Property(t => t.UnitId).HasMaxLength(64);
        b.Property(t => t.Mode).HasMaxLength(32);
        b.Property(t => t.Topic).HasMaxLength(200);
    }
}

public sealed class StudyRecordConfiguration : IEntityTypeConfiguration<StudyRecord>
{
    public void Configure(EntityTypeBuilder<StudyRecord> b)
    {
        b.ToTable("study_records");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).HasMaxLength(32);
        b.Property(r => r.OfficerId).HasMaxLength(64);
        b.Property(r => r.Mode).HasMaxLength(32);
        b.Property(r => r.Topic).HasMaxLength(200);
        b.Property(r => r.RecordedBy).HasMaxLength(64);
        b.HasIndex(r => new { r.Date, r.OfficerId });
        b.HasIndex(r => r.OfficerId);
    }
}

public sealed class RectificationConfiguration : IEntityTypeConfiguration<Rectification>
{
    public void Configure(EntityTypeBuilder<Rectification> b)
    {
        b.ToTable("rectifications");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).HasMaxLength(32);
        b.Property(r => r.UnitId).HasMaxLength(64);
        b.Property(r => r.Category).HasMaxLength(32);
        b.Property(r => r.Description).HasMaxLength(4000);
        b.Property(r => r.Responsible).HasMaxLength(100);
        b.Property(r => r.Measures).HasMaxLength(4000);
        b.Property(r => r.Status).HasMaxLength(16);
        b.Property(r => r.Note).HasMaxLength(2000);
        b.Property(r => r.Evidence).HasMaxLength(4000);
        b.Property(r => r.CreatedBy).HasMaxLength(64);
        b.HasIndex(r => new { r.UnitId, r.Status });
    }
}

public sealed class RectificationEvidenceDocumentConfiguration : IEntityTypeConfiguration<RectificationEvidenceDocument>
{
    public void Configure(EntityTypeBuilder<RectificationEvidenceDocument> b)
    {
        b.ToTable("rectification_evidence");
        b.HasKey(d => d.Id);
        b.Property(d => d.Id).HasMaxLength(32);
        b.Property(d => d.RectificationId).HasMaxLength(32);
        b.Property(d => d.FileName).HasMaxLength(200);
        b.Property(d => d.MediaType).HasMaxLength(64);
        b.Property(d => d.Sha256).HasMaxLength(64);
        b.Property(d => d.UploadedBy).HasMaxLength(64);
        b.HasOne<Rectification>().WithMany().HasForeignKey(d => d.RectificationId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(d => d.RectificationId);
        b.HasIndex(d => d.Sha256);
    }
}

public sealed class ServiceActivityConfiguration : IEntityTypeConfiguration<ServiceActivity>
{
    public void Configure(EntityTypeBuilder<ServiceActivity> b)
    {
        b.ToTable("service_activities");
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).HasMaxLength(32);
        b.Property(a => a.UnitId).HasMaxLength(64);
        b.Property(a => a.Title).HasMaxLength(200);
        b.Property(a => a.Theme).HasMaxLength(100);
        b.Property(a => a.Description).HasMaxLength(4000);
        b.Property(a => a.Outcome).HasMaxLength(2000);
        b.Property(a => a.MediationCaseId).HasMaxLength(64);
        b.Property(a => a.FilingId).HasMaxLength(64);
        b.Property(a => a.CreatedBy).HasMaxLength(64);
        b.HasIndex(a => new { a.UnitId, a.Date });
    }
}
