using Docket.Web.Features.Demo;
using Docket.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Docket.Web.Features.Organisation;

/// <summary>
/// An officer on a unit's roll (education.md, "Organisation"). Most officers only appear in rolls; one who signs in
/// (QR check-in, own study records) has an account linked by <see cref="UserId"/>.
/// </summary>
public sealed class Officer
{
    public string Id { get; set; } = "";
    public string UnitId { get; set; } = "";
    public string Name { get; set; } = "";
    public string? UserId { get; set; }
}

public sealed class OfficerConfiguration : IEntityTypeConfiguration<Officer>
{
    public void Configure(EntityTypeBuilder<Officer> b)
    {
        b.ToTable("officers");
        b.HasKey(o => o.Id);
        b.Property(o => o.Id).HasMaxLength(64);
        b.Property(o => o.UnitId).HasMaxLength(64);
        b.Property(o => o.Name).HasMaxLength(50);
        b.Property(o => o.UserId).HasMaxLength(64);
        b.HasIndex(o => o.UnitId);
        b.HasIndex(o => o.UserId).IsUnique();
    }
}

/// <summary>
/// The demo rolls: as many officers per unit as units.csv states (5,798 in all), with Chinese names drawn from a
/// fixed seed, so every node and every restart makes the same ids and names and only inserts what is missing.
/// </summary>
public static class DemoOfficers
{
    const string Surnames =
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";

    const string GivenChars =
        "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红建文辉志成亮宁斌春雪梅海波鹏飞琳晨宇浩凯欣佳怡子轩博雅婷思晓燕慧鑫瑞国栋振兴德福永安荣庆学峰新生云龙";

    /// <summary>A roll id: unit and a 4-digit sequence, the same on every node.</summary>
    public static string Id(string unitId, int n) => $"o-{unitId}-{n:D4}";

    /// <summary>Names are a function of (unit, sequence) only: no shared generator state between units.</summary>
    public static string Name(string unitId, int n)
    {
        var x = Seed(unitId) ^ (ulong)n * 0x9E3779B97F4A7C15UL;
        ulong Next()
        {
            // splitmix64: deterministic across runtimes, unlike System.Random's unspecified algorithm
            x += 0x9E3779B97F4A7C15UL;
            var z = x;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
        var name = Surnames[(int)(Next() % (ulong)Surnames.Length)].ToString();
        name += GivenChars[(int)(Next() % (ulong)GivenChars.Length)];
        if (Next() % 10 < 7) name += GivenChars[(int)(Next() % (ulong)GivenChars.Length)];
        return name;
    }

    static ulong Seed(string s)
    {
        var h = 14695981039346656037UL; // FNV-1a
        foreach (var c in s) h = (h ^ c) * 1099511628211UL;
        return h ^ 20210301UL;
    }

    /// <summary>Inserts the missing demo officers in one batch; a concurrent node inserting the same ids first is tolerated.</summary>
    public static async Task SeedAsync(DocketDbContext db, CancellationToken ct)
    {
        var units = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.OfficerCount }).ToListAsync(ct);
        var wanted = units.Sum(u => u.OfficerCount);
        var have = await db.Officers.CountAsync(o => o.Id.StartsWith("o-"), ct);
        if (have >= wanted) return;
        var known = (await db.Officers.Where(o => o.Id.StartsWith("o-")).Select(o => o.Id).ToListAsync(ct)).ToHashSet();
        var missing = units.SelectMany(u => Enumerable.Range(1, u.OfficerCount).Select(n => (u.Id, n)))
            .Where(x => !known.Contains(Id(x.Id, x.n)))
            .Select(x => new Officer { Id = Id(x.Id, x.n), UnitId = x.Id, Name = Name(x.Id, x.n) })
            .ToList();
        try { await db.InsertAllAsync(missing, ct); }
        catch (DbUpdateException) { /* another node seeded the same rolls a moment ago */ }
    }

    /// <summary>Links a demo account to the first officer of its unit's roll (so it can check in and record its own study).</summary>
    public static async Task LinkAsync(DocketDbContext db, string userId, string unitId, CancellationToken ct)
    {
        if (await db.Officers.AnyAsync(o => o.UserId == userId, ct)) return;
        try { await db.Officers.Where(o => o.Id == Id(unitId, 1) && o.UserId == null).ExecuteUpdateAsync(s => s.SetProperty(o => o.UserId, userId), ct); }
        catch (DbUpdateException) { /* linked by another node */ }
    }
}
