using Docket.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Docket.UnitTests;

/// <summary>STYLE rule 10: one migrations set per provider, and neither may lag behind the model.</summary>
public class MigrationsTests
{
    [Fact]
    public void SqliteMigrations_CurrentModel_NoPendingChanges()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Add a migration: dotnet ef migrations add … --context SqliteDocketDbContext");
    }

    [Fact]
    public void PostgresMigrations_CurrentModel_NoPendingChanges()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Add a migration: dotnet ef migrations add … --context PostgresDocketDbContext");
    }

    [Fact]
    public void Migrations_BothProviders_SameMigrationNames()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);
        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(m => m[(m.IndexOf('_') + 1)..]);
        Assert.Equal(Names(sqlite), Names(postgres));
    }
}
