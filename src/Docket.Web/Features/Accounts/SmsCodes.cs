using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Docket.Web.Features.Accounts;

/// <summary>A one-time code sent by SMS, stored only as a hash.</summary>
public sealed class SmsCode
{
    public string Id { get; set; } = "";
    public string Phone { get; set; } = "";
    public string Purpose { get; set; } = "";
    public string CodeHash { get; set; } = "";
    public string? ClientAddress { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public int Attempts { get; set; }
    public DateTime? UsedAt { get; set; }
    public DateTime? VoidedAt { get; set; }
}

public sealed class SmsCodeConfiguration : IEntityTypeConfiguration<SmsCode>
{
    public void Configure(EntityTypeBuilder<SmsCode> b)
    {
        b.ToTable("sms_codes");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).HasMaxLength(32);
        b.Property(c => c.Phone).HasMaxLength(30);
        b.Property(c => c.Purpose).HasMaxLength(20);
        b.Property(c => c.CodeHash).HasMaxLength(64);
        b.Property(c => c.ClientAddress).HasMaxLength(64);
        b.HasIndex(c => new { c.Phone, c.Purpose, c.CreatedAt });
        b.HasIndex(c => new { c.ClientAddress, c.CreatedAt });
    }
}

/// <summary>The rules of SMS codes (api.md, auth rows): pure, so they are unit-tested on their own.</summary>
public static class SmsCodeRules
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    public const int MaxTries = 5;
    public const int PerPhonePerWindow = 5;
    public const int PerAddressPerWindow = 30;

    public static readonly IReadOnlyList<string> Purposes = ["login", "verify-phone", "reset-password"];

    public static bool IsLive(SmsCode c, DateTime now) => c.UsedAt is null && c.VoidedAt is null && now < c.ExpiresAt;

    public static string NewCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    public static string Hash(string id, string phone, string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{id}:{phone}:{code}")));

    /// <summary>Mainland mobile numbers: 11 digits from 1, an optional +86 in front.</summary>
    public static string? NormalizeMobile(string? phone)
    {
        var p = AccountRules.NormalizePhone(phone);
        if (p.StartsWith("+86", StringComparison.Ordinal)) p = p[3..];
        return p.Length == 11 && p[0] == '1' && p.All(char.IsAsciiDigit) ? p : null;
    }
}

/// <summary>Issues and checks SMS codes: rate limited per phone and per client address, at most 5 tries, 5 minutes.</summary>
public sealed class SmsCodes(DocketDbContext db, ISmsSender sms, TimeProvider clock)
{
    public async Task<Result<TimeSpan>> IssueAsync(string phone, string purpose, string? clientAddress, bool send, CancellationToken ct)
    {
        var now = ChinaTime.UtcNow(clock);
        var since = now - SmsCodeRules.Window;
        if (await db.SmsCodes.CountAsync(c => c.Phone == phone && c.CreatedAt > since, ct) >= SmsCodeRules.PerPhonePerWindow)
            return new Error(429, "sms.too-many-codes");
        if (clientAddress is not null && await db.SmsCodes.CountAsync(c => c.ClientAddress == clientAddress && c.CreatedAt > since, ct) >= SmsCodeRules.PerAddressPerWindow)
            return new Error(429, "sms.too-many-codes");

        // A new code voids the old ones.
        await db.SmsCodes.Where(c => c.Phone == phone && c.Purpose == purpose && c.UsedAt == null && c.VoidedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.VoidedAt, now), ct);
        var code = SmsCodeRules.NewCode();
        var row = new SmsCode
        {
            Id = Guid.CreateVersion7().ToString("N"), Phone = phone, Purpose = purpose, ClientAddress = clientAddress,
            CreatedAt = now, ExpiresAt = now + SmsCodeRules.Lifetime,
        };
        row.CodeHash = SmsCodeRules.Hash(row.Id, phone, code);
        db.SmsCodes.Add(row);
        await db.SaveChangesAsync(ct);
        // Counted even when nothing is sent (an unknown phone asking for a reset), so probing is rate limited too.
        if (send)
        {
            try { await sms.SendAsync(phone, $"【网上立案】验证码 {code}，{(int)SmsCodeRules.Lifetime.TotalMinutes} 分钟内有效。请勿告诉他人。", ct); }
            catch (SmsUnavailableException) { return new Error(503, "sms.unavailable"); }
        }
        return SmsCodeRules.Lifetime;
    }

    /// <summary>Checks a code; every try counts, and the sixth on one code voids it (429).</summary>
    public async Task<Result<bool>> VerifyAsync(string phone, string purpose, string? code, CancellationToken ct)
    {
        var now = ChinaTime.UtcNow(clock);
        var row = await db.SmsCodes.AsNoTracking().Where(c => c.Phone == phone && c.Purpose == purpose && c.UsedAt == null && c.VoidedAt == null)
            .OrderByDescending(c => c.CreatedAt).FirstOrDefaultAsync(ct);
        if (row is null || !SmsCodeRules.IsLive(row, now)) return Wrong("sms.code-invalid", 0);
        var counted = await db.SmsCodes.Where(c => c.Id == row.Id && c.Attempts < SmsCodeRules.MaxTries && c.UsedAt == null && c.VoidedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Attempts, c => c.Attempts + 1), ct);
        if (counted == 0)
        {
            await db.SmsCodes.Where(c => c.Id == row.Id && c.VoidedAt == null).ExecuteUpdateAsync(s => s.SetProperty(c => c.VoidedAt, now), ct);
            return new Error(429, "sms.too-many-attempts") with { Extensions = new Dictionary<string, object?> { ["attemptsLeft"] = 0 } };
        }
        var attemptsLeft = SmsCodeRules.MaxTries - (row.Attempts + 1);
        if (code is null || !CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(SmsCodeRules.Hash(row.Id, phone, code.Trim())), Encoding.ASCII.GetBytes(row.CodeHash)))
            return Wrong("sms.code-wrong", attemptsLeft);
        var used = await db.SmsCodes.Where(c => c.Id == row.Id && c.UsedAt == null && c.VoidedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), ct);
        return used == 1 ? true : Wrong("sms.code-invalid", 0);
    }

    static Error Wrong(string code, int attemptsLeft) =>
        new Error(400, code, new Dictionary<string, string[]> { ["code"] = [code] }) with { Extensions = new Dictionary<string, object?> { ["attemptsLeft"] = attemptsLeft } };
}
