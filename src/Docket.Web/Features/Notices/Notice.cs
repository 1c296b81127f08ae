using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Docket.Web.Features.Notices;

public static class NoticeKinds
{
    public const string Receipt = "receipt";
    public const string Correction = "correction";
    public const string Acceptance = "acceptance";
    public const string Fee = "fee";
    public const string Rejection = "rejection";
}

/// <summary>
/// A court document issued on a filing. Its contents are frozen as JSON when issued (in the same transaction as the
/// decision), and the PDF is rendered from that snapshot on request, so later edits never change a served notice.
/// </summary>
public sealed class Notice
{
    public string Id { get; set; } = "";
    public string FilingId { get; set; } = "";
    public string CourtId { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Title { get; set; } = "";
    /// <summary>The case number, or the receipt number before registration.</summary>
    public string Number { get; set; } = "";
    public DateTime IssuedAt { get; set; }
    /// <summary>
    /// 电子送达 (CPL Art. 90; online litigation rules): served when delivered to the filer's account — in the same
    /// transaction that issues it — with an SMS sent by the delivery worker. Periods that run from service (the
    /// fee's 7 days) count from this instant.
    /// </summary>
    public DateTime ServedAt { get; set; }
    /// <summary>When the filer first opened it (clerks opening it do not count).</summary>
    public DateTime? ReadAt { get; set; }
    public string ContentJson { get; set; } = "";
}

public sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> b)
    {
        b.ToTable("notices");
        b.HasKey(n => n.Id);
        b.Property(n => n.Id).HasMaxLength(32);
        b.Property(n => n.FilingId).HasMaxLength(32);
        b.Property(n => n.CourtId).HasMaxLength(12);
        b.Property(n => n.Kind).HasMaxLength(20);
        b.Property(n => n.Title).HasMaxLength(100);
        b.Property(n => n.Number).HasMaxLength(60);
        b.HasIndex(n => new { n.FilingId, n.IssuedAt });
    }
}
