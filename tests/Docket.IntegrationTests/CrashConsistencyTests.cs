using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Docket.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace Docket.IntegrationTests;

/// <summary>
/// Both crash tests share one collection: each runs a real app process of its own and kills it twenty times, and the
/// two together would only slow each other down.
/// </summary>
[CollectionDefinition(Name)]
public sealed class CrashConsistencyCollection
{
    public const string Name = "crash-consistency";
}

/// <summary>
/// SIGKILL while filers submit and upload, twenty times on one data folder and one database: after each restart
/// every receipt that was answered before the kill still stands (the filing submitted, the same receipt number,
/// every listed document downloading with the SHA-256 the receipt recorded, the audit chain valid), no temp file of
/// an interrupted upload is left behind, every stored file is named by a row (or is the known crash-window orphan,
/// see ADR 0002) and no row names a missing file. The app runs as a separate process (<c>dotnet Docket.Web.dll</c>
/// from the test's output folder): only a process of its own can be killed without warning.
/// </summary>
[Collection(CrashConsistencyCollection.Name)]
public sealed class CrashConsistencyTests(ITestOutputHelper output)
{
    const int Cycles = 20;
    const int Filers = 10;

    [Fact]
    public Task Submit_KilledTwentyTimesOnSqlite_EveryReceiptIntactAndNoHalfFiles() => RunAsync(DatabaseProvider.Sqlite);

    [PostgresFact]
    public Task Submit_KilledTwentyTimesOnPostgres_EveryReceiptIntactAndNoHalfFiles() => RunAsync(DatabaseProvider.Postgres);

    sealed record Issued(string FilingId, string Token, JsonElement Receipt, int Cycle);

    async Task RunAsync(DatabaseProvider provider)
    {
        var total = Stopwatch.StartNew();
        var dataPath = Directory.CreateTempSubdirectory("docket-crash-").FullName;
        var appPath = AppProcess.CopyBuild();
        string? connectionString = null;
        AppProcess? app = null;
        try
        {
            if (provider == DatabaseProvider.Postgres) connectionString = await CreateDatabaseAsync();
            app = await AppProcess.StartAsync(appPath, dataPath, connectionString);
            output.WriteLine($"{provider}: first start (demo seeding) {app.StartupTime.TotalSeconds:F1} s");

            var filers = await Task.WhenAll(Enumerable.Range(0, Filers).Select(_ => NewFilerAsync(app.Http)));
            var issued = new List<Issued>();
            var cutOff = new HashSet<string>(); // SHA-256 of every upload the kills cut off, across all cycles
            var crashOrphans = new HashSet<string>();
            var restarts = new List<double>();
            Task<string[]> PrepareAsync() => Task.WhenAll(filers.Select(t => CompleteDraftAsync(app.Http, t)));
            var drafts = await PrepareAsync();
            for (var cycle = 1; cycle <= Cycles; cycle++)
            {
                var storm = await StormAsync(app, filers, drafts, cycle);
                Assert.True(storm.Receipts.Count > 0, $"cycle {cycle}: no submit was answered before the kill");
                issued.AddRange(storm.Receipts);

                app.Dispose();
                app = await AppProcess.StartAsync(appPath, dataPath, connectionString);
                restarts.Add(app.StartupTime.TotalSeconds);

                var phase = Stopwatch.StartNew();
                // The store first, while nothing is in flight; then the receipts, while the next drafts are prepared.
                cutOff.UnionWith(storm.InFlightUploads);
                crashOrphans.UnionWith(await CheckStoreAsync(provider, dataPath, connectionString, app.StartedAt, cutOff, cycle));
                var next = cycle < Cycles ? PrepareAsync() : Task.FromResult(Array.Empty<string>());
                await Task.WhenAll(VerifyAllAsync(app.Http, storm.Receipts), next);
                drafts = await next;
                output.WriteLine($"cycle {cycle,2}: killed after {storm.KilledAfterMs,3} ms with {storm.InFlight} requests in flight, " +
                                 $"{storm.Receipts.Count,2} receipts and {storm.Uploads,2} uploads answered; restart {app.StartupTime.TotalSeconds:F1} s; " +
                                 $"checked (and next drafts ready) in {phase.Elapsed.TotalSeconds:F1} s");
            }

            // Crash after crash: the receipts of the first cycles are checked once more after the last restart.
            await VerifyAllAsync(app.Http, issued);
            output.WriteLine($"{provider}: {issued.Count} receipts intact after {Cycles} kills; {crashOrphans.Count} unreferenced file(s) from uploads " +
                             $"killed between rename and commit; restarts {restarts.Average():F1} s on average; {total.Elapsed.TotalSeconds:F0} s in all");
        }
        catch
        {
            if (app is not null) output.WriteLine("app output (tail):\n" + app.OutputTail());
            throw;
        }
        finally
        {
            app?.Dispose();
            if (connectionString is not null) await DropDatabaseAsync(connectionString);
            foreach (var path in new[] { dataPath, appPath })
            {
                try { Directory.Delete(path, recursive: true); }
                catch (IOException) { }
            }
        }
    }

