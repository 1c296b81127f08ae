using System.Data.Common;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Docket.Web.Infrastructure.Data;

public static class DatabaseSetup
{
    public static IServiceCollection AddDocketDatabase(this IServiceCollection services, IConfiguration config, DocketOptions options)
    {
        if (options.IsPostgres)
        {
            var cs = config.GetConnectionString("Docket");
            if (string.IsNullOrWhiteSpace(cs))
                throw new InvalidOperationException("Docket__DatabaseProvider=postgres needs ConnectionStrings__Docket.");
            services.AddDbContext<DocketDbContext, PostgresDocketDbContext>(o => o.UseNpgsql(cs));
            services.AddDataProtection().SetApplicationName("Docket").PersistKeysToDbContext<DocketDbContext>();
        }
        else
        {
            Directory.CreateDirectory(options.FullDataPath);
            var cs = SqliteConnectionString(options.FullDataPath);
            services.AddDbContext<DocketDbContext, SqliteDocketDbContext>(o => o.UseSqlite(cs).AddInterceptors(SqlitePragmas.Instance));
            services.AddDataProtection().SetApplicationName("Docket")
                .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(options.FullDataPath, "keys")));
        }
        return services;
    }

    /// <summary>A PostgreSQL node never migrates: it refuses to start on a schema the <c>migrate</c> command has not brought up to date.</summary>
    public static async Task EnsureMigratedAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocketDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
            throw new InvalidOperationException(
                $"The database has {pending.Count} pending migration(s) ({string.Join(", ", pending)}). Run 'dotnet Docket.Web.dll migrate' first.");
    }

    public static string SqliteConnectionString(string dataPath) =>
        $"Data Source={Path.Combine(dataPath, "docket.db")};Default Timeout=30";

    /// <summary>Applies pending migrations. SQLite does this at start; PostgreSQL only through the <c>migrate</c> command.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocketDbContext>();
        if (db.Database.IsSqlite())
        {
            // WAL is a property of the database file: set it once, before anything else writes.
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            await db.Database.CloseConnectionAsync();
        }
        await db.Database.MigrateAsync(ct);
    }
}

/// <summary>
/// Every SQLite connection commits durably (synchronous=FULL in WAL mode: a receipt never outlives a crash
/// unwritten) and waits for a busy writer instead of failing at once.
/// </summary>
sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();
    const string Sql = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Sql;
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>For <c>dotnet ef migrations add … --context SqliteDocketDbContext</c>.</summary>
sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteDocketDbContext>
{
    public SqliteDocketDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteDocketDbContext>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>For <c>dotnet ef migrations add … --context PostgresDocketDbContext</c> (no server needed).</summary>
sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresDocketDbContext>
{
    public PostgresDocketDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresDocketDbContext>().UseNpgsql("Host=localhost;Database=docket").Options);
}
