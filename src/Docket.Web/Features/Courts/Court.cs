using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Docket.Web.Features.Courts;

public sealed class Court
{
    public required string Id { get; init; }
    public required string Name { get; set; }
    public required string NameEn { get; set; }
    /// <summary>法院代字, e.g. 甘0622 (案号规定).</summary>
    public required string Abbreviation { get; set; }
    public required string Level { get; set; }
    public string? ParentId { get; set; }
    public required string Province { get; set; }
    public CourtPolicy Policy { get; set; } = new();

    /// <summary>Payee account printed on fee notices (户名、开户行、账号).</summary>
    public string? PayeeName { get; set; }
    public string? PayeeBank { get; set; }
    public string? PayeeAccount { get; set; }
    /// <summary>SHA-256 of the seal image in the document store; notices without it say "(电子文本，未加盖印章)".</summary>
    public string? SealSha256 { get; set; }
    public string? Address { get; set; }
    public string? FilingOfficePhone { get; set; }
}

/// <summary>A court's filing policy (cf. ECF GetPolicy); defaults as in api.md.</summary>
public sealed class CourtPolicy
{
    public const long DefaultMaxDocumentBytes = 50L * 1024 * 1024;
    public const long DefaultMaxFilingBytes = 500L * 1024 * 1024;

    public List<string> CaseTypes { get; set; } = [.. Filings.CaseTypes.All.Select(t => t.Code)];
    public long MaxDocumentBytes { get; set; } = DefaultMaxDocumentBytes;
    public long MaxFilingBytes { get; set; } = DefaultMaxFilingBytes;
    public List<string> AcceptedMediaTypes { get; set; } = ["application/pdf", "image/jpeg", "image/png"];
    /// <summary>Days given for a correction (登记立案规定 Art. 7); filing.md default 15.</summary>
    public int CorrectionDays { get; set; } = 15;
    public bool CrossRegionAccepts { get; set; } = true;
    public List<string> CrossRegionCaseTypes { get; set; } = ["civil-first-instance", "administrative-first-instance", "enforcement", "criminal-private-prosecution"];
}

public sealed class CourtConfiguration : IEntityTypeConfiguration<Court>
{
    public void Configure(EntityTypeBuilder<Court> b)
    {
        b.ToTable("courts");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).HasMaxLength(12);
        b.Property(c => c.Name).HasMaxLength(100);
        b.Property(c => c.NameEn).HasMaxLength(200);
        b.Property(c => c.Abbreviation).HasMaxLength(20);
        b.Property(c => c.Level).HasMaxLength(20);
        b.Property(c => c.ParentId).HasMaxLength(12);
        b.Property(c => c.Province).HasMaxLength(50);
        b.OwnsOne(c => c.Policy, p =>
        {
            p.Property(x => x.CaseTypes).HasColumnName("policy_case_types").HasConversion(StringListConverter.Instance, StringListConverter.Comparer);
            p.Property(x => x.AcceptedMediaTypes).HasColumnName("policy_media_types").HasConversion(StringListConverter.Instance, StringListConverter.Comparer);
            p.Property(x => x.CrossRegionCaseTypes).HasColumnName("policy_cross_region_case_types").HasConversion(StringListConverter.Instance, StringListConverter.Comparer);
            p.Property(x => x.MaxDocumentBytes).HasColumnName("policy_max_document_bytes");
            p.Property(x => x.MaxFilingBytes).HasColumnName("policy_max_filing_bytes");
            p.Property(x => x.CorrectionDays).HasColumnName("policy_correction_days");
            p.Property(x => x.CrossRegionAccepts).HasColumnName("policy_cross_region_accepts");
        });
        b.Navigation(c => c.Policy).IsRequired();
        b.Property(c => c.PayeeName).HasMaxLength(200);
        b.Property(c => c.PayeeBank).HasMaxLength(200);
        b.Property(c => c.PayeeAccount).HasMaxLength(60);
        b.Property(c => c.SealSha256).HasMaxLength(64);
        b.Property(c => c.Address).HasMaxLength(300);
        b.Property(c => c.FilingOfficePhone).HasMaxLength(30);
    }
}
