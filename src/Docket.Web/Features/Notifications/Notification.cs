using System.Text.Json;
using Docket.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Docket.Web.Features.Notifications;

/// <summary>
/// Something the filer is told (filing.md, "Notifications"). Written in the same transaction as the change it
/// reports (an outbox row), so none is lost on a crash and none exists for a change that did not commit; the
/// delivery worker sends it on the outside channels and records the result.
/// </summary>
public sealed class Notification
{
    public string Id { get; set; } = "";
    public string UserId { get; set; } = "";
    public string? FilingId { get; set; }
    public string Kind { get; set; } = "";
    /// <summary>Message key in Resources/messages.tsv and its arguments: rendered in the reader's language.</summary>
    public string MessageKey { get; set; } = "";
    public List<string> Args { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }

    public DateTime? DeliveredAt { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    /// <summary>A worker's claim on this row (safe with several nodes): taken by a conditional UPDATE.</summary>
    public DateTime? LeaseUntil { get; set; }
    public string? LastError { get; set; }
    /// <summary>When the SMS went out, so a retry after a failed e-mail does not text the filer twice.</summary>
    public DateTime? SmsSentAt { get; set; }
    public DateTime? EmailSentAt { get; set; }
}

public sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("notifications");
        b.HasKey(n => n.Id);
        b.Property(n => n.Id).HasMaxLength(32);
        b.Property(n => n.UserId).HasMaxLength(64);
        b.Property(n => n.FilingId).HasMaxLength(32);
        b.Property(n => n.Kind).HasMaxLength(40);
        b.Property(n => n.MessageKey).HasMaxLength(100);
        b.Property(n => n.Args).HasConversion(StringListConverter.Instance, StringListConverter.Comparer);
        b.Property(n => n.LastError).HasMaxLength(1000);
        b.HasIndex(n => new { n.UserId, n.CreatedAt });
        b.HasIndex(n => new { n.DeliveredAt, n.NextAttemptAt });
    }
}

public static class Outbox
{
    /// <summary>Adds a notification to the unit of work; it commits (or not) with the change it reports.</summary>
    public static void Notify(DocketDbContext db, string userId, string? filingId, string kind, string messageKey, DateTime now, params string[] args) =>
        db.Notifications.Add(new Notification
        {
            Id = Filings.Filing.NewId(), UserId = userId, FilingId = filingId, Kind = kind, MessageKey = messageKey, Args = [.. args],
            CreatedAt = now, NextAttemptAt = now,
        });

    public static string Json(object value) => JsonSerializer.Serialize(value);
}
