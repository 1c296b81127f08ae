using Docket.Web.Features.Demo;
using Docket.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Docket.Web.Features.Organisation;

/// <summary>Kinds of unit in a political-legal committee's tree (units.csv).</summary>
public static class UnitKinds
{
    public const string Committee = "committee";
    public const string Court = "court";
    public const string Procuratorate = "procuratorate";
    public const string PublicSecurity = "public-security";
    public const string PoliceStation = "police-station";
    public const string Justice = "justice";
    public const string TownshipOffice = "township-office";
    public const string VillageCommittee = "village-committee";

    /// <summary>The grassroots units that screen disputes (矛盾纠纷排查): police stations, township offices, village committees.</summary>
    public static readonly IReadOnlyList<string> Grassroots = [PoliceStation, TownshipOffice, VillageCommittee];
}

/// <summary>
/// A unit of the political-legal organisation (education.md, "Organisation"): the committee, courts, procuratorates,
/// public security and justice bureaus down to police stations. One tree; every officer belongs to one unit.
/// Grassroots units also log the disputes they find in screening (mediation.md). Reference data, seeded on start.
/// </summary>
public sealed class OrgUnit
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string? ParentId { get; set; }
    public string Kind { get; set; } = "";
    /// <summary>The unit's own officers as the roll (units.csv) states them, not counting sub-units.</summary>
    public int OfficerCount { get; set; }
}

public sealed class OrgUnitConfiguration : IEntityTypeConfiguration<OrgUnit>
{
    public void Configure(EntityTypeBuilder<OrgUnit> b)
    {
        b.ToTable("org_units");
        b.HasKey(u => u.Id);
        b.Property(u => u.Id).HasMaxLength(64);
        b.Property(u => u.Name).HasMaxLength(200);
        b.Property(u => u.ParentId).HasMaxLength(64);
        b.Property(u => u.Kind).HasMaxLength(32);
        b.HasIndex(u => u.ParentId);
    }
}

public static class OrgUnits
{
    /// <summary>Inserts the shipped units (units.csv) the database does not have yet; idempotent across nodes.</summary>
    public static async Task SeedAsync(DocketDbContext db, CancellationToken ct)
    {
        var rows = Seeding.ParseCsv(Seeding.ReadResource("units.csv"));
        var known = (await db.OrgUnits.Select(u => u.Id).ToListAsync(ct)).ToHashSet();
        foreach (var r in rows.Where(r => !known.Contains(r["id"])))
            db.OrgUnits.Add(new OrgUnit
            {
                Id = r["id"], Name = r["name"], ParentId = string.IsNullOrEmpty(r["parent_id"]) ? null : r["parent_id"], Kind = r["kind"],
                OfficerCount = int.Parse(r["officers"], System.Globalization.CultureInfo.InvariantCulture),
            });
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { db.ChangeTracker.Clear(); /* another node seeded the same rows first */ }
    }

    /// <summary>The ids of <paramref name="rootId"/> and every unit below it (the tree is small: loaded whole).</summary>
    public static async Task<HashSet<string>> SubtreeAsync(DocketDbContext db, string rootId, CancellationToken ct) =>
        OrgTree.Subtree(await db.OrgUnits.AsNoTracking().ToListAsync(ct), rootId);
}
