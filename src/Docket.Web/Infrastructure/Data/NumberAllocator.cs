using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Docket.Web.Infrastructure.Data;

/// <summary>
/// Hands out gap-free, duplicate-free sequence numbers per (court, type code, year). Must run inside the
/// transaction that uses the number: the UPDATE takes the counter row's lock (PostgreSQL) or the database write
/// lock (SQLite) until that transaction ends, so concurrent registrations queue here, and a rollback returns the
/// number. Provider SQL lives only here (STYLE rule 10); the statements are portable across both providers.
/// </summary>
public sealed class NumberAllocator(DocketDbContext db)
{
    public async Task<int> NextAsync(string courtId, string typeCode, int year, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Allocate a number inside the transaction that uses it.");
        var n = await IncrementAsync(courtId, typeCode, year, ct);
        if (n is not null) return n.Value;
        // The first number of this court, type and year: create the row (a concurrent creator wins harmlessly).
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO case_number_counters (court_id, type_code, year, next_value) VALUES ({courtId}, {typeCode}, {year}, 1) ON CONFLICT DO NOTHING", ct);
        return await IncrementAsync(courtId, typeCode, year, ct)
            ?? throw new InvalidOperationException("The counter row vanished inside the transaction.");
    }

    async Task<int?> IncrementAsync(string courtId, string typeCode, int year, CancellationToken ct)
    {
        // Not composed by EF (no LINQ operator after SqlQuery), so the UPDATE … RETURNING runs as written.
        var rows = await db.Database.SqlQuery<int>(
            $"UPDATE case_number_counters SET next_value = next_value + 1 WHERE court_id = {courtId} AND type_code = {typeCode} AND year = {year} RETURNING next_value - 1 AS \"Value\"")
            .ToListAsync(ct);
        return rows.Count == 0 ? null : rows[0];
    }
}

/// <summary>A gap-free counter per court, type code and Asia/Shanghai year (see docs/adr/0003-numbering.md).</summary>
public sealed class CaseNumberCounter
{
    public string CourtId { get; set; } = "";
    public string TypeCode { get; set; } = "";
    public int Year { get; set; }
    public int NextValue { get; set; }
}

public sealed class CaseNumberCounterConfiguration : IEntityTypeConfiguration<CaseNumberCounter>
{
    public void Configure(EntityTypeBuilder<CaseNumberCounter> b)
    {
        b.ToTable("case_number_counters");
        b.HasKey(c => new { c.CourtId, c.TypeCode, c.Year });
        b.Property(c => c.CourtId).HasColumnName("court_id").HasMaxLength(12);
        b.Property(c => c.TypeCode).HasColumnName("type_code").HasMaxLength(10);
        b.Property(c => c.Year).HasColumnName("year");
        b.Property(c => c.NextValue).HasColumnName("next_value");
    }
}
