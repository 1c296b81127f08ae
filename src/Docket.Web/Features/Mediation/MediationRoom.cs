using Docket.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Docket.Web.Features.Mediation;

/// <summary>
/// A people's mediation room (人民调解工作室) of a township, under the basic court of its area: the court that
/// receives its judicial confirmations and may divert filings to it. Reference data, seeded on every start.
/// </summary>
public sealed class MediationRoom
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Township { get; set; } = "";
    public string CourtId { get; set; } = "";
}

public sealed class MediationRoomConfiguration : IEntityTypeConfiguration<MediationRoom>
{
    public void Configure(EntityTypeBuilder<MediationRoom> b)
    {
        b.ToTable("mediation_rooms");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).HasMaxLength(64);
        b.Property(r => r.Name).HasMaxLength(200);
        b.Property(r => r.Township).HasMaxLength(100);
        b.Property(r => r.CourtId).HasMaxLength(12);
        b.HasIndex(r => r.CourtId);
    }
}

public static class MediationRooms
{
    /// <summary>The rooms shipped with Docket (api.md, "Mediation"); court admins add their own on /Admin/Mediation (<see cref="ManageRooms"/>).</summary>
    public static readonly IReadOnlyList<MediationRoom> Reference =
    [
        new() { Id = "dajing", Name = "大靖镇人民调解工作室", Township = "大靖镇", CourtId = "620622" },
    ];

    /// <summary>Inserts the rooms the database does not have yet (idempotent, like the courts).</summary>
    public static async Task SeedAsync(DocketDbContext db, CancellationToken ct)
    {
        var known = await db.MediationRooms.Select(r => r.Id).ToListAsync(ct);
        var courts = await db.Courts.Select(c => c.Id).ToListAsync(ct);
        foreach (var r in Reference.Where(r => !known.Contains(r.Id) && courts.Contains(r.CourtId)))
            db.MediationRooms.Add(new MediationRoom { Id = r.Id, Name = r.Name, Township = r.Township, CourtId = r.CourtId });
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { db.ChangeTracker.Clear(); /* another node seeded the same rows first */ }
    }
}
