using System.Security.Cryptography;
using System.Text;
using Docket.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Docket.Web.Features.Counter;

/// <summary>
/// The one-time claim code printed on a counter receipt (cross-region.md, step 4), stored only as its SHA-256.
/// Printing the receipt again issues a new code and voids the old one.
/// </summary>
public sealed class ClaimCode
{
    public string Id { get; set; } = "";
    public string FilingId { get; set; } = "";
    public string CodeHash { get; set; } = "";
    public string IssuedById { get; set; } = "";
    public DateTime IssuedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
    public string? UsedById { get; set; }
    public DateTime? VoidedAt { get; set; }
}

public sealed class ClaimCodeConfiguration : IEntityTypeConfiguration<ClaimCode>
{
    public void Configure(EntityTypeBuilder<ClaimCode> b)
    {
        b.ToTable("claim_codes");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).HasMaxLength(32);
        b.Property(c => c.FilingId).HasMaxLength(32);
        b.Property(c => c.CodeHash).HasMaxLength(64);
        b.Property(c => c.IssuedById).HasMaxLength(64);
        b.Property(c => c.UsedById).HasMaxLength(64);
        b.HasIndex(c => c.CodeHash).IsUnique();
        b.HasIndex(c => c.FilingId);
    }
}

/// <summary>The rules of claim codes: pure, unit-tested on their own.</summary>
public static class ClaimCodeRules
{
    /// <summary>No 0/1/I/O, so a code read off paper is not misread.</summary>
    const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    public const int Length = 12;
    /// <summary>Long enough for a litigant to get home and sign up; the counter prints a new one on request.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    /// <summary>12 characters of 32: 60 bits, shown as XXXX-XXXX-XXXX.</summary>
    public static string NewCode()
    {
        Span<char> c = stackalloc char[Length];
        for (var i = 0; i < c.Length; i++) c[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return $"{c[..4]}-{c[4..8]}-{c[8..]}";
    }

    /// <summary>The code as typed (any case, with or without dashes or spaces), or null when it cannot be one.</summary>
    public static string? Normalize(string? input)
    {
        if (input is null) return null;
        var sb = new StringBuilder(Length);
        foreach (var ch in input)
        {
            if (ch is '-' or ' ' or '\u3000') continue;
            var u = char.ToUpperInvariant(ch);
            if (!Alphabet.Contains(u) || sb.Length == Length) return null;
            sb.Append(u);
        }
        return sb.Length == Length ? sb.ToString() : null;
    }

    public static string Hash(string normalized) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(normalized)));

    /// <summary>138****5678: enough for the litigant to know which phone, not enough to learn it.</summary>
    public static string MaskPhone(string phone) => phone.Length >= 7 ? $"{phone[..3]}****{phone[^4..]}" : "****";
}

public static class ClaimCodeQueries
{
    public static Task<ClaimCode?> LiveAsync(DocketDbContext db, string? input, DateTime now, CancellationToken ct)
    {
        var normalized = ClaimCodeRules.Normalize(input);
        if (normalized is null) return Task.FromResult<ClaimCode?>(null);
        var hash = ClaimCodeRules.Hash(normalized);
        return db.ClaimCodes.FirstOrDefaultAsync(c => c.CodeHash == hash && c.UsedAt == null && c.VoidedAt == null && c.ExpiresAt > now, ct);
    }
}