    // --- one storm ------------------------------------------------------------------------------------------------

    sealed record Storm(List<Issued> Receipts, HashSet<string> InFlightUploads, int Uploads, int InFlight, int KilledAfterMs);

    /// <summary>
    /// Every filer submits its prepared draft and then goes on preparing and submitting new ones (create, edit, three
    /// uploads, submit) until the app is killed at a random moment between 100 and 400 ms (or, on a machine so busy
    /// that no submit has been answered by then, just after the first one is). Only answers read whole
    /// before the kill count; an upload that never got its answer may legitimately leave its file behind.
    /// </summary>
    async Task<Storm> StormAsync(AppProcess app, DocketAppFactory.Filer[] filers, string[] drafts, int cycle)
    {
        var receipts = new ConcurrentBag<Issued>();
        var inFlightUploads = new ConcurrentDictionary<string, byte>();
        var unexpected = new ConcurrentBag<string>();
        var uploads = 0;
        var inFlight = 0;
        using var stop = new CancellationTokenSource();

        async Task<HttpResponseMessage?> SendAsync(Func<HttpRequestMessage> make)
        {
            Interlocked.Increment(ref inFlight);
            try
            {
                var r = await app.Http.SendAsync(make(), stop.Token);
                await r.Content.LoadIntoBufferAsync(stop.Token);
                return r;
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
            {
                return null; // the app is gone
            }
            finally { Interlocked.Decrement(ref inFlight); }
        }

        async Task<bool> SubmitAsync(DocketAppFactory.Filer f, string id)
        {
            var r = await SendAsync(() => Request(HttpMethod.Post, $"/api/v1/filings/{id}/submit", f.Token));
            if (r is null) return false;
            if (r.StatusCode != HttpStatusCode.OK) { unexpected.Add($"submit {id}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}"); return false; }
            receipts.Add(new Issued(id, f.Token, JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.Clone(), cycle));
            return true;
        }

        async Task<bool> UploadAsync(DocketAppFactory.Filer f, string id, string kind, byte[] pdf)
        {
            var sha = Convert.ToHexStringLower(SHA256.HashData(pdf));
            inFlightUploads[sha] = 0;
            var r = await SendAsync(() => Request(HttpMethod.Post, $"/api/v1/filings/{id}/documents", f.Token, TestFiles.Multipart(kind, kind + ".pdf", pdf)));
            if (r is null) return false;
            inFlightUploads.TryRemove(sha, out _);
            if (r.StatusCode != HttpStatusCode.Created) { unexpected.Add($"upload {id}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}"); return false; }
            Interlocked.Increment(ref uploads);
            return true;
        }

        async Task FilerAsync(DocketAppFactory.Filer f, string draft)
        {
            if (!await SubmitAsync(f, draft)) return;
            while (!stop.IsCancellationRequested)
            {
                var created = await SendAsync(() => Request(HttpMethod.Post, "/api/v1/filings", f.Token,
                    DocketAppFactory.JsonBody(new { courtId = Courts.Gulang, caseType = "civil-first-instance" })));
                if (created is null) return;
                if (created.StatusCode != HttpStatusCode.Created) { unexpected.Add($"create: {(int)created.StatusCode}"); return; }
                var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.Str("id");
                var edited = await SendAsync(() => Request(HttpMethod.Put, $"/api/v1/filings/{id}", f.Token, DocketAppFactory.JsonBody(TestData.FilingBody())));
                if (edited is null) return;
                if (edited.StatusCode != HttpStatusCode.OK) { unexpected.Add($"edit {id}: {(int)edited.StatusCode}"); return; }
                if (!await UploadAsync(f, id, "complaint", TestFiles.Pdf("complaint"))) return;
                if (!await UploadAsync(f, id, "identity", TestFiles.Pdf("identity"))) return;
                // A larger one: its temp file is open for longer, so some kills land in the middle of it.
                if (!await UploadAsync(f, id, "evidence", TestFiles.LargePdf(Random.Shared.Next(64, 512) * 1024))) return;
                if (!await SubmitAsync(f, id)) return;
            }
        }

        var killAfter = Random.Shared.Next(100, 401);
        var clock = Stopwatch.StartNew();
        var workers = filers.Select((f, i) => Task.Run(() => FilerAsync(f, drafts[i]))).ToArray();
        await Task.WhenAny(Task.Delay(killAfter), Task.WhenAll(workers));
        // On a loaded machine no submit may have been answered yet: a cycle without a receipt would check nothing.
        while (receipts.IsEmpty && clock.Elapsed < TimeSpan.FromSeconds(20) && !workers.All(w => w.IsCompleted)) await Task.Delay(10);
        var inFlightAtKill = Volatile.Read(ref inFlight);
        var killedAfter = (int)clock.ElapsedMilliseconds;
        app.Kill();
        stop.Cancel();
        await Task.WhenAll(workers);
        Assert.True(unexpected.IsEmpty, $"cycle {cycle}: unexpected answers before the kill:\n{string.Join("\n", unexpected.Take(10))}");
        return new Storm([.. receipts], [.. inFlightUploads.Keys], uploads, inFlightAtKill, killedAfter);
    }

    // --- after the restart ----------------------------------------------------------------------------------------

    /// <summary>A few at a time: a thousand reads at once would only measure the database's connection limit.</summary>
    static Task VerifyAllAsync(HttpClient http, IEnumerable<Issued> receipts) =>
        Parallel.ForEachAsync(receipts, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (r, _) => await VerifyAsync(http, r));

    /// <summary>The receipt answered before the kill is still the filing's, and so is every byte it lists.</summary>
    static async Task VerifyAsync(HttpClient http, Issued issued)
    {
        var (id, token, receipt) = (issued.FilingId, issued.Token, issued.Receipt);
        var what = $"receipt {receipt.Str("receiptNumber")} of filing {id} (cycle {issued.Cycle})";

        var filing = await (await http.SendAsync(Request(HttpMethod.Get, $"/api/v1/filings/{id}", token))).ShouldBe(HttpStatusCode.OK, what);
        Assert.True(filing.Str("status") is not ("draft" or "correction-requested"), $"{what}: the filing is {filing.Str("status")} after the restart");

        var now = await (await http.SendAsync(Request(HttpMethod.Get, $"/api/v1/filings/{id}/receipt", token))).ShouldBe(HttpStatusCode.OK, what);
        Assert.Equal(receipt.Str("receiptNumber"), now.Str("receiptNumber"));
        Assert.Equal(receipt.GetProperty("version").GetInt32(), now.GetProperty("version").GetInt32());
        Assert.Equal(receipt.GetProperty("submittedAt").GetDateTimeOffset(), now.GetProperty("submittedAt").GetDateTimeOffset());
        Assert.Equal(receipt.GetProperty("documents").GetRawText(), now.GetProperty("documents").GetRawText());

        var documents = receipt.GetProperty("documents").EnumerateArray().ToList();
        Assert.True(documents.Count >= 2, $"{what}: {documents.Count} documents");
        foreach (var d in documents)
        {
            var r = await http.SendAsync(Request(HttpMethod.Get, $"/api/v1/filings/{id}/documents/{d.Str("id")}/content", token));
            Assert.True(r.StatusCode == HttpStatusCode.OK, $"{what}: document {d.Str("id")} answers {(int)r.StatusCode}");
            var bytes = await r.Content.ReadAsByteArrayAsync();
            Assert.Equal(d.GetProperty("bytes").GetInt64(), bytes.LongLength);
            Assert.True(Convert.ToHexStringLower(SHA256.HashData(bytes)) == d.Str("sha256"), $"{what}: document {d.Str("id")} does not hash to the receipt's SHA-256");
        }

        var chain = await (await http.SendAsync(Request(HttpMethod.Get, $"/api/v1/filings/{id}/history/verify", token))).ShouldBe(HttpStatusCode.OK, what);
        Assert.True(chain.GetProperty("valid").GetBoolean(), $"{what}: audit chain broken at {chain.GetProperty("firstBrokenSequence")}");
    }

    /// <summary>
    /// The document store after a restart: no temp file of an upload from before the restart (resumable partials,
    /// <c>*.upload</c>, are kept on purpose: the client resumes them), every row's file present, and every stored file
    /// named by a row — except one whose upload was cut off by the kill between the rename and the commit (ADR 0002
    /// accepts that window). Returns those.
    /// </summary>
    async Task<List<string>> CheckStoreAsync(DatabaseProvider provider, string dataPath, string? connectionString, DateTime restartedAt,
        HashSet<string> cutOff, int cycle)
    {
        var documents = Path.Combine(dataPath, "documents");
        var tmp = Path.Combine(documents, "tmp");
        var leftovers = Directory.Exists(tmp)
            ? Directory.EnumerateFileSystemEntries(tmp, "*", SearchOption.AllDirectories)
                .Where(p => !p.EndsWith(".upload", StringComparison.Ordinal) && File.GetLastWriteTimeUtc(p) < restartedAt).ToList()
            : [];
        Assert.True(leftovers.Count == 0, $"cycle {cycle}: {leftovers.Count} temp file(s) of killed uploads left after the restart: " +
                                          string.Join(", ", leftovers.Select(Path.GetFileName).Take(5)));

        HashSet<string> named;
        await using (var db = OpenDb(provider, dataPath, connectionString))
        {
            named = [.. await db.FilingDocuments.Select(d => d.Sha256).ToListAsync()];
            named.UnionWith(await db.Courts.Where(c => c.SealSha256 != null).Select(c => c.SealSha256!).ToListAsync());
        }
        var stored = Directory.EnumerateFiles(documents, "*", SearchOption.AllDirectories)
            .Where(p => !p.StartsWith(tmp + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .ToDictionary(p => Path.GetFileName(p), p => p);
        var missing = named.Where(s => !stored.ContainsKey(s)).ToList();
        Assert.True(missing.Count == 0, $"cycle {cycle}: rows name {missing.Count} file(s) that are not in the store: {string.Join(", ", missing.Take(5))}");

        var unreferenced = stored.Keys.Where(s => !named.Contains(s)).ToList();
        var unexplained = unreferenced.Where(s => !cutOff.Contains(s)).ToList();
        Assert.True(unexplained.Count == 0, $"cycle {cycle}: {unexplained.Count} stored file(s) named by no row and not from an upload cut off by the kill: " +
                                            string.Join(", ", unexplained.Select(s => stored[s]).Take(5)));
        return unreferenced;
    }

    static DocketDbContext OpenDb(DatabaseProvider provider, string dataPath, string? connectionString) => provider == DatabaseProvider.Postgres
        ? new PostgresDocketDbContext(new DbContextOptionsBuilder<PostgresDocketDbContext>().UseNpgsql(connectionString).Options)
        : new SqliteDocketDbContext(new DbContextOptionsBuilder<SqliteDocketDbContext>()
            .UseSqlite($"Data Source={Path.Combine(dataPath, "docket.db")};Pooling=False;Default Timeout=30").Options);

    // --- HTTP against the process ---------------------------------------------------------------------------------

    static HttpRequestMessage Request(HttpMethod method, string path, string? token, HttpContent? content = null)
    {
        var m = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null) m.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return m;
    }

    static async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string path, string? token, object? body, HttpStatusCode expected)
    {
        var r = await http.SendAsync(Request(method, path, token, body is null ? null : DocketAppFactory.JsonBody(body)));
        return await r.ShouldBe(expected, path);
    }

    static async Task<DocketAppFactory.Filer> NewFilerAsync(HttpClient http)
    {
        var email = $"c{Guid.NewGuid():N}"[..13] + "@crash.test";
        var password = "Crash-pass-2026-" + Guid.NewGuid().ToString("N")[..6];
        await SendAsync(http, HttpMethod.Post, "/api/v1/auth/register", null, new { email, password }, HttpStatusCode.OK);
        var token = (await SendAsync(http, HttpMethod.Post, "/api/v1/auth/login", null, new { email, password }, HttpStatusCode.OK)).Str("accessToken");
        var idNumber = TestIds.ResidentId();
        await SendAsync(http, HttpMethod.Put, "/api/v1/me/profile", token,
            new { fullName = "张三", idType = "resident-id", idNumber, phone = "13800138000" }, HttpStatusCode.OK);
        await SendAsync(http, HttpMethod.Put, "/api/v1/me/service-address", token,
            new { electronicConsent = true, phone = "13800138000", postalAddress = "甘肃省武威市古浪县古浪镇" }, HttpStatusCode.OK);
        return new DocketAppFactory.Filer(email, password, token, idNumber);
    }

    static async Task<string> CompleteDraftAsync(HttpClient http, DocketAppFactory.Filer f)
    {
        var id = (await SendAsync(http, HttpMethod.Post, "/api/v1/filings", f.Token, new { courtId = Courts.Gulang, caseType = "civil-first-instance" },
            HttpStatusCode.Created)).Str("id");
        await SendAsync(http, HttpMethod.Put, $"/api/v1/filings/{id}", f.Token, TestData.FilingBody(), HttpStatusCode.OK);
        foreach (var kind in new[] { "complaint", "identity" })
        {
            var r = await http.SendAsync(Request(HttpMethod.Post, $"/api/v1/filings/{id}/documents", f.Token,
                TestFiles.Multipart(kind, kind + ".pdf", TestFiles.Pdf(kind))));
            await r.ShouldBe(HttpStatusCode.Created, "upload " + kind);
        }
        return id;
    }

    // --- PostgreSQL -----------------------------------------------------------------------------------------------

    /// <summary>A fresh database with the schema applied (a node never migrates itself), as DocketAppFactory makes one.</summary>
    static async Task<string> CreateDatabaseAsync()
    {
        var admin = PostgresSettings.ConnectionString ?? throw new InvalidOperationException(PostgresSettings.MissingInCiMessage);
        var name = "docket_crash_" + Guid.NewGuid().ToString("N")[..12];
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        await using var db = new PostgresDocketDbContext(new DbContextOptionsBuilder<PostgresDocketDbContext>().UseNpgsql(cs).Options);
        await db.Database.MigrateAsync();
        return cs;
    }

    static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(PostgresSettings.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// Docket.Web as a process of its own (<c>dotnet Docket.Web.dll</c> from the test's output folder), demo mode,
/// Production environment, on a free loopback port; <see cref="Kill"/> is SIGKILL on Linux.
/// </summary>
public sealed class AppProcess : IDisposable
{
    readonly Process process;
    readonly ConcurrentQueue<string> tail = new();

    AppProcess(Process process, Uri address)
    {
        this.process = process;
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public HttpClient Http { get; }
    /// <summary>When the process was started (UTC): files older than this were left by an earlier one.</summary>
    public DateTime StartedAt { get; private set; }
    public TimeSpan StartupTime { get; private set; }

    /// <summary>
    /// A private copy of the build in the test's output folder: the same Docket.Web the test process has loaded, and
    /// safe from a rebuild of the folder while twenty restarts run.
    /// </summary>
    public static string CopyBuild()
    {
        var source = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var target = Directory.CreateTempSubdirectory("docket-app-").FullName;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return target;
    }

    public static async Task<AppProcess> StartAsync(string appPath, string dataPath, string? postgresConnectionString)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = appPath,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(Path.Combine(appPath, "Docket.Web.dll"));
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("Docket__", StringComparison.Ordinal)
                     || k.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || k.StartsWith("OTEL_", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(key);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["Docket__DataPath"] = dataPath;
        info.Environment["Docket__Demo"] = "true";
        info.Environment["Docket__RateLimits__SignInPerMinute"] = "1000000";
        info.Environment["Docket__RateLimits__RegisterPerMinute"] = "1000000";
        info.Environment["Docket__RateLimits__UploadPerMinute"] = "1000000";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        if (postgresConnectionString is not null)
        {
            info.Environment["Docket__DatabaseProvider"] = "postgres";
            info.Environment["ConnectionStrings__Docket"] = postgresConnectionString;
        }
        else
        {
            info.Environment["Docket__DatabaseProvider"] = "sqlite";
        }

        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        var app = new AppProcess(new Process { StartInfo = info, EnableRaisingEvents = true }, new Uri($"http://127.0.0.1:{port}"))
        {
            StartedAt = started,
        };
        app.process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        app.process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        app.process.Start();
        app.process.BeginOutputReadLine();
        app.process.BeginErrorReadLine();
        try
        {
            await app.WaitReadyAsync(TimeSpan.FromSeconds(180));
        }
        catch
        {
            app.Dispose();
            throw;
        }
        app.StartupTime = clock.Elapsed;
        return app;
    }

    async Task WaitReadyAsync(TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"Docket.Web exited with {process.ExitCode} before it was ready:\n{OutputTail()}");
            try
            {
                using var r = await Http.GetAsync("/readyz");
                if (r.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { /* not listening yet */ }
            await Task.Delay(50);
        }
        throw new TimeoutException($"Docket.Web was not ready within {timeout.TotalSeconds} s:\n{OutputTail()}");
    }

    void Keep(string? line)
    {
        if (line is null) return;
        tail.Enqueue(line);
        while (tail.Count > 200) tail.TryDequeue(out _);
    }

    public string OutputTail() => string.Join("\n", tail);

    /// <summary>SIGKILL: no shutdown, no flush, no disposal — what a power cut looks like to the process.</summary>
    public void Kill()
    {
        if (process.HasExited) return;
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public void Dispose()
    {
        try { Kill(); }
        catch (InvalidOperationException) { /* never started */ }
        Http.Dispose();
        process.Dispose();
    }

    static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
