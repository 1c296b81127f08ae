using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Docket.Web.Features.Review;

/// <summary>
/// One read of a filing's personal data by court staff: who, for which court, which filing, what (the filing, a
/// document, a notice), when. Kept so that a court can answer "who looked at this litigant's file".
/// </summary>
public sealed class StaffRead
{
    public string Id { get; set; } = "";
    public string UserId { get; set; } = "";
    public string CourtId { get; set; } = "";
    public string FilingId { get; set; } = "";
    public string What { get; set; } = "";
    public DateTime At { get; set; }
}

public sealed class StaffReadConfiguration : IEntityTypeConfiguration<StaffRead>
{
    public void Configure(EntityTypeBuilder<StaffRead> b)
    {
        b.ToTable("staff_reads");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).HasMaxLength(32);
        b.Property(r => r.UserId).HasMaxLength(64);
        b.Property(r => r.CourtId).HasMaxLength(12);
        b.Property(r => r.FilingId).HasMaxLength(32);
        b.Property(r => r.What).HasMaxLength(80);
        b.HasIndex(r => new { r.FilingId, r.At });
        b.HasIndex(r => new { r.UserId, r.At });
    }
}

public static class StaffReadLog
{
    /// <summary>Writes the read at once (reads have no unit of work of their own to join).</summary>
    public static async Task RecordAsync(DocketDbContext db, Clerk clerk, string filingId, string what, TimeProvider clock, CancellationToken ct)
    {
        db.StaffReads.Add(new StaffRead
        {
            Id = Filings.Filing.NewId(), UserId = clerk.User.Id, CourtId = clerk.CourtId, FilingId = filingId, What = what,
            At = ChinaTime.UtcNow(clock),
        });
        await db.SaveChangesAsync(ct);
    }
}
