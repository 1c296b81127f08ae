using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Docket.Bench;

/// <summary>What the data folder's disk allows, measured without the app: the ceilings the app's figures are compared with.</summary>
public static class Disk
{
    /// <summary>
    /// Durable commits per second: a tight loop of one-row SQLite transactions in the data folder, with the app's own
    /// settings (WAL, synchronous=FULL: each commit waits for the WAL's fsync).
    /// </summary>
    public static double SqliteCommitsPerSecond(string folder, TimeSpan duration)
    {
        var path = Path.Combine(folder, "bench-fsync.db");
        try
        {
            using var c = new SqliteConnection($"Data Source={path};Pooling=false");
            c.Open();
            Exec(c, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;");
            Exec(c, "CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
            using var insert = c.CreateCommand();
            insert.CommandText = "INSERT INTO t (v) VALUES ($v)";
            var v = insert.Parameters.Add("$v", SqliteType.Text);
            for (var i = 0; i < 20; i++) { v.Value = "warm-up"; insert.ExecuteNonQuery(); }
            var n = 0;
            var sw = Stopwatch.StartNew();
            while (sw.Elapsed < duration)
            {
                v.Value = "commit " + n;
                insert.ExecuteNonQuery(); // autocommit: one transaction, one durable commit
                n++;
            }
            return n / sw.Elapsed.TotalSeconds;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        }
    }

    /// <summary>Sequential write speed: <paramref name="mib"/> MiB written through the page cache in 1 MiB blocks, then fsynced (as the app stores a document).</summary>
    public static double SequentialWriteMiBPerSecond(string folder, int mib)
    {
        var path = Path.Combine(folder, "bench-disk.bin");
        var block = new byte[1024 * 1024];
        Random.Shared.NextBytes(block);
        try
        {
            var sw = Stopwatch.StartNew();
            using (var f = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None))
            {
                for (var i = 0; i < mib; i++)
                {
                    block[0] = (byte)i; // not all blocks alike
                    f.Write(block);
                }
                f.Flush(flushToDisk: true);
            }
            return mib / sw.Elapsed.TotalSeconds;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>PostgreSQL's own durable-commit rate on one connection (a tight loop of one-row transactions in a scratch table).</summary>
    public static async Task<double> PostgresCommitsPerSecondAsync(string connectionString, TimeSpan duration)
    {
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync();
        await using (var create = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS bench_commits (id bigserial PRIMARY KEY, v text NOT NULL)", c))
            await create.ExecuteNonQueryAsync();
        try
        {
            await using var insert = new NpgsqlCommand("INSERT INTO bench_commits (v) VALUES ($1)", c);
            var v = new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text };
            insert.Parameters.Add(v);
            var n = 0;
            var sw = Stopwatch.StartNew();
            while (sw.Elapsed < duration)
            {
                v.Value = "commit " + n;
                await insert.ExecuteNonQueryAsync();
                n++;
            }
            return n / sw.Elapsed.TotalSeconds;
        }
        finally
        {
            await using var drop = new NpgsqlCommand("DROP TABLE IF EXISTS bench_commits", c);
            await drop.ExecuteNonQueryAsync();
        }
    }

    static void Exec(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
