using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Docket.Web.Features.Filings;

public sealed class FilingConfiguration : IEntityTypeConfiguration<Filing>
{
    public void Configure(EntityTypeBuilder<Filing> b)
    {
        b.ToTable("filings");
        b.HasKey(f => f.Id);
        b.Property(f => f.Id).HasMaxLength(32);
        b.Property(f => f.OwnerId).HasMaxLength(64);
        b.Property(f => f.CourtId).HasMaxLength(12);
        b.Property(f => f.CooperatingCourtId).HasMaxLength(12);
        b.Property(f => f.CaseType).HasMaxLength(40);
        b.Property(f => f.Status).HasMaxLength(30);
        b.Property(f => f.Title).HasMaxLength(200);
        b.Property(f => f.Cause).HasMaxLength(100);
        b.Property(f => f.Matter).HasMaxLength(40);
        b.Property(f => f.FilerCapacity).HasMaxLength(10);
        b.Property(f => f.AgentType).HasMaxLength(10);
        b.Property(f => f.FactsAndReasons).HasMaxLength(20000);
        b.Property(f => f.Claims).HasConversion(StringListConverter.Instance, StringListConverter.Comparer);
        b.Property(f => f.CorrectionItems).HasConversion(StringListConverter.Instance, StringListConverter.Comparer);
        b.Property(f => f.AssigneeId).HasMaxLength(64);
        b.Property(f => f.AssigneeName).HasMaxLength(200);
        b.Property(f => f.CaseNumber).HasMaxLength(60);
        b.Property(f => f.Procedure).HasMaxLength(20);
        b.Property(f => f.RejectionReasons).HasMaxLength(4000);
        b.Property(f => f.RulingLegalBasis).HasMaxLength(1000);
        b.Property(f => f.RulingJudge).HasMaxLength(100);
        b.Property(f => f.AppealCourtId).HasMaxLength(12);
        b.Property(f => f.MediationRoomId).HasMaxLength(64);
        b.Property(f => f.PreLitigationNumber).HasMaxLength(60);
        b.HasIndex(f => f.PreLitigationNumber).IsUnique();
        b.Property(f => f.FeeStatus).HasMaxLength(30);
        b.Property(f => f.FeeVoucherDocumentId).HasMaxLength(32);
        b.Property(f => f.FeeVoucherRejectedReasons).HasMaxLength(2000);
        b.Property(f => f.FeePaymentReference).HasMaxLength(100);
        b.Property(f => f.JudicialAidKind).HasMaxLength(20);
        b.Property(f => f.JudicialAidReasons).HasMaxLength(2000);
        b.Property(f => f.JudicialAidDecisionReasons).HasMaxLength(2000);
        // The clerk's fee-overdue queue: a court's owed fees by due date.
        b.HasIndex(f => new { f.CourtId, f.FeeStatus, f.FeeDueDate });
        b.HasIndex(f => f.CaseNumber).IsUnique();
        // The clerk's queue (ReviewQueue): one court and one status in queue order, read from the top without a sort.
        b.HasIndex(f => new { f.CooperatingCourtId, f.Status, f.DecisionDeadline, f.SubmittedAt, f.Id });
        b.HasIndex(f => new { f.Status, f.CorrectionDueDate });
        b.Property(f => f.LastEventHash).HasMaxLength(64);
        b.Property(f => f.Version).IsConcurrencyToken();
        b.Ignore(f => f.ClaimAmount);
        b.HasIndex(f => new { f.OwnerId, f.CreatedAt });
        b.HasIndex(f => new { f.CourtId, f.Status, f.DecisionDeadline, f.SubmittedAt, f.Id });
        // …and its total: a narrow index counts a big court's waiting filings in a few pages (bench/RESULTS.md).
        b.HasIndex(f => new { f.CourtId, f.Status });

        b.OwnsMany(f => f.Parties, p =>
        {
            PartyColumns.Map(p, "filing_parties", "FilingId");
            p.HasIndex(x => x.Name);
        });

        b.Property(f => f.EnteredById).HasMaxLength(64);
        b.Property(f => f.EnteredByName).HasMaxLength(200);
        b.Property(f => f.EnteredAtCourtId).HasMaxLength(12);
        b.HasIndex(f => new { f.EnteredAtCourtId, f.CreatedAt });
        b.Ignore(f => f.EnteredAtCounter);
        b.OwnsMany(f => f.Originals, o =>
        {
            o.ToTable("filing_originals");
            o.WithOwner().HasForeignKey("FilingId");
            o.Property<int>("Id");
            o.HasKey("Id");
            o.Property(x => x.Carrier).HasMaxLength(50);
            o.Property(x => x.TrackingNumber).HasMaxLength(40);
            o.Property(x => x.RecordedById).HasMaxLength(64);
            o.Property(x => x.RecordedByName).HasMaxLength(200);
        });

        b.HasMany(f => f.Documents).WithOne().HasForeignKey(d => d.FilingId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(f => f.Receipts).WithOne().HasForeignKey(r => r.FilingId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(f => f.Events).WithOne().HasForeignKey(e => e.FilingId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class FilingDocumentConfiguration : IEntityTypeConfiguration<FilingDocument>
{
    public void Configure(EntityTypeBuilder<FilingDocument> b)
    {
        b.ToTable("filing_documents");
        b.HasKey(d => d.Id);
        b.Property(d => d.Id).HasMaxLength(32);
        b.Property(d => d.FilingId).HasMaxLength(32);
        b.Property(d => d.Kind).HasMaxLength(30);
        b.Property(d => d.FileName).HasMaxLength(255);
        b.Property(d => d.MediaType).HasMaxLength(50);
        b.Property(d => d.Sha256).HasMaxLength(64);
        b.HasIndex(d => d.Sha256);
    }
}

public sealed class ReceiptConfiguration : IEntityTypeConfiguration<Receipt>
{
    static readonly ValueComparer<List<ReceiptDocument>> Comparer = new(
        (a, b) => (a == null && b == null) || (a != null && b != null && a.SequenceEqual(b)),
        v => v.Aggregate(0, (h, d) => HashCode.Combine(h, d.GetHashCode())),
        v => v.ToList());

    public void Configure(EntityTypeBuilder<Receipt> b)
    {
        b.ToTable("receipts");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).HasMaxLength(32);
        b.Property(r => r.FilingId).HasMaxLength(32);
        b.Property(r => r.ReceiptNumber).HasMaxLength(40);
        b.Property(r => r.CourtId).HasMaxLength(12);
        b.HasIndex(r => r.ReceiptNumber).IsUnique();
        b.HasIndex(r => new { r.FilingId, r.Version }).IsUnique();
        // A receipt is a frozen snapshot: its document list is stored with it as JSON text.
        b.Property(r => r.Documents).HasConversion(
            v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
            v => JsonSerializer.Deserialize<List<ReceiptDocument>>(v, (JsonSerializerOptions?)null) ?? new List<ReceiptDocument>(),
            Comparer);
    }
}

public sealed class FilingEventConfiguration : IEntityTypeConfiguration<FilingEvent>
{
    public void Configure(EntityTypeBuilder<FilingEvent> b)
    {
        b.ToTable("filing_events");
        b.HasKey(e => new { e.FilingId, e.Sequence });
        b.Property(e => e.FilingId).HasMaxLength(32);
        b.Property(e => e.ActorId).HasMaxLength(64);
        b.Property(e => e.ActorName).HasMaxLength(200);
        b.Property(e => e.ActorRole).HasMaxLength(30);
        b.Property(e => e.Action).HasMaxLength(40);
        b.Property(e => e.FromStatus).HasMaxLength(30);
        b.Property(e => e.ToStatus).HasMaxLength(30);
        b.Property(e => e.Note).HasMaxLength(2000);
        b.Property(e => e.Hash).HasMaxLength(64);
        b.Property(e => e.PreviousHash).HasMaxLength(64);
    }
}

public sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.ToTable("idempotency_keys");
        b.HasKey(r => new { r.OwnerId, r.Key });
        b.Property(r => r.OwnerId).HasMaxLength(64);
        b.Property(r => r.Key).HasMaxLength(200);
        b.Property(r => r.RequestHash).HasMaxLength(64);
        b.Property(r => r.FilingId).HasMaxLength(32);
    }
}

/// <summary>The columns of a party owned by a filing, a mediation case or a dispute: one shape, one table each.</summary>
public static class PartyColumns
{
    public static void Map<TOwner>(OwnedNavigationBuilder<TOwner, Party> p, string table, string ownerKey)
        where TOwner : class
    {
        p.ToTable(table);
        p.WithOwner().HasForeignKey(ownerKey);
        p.Property<int>("Id");
        p.HasKey("Id");
        p.Property(x => x.Role).HasMaxLength(20);
        p.Property(x => x.Kind).HasMaxLength(20);
        p.Property(x => x.Name).HasMaxLength(200);
        p.Property(x => x.IdType).HasMaxLength(20);
        p.Property(x => x.IdNumber).HasMaxLength(40);
        p.Property(x => x.Uscc).HasMaxLength(18);
        p.Property(x => x.LegalRepresentative).HasMaxLength(100);
        p.Property(x => x.Phone).HasMaxLength(30);
        p.Property(x => x.Address).HasMaxLength(300);
    }
}
