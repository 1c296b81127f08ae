using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Docket.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Docket.IntegrationTests;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>
/// One running Docket app (demo mode, Production environment) on its own temp data folder, served by Kestrel on a
/// loopback port so that the server's own limits (the 4 MiB JSON body limit, per-request upload limits) are the
/// real ones — the in-memory TestServer enforces no body size at all. One instance per test collection: startup
/// seeds the demo accounts, which costs a few seconds of password hashing.
/// </summary>
public abstract class DocketAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>Hosts are built one at a time: startup is CPU-bound and the minimal-hosting hook is process-wide.</summary>
    static readonly SemaphoreSlim StartGate = new(1, 1);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    public const string DemoPassword = "Docket-demo-2026";

    HttpClient? client;
    int cleanedUp;
    Task<Filer>? sharedFiler;
    readonly object sharedFilerGate = new();

    protected DocketAppFactory(DatabaseProvider provider)
    {
        Provider = provider;
        DataPath = Directory.CreateTempSubdirectory("docket-it-").FullName;
        ownsStorage = true;
        UseKestrel(0);
    }

    /// <summary>
    /// One node of several on a PostgreSQL database and a data folder made (and removed) by someone else: the
    /// schema is already applied, and the folder is the shared document store.
    /// </summary>
    protected DocketAppFactory(string connectionString, string sharedDataPath)
    {
        Provider = DatabaseProvider.Postgres;
        DataPath = sharedDataPath;
        ConnectionString = connectionString;
        ownsStorage = false;
        UseKestrel(0);
    }

    readonly bool ownsStorage;

    public DatabaseProvider Provider { get; }

    /// <summary>The app's <c>Docket:DataPath</c>; deleted on dispose.</summary>
    public string DataPath { get; }

    /// <summary>Where the document store keeps its files (<c>{DataPath}/documents</c>).</summary>
    public string DocumentsPath => Path.Combine(DataPath, "documents");

    /// <summary>PostgreSQL only: the connection string of this instance's own database.</summary>
    public string? ConnectionString { get; private set; }

    /// <summary>A client without credentials, shared by the tests of a collection; tokens go on each request.</summary>
    public HttpClient Http => client ?? throw new InvalidOperationException("The app has not been started.");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Docket:DataPath", DataPath);
        builder.UseSetting("Docket:Demo", "true");
        // Every test signs in from 127.0.0.1: the per-address limits are tested on their own (RateLimitTests).
        builder.UseSetting("Docket:RateLimits:SignInPerMinute", "1000000");
        builder.UseSetting("Docket:RateLimits:RegisterPerMinute", "1000000");
        builder.UseSetting("Docket:RateLimits:UploadPerMinute", "1000000");
        if (Provider == DatabaseProvider.Postgres)
        {
            builder.UseSetting("Docket:DatabaseProvider", "postgres");
            builder.UseSetting("ConnectionStrings:Docket", ConnectionString);
        }
        else
        {
            builder.UseSetting("Docket:DatabaseProvider", "sqlite");
        }
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
    }

    public async Task InitializeAsync()
    {
        if (Provider == DatabaseProvider.Postgres && ownsStorage)
        {
            var admin = PostgresSettings.ConnectionString;
            if (admin is null)
            {
                // A developer without PostgreSQL: the tests are skipped by [PostgresFact]; in CI they must not be.
                if (PostgresSettings.InCi) throw new InvalidOperationException(PostgresSettings.MissingInCiMessage);
                return;
            }
            ConnectionString = await CreateDatabaseAsync(admin);
            // On PostgreSQL the app never migrates itself (it refuses to start with pending migrations): the schema
            // is applied first, as the `migrate` command does in a deployment.
            await using var db = new PostgresDocketDbContext(new DbContextOptionsBuilder<PostgresDocketDbContext>().UseNpgsql(ConnectionString).Options);
            await db.Database.MigrateAsync();
        }

        await StartGate.WaitAsync();
        try
        {
            StartServer();
            // A plain client on the port Kestrel bound: no cookies (the API is bearer-only), no redirects, and a long
            // Expect: 100-continue wait, so that a body the server refuses up front is never sent (a server that closes
            // on an unread body could otherwise reset the connection before the client reads the 413).
            var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            client = new HttpClient(new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                Expect100ContinueTimeout = TimeSpan.FromSeconds(30),
            })
            {
                BaseAddress = new Uri(address),
                Timeout = TimeSpan.FromSeconds(60),
            };
        }
        finally
        {
            StartGate.Release();
        }
    }

    static async Task<string> CreateDatabaseAsync(string adminConnectionString)
    {
        var name = "docket_t_" + Guid.NewGuid().ToString("N")[..12];
        await using (var conn = new NpgsqlConnection(adminConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    public override async ValueTask DisposeAsync()
    {
        client?.Dispose();
        await base.DisposeAsync();
        await CleanUpAsync();
        GC.SuppressFinalize(this);
    }

    async Task CleanUpAsync()
    {
        if (Interlocked.Exchange(ref cleanedUp, 1) == 1 || !ownsStorage) return;
        if (ConnectionString is not null && PostgresSettings.ConnectionString is { } admin)
        {
            var name = new NpgsqlConnectionStringBuilder(ConnectionString).Database;
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(admin);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        try { Directory.Delete(DataPath, recursive: true); }
        catch (IOException) { /* a file still open by a dying host: the temp folder is the OS's to clean */ }
        catch (UnauthorizedAccessException) { }
    }

    // --- HTTP -------------------------------------------------------------------------------------------------

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token = null, HttpContent? content = null,
        Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        configure?.Invoke(request);
        return Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? token = null, Action<HttpRequestMessage>? configure = null) =>
        SendAsync(HttpMethod.Get, path, token, null, configure);

    public Task<HttpResponseMessage> PostAsync(string path, object? body = null, string? token = null, Action<HttpRequestMessage>? configure = null) =>
        SendAsync(HttpMethod.Post, path, token, body is null ? null : JsonBody(body), configure);

    public Task<HttpResponseMessage> PutAsync(string path, object? body, string? token = null, Action<HttpRequestMessage>? configure = null) =>
        SendAsync(HttpMethod.Put, path, token, JsonBody(body), configure);

    public Task<HttpResponseMessage> DeleteAsync(string path, string? token = null) => SendAsync(HttpMethod.Delete, path, token);

    /// <summary>A JSON body with a Content-Length (no chunked encoding), camelCase as the API speaks.</summary>
    public static HttpContent JsonBody(object? body) => RawJson(JsonSerializer.SerializeToUtf8Bytes(body, Json));

    public static HttpContent RawJson(string json) => RawJson(Encoding.UTF8.GetBytes(json));

    public static HttpContent RawJson(byte[] utf8)
    {
        var c = new ByteArrayContent(utf8);
        c.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return c;
    }

    /// <summary>POST …/documents as multipart: a <c>kind</c> field (unless null) and a <c>file</c> part (unless null).</summary>
    public Task<HttpResponseMessage> UploadAsync(string filingId, string token, string? kind, string? fileName, byte[]? bytes,
        string mediaType = "application/pdf", Action<HttpRequestMessage>? configure = null) =>
        SendAsync(HttpMethod.Post, $"/api/v1/filings/{filingId}/documents", token, TestFiles.Multipart(kind, fileName, bytes, mediaType), configure);

    // --- journeys ---------------------------------------------------------------------------------------------

    /// <summary>Signs in with a password; returns the bearer access token.</summary>
    public async Task<string> LoginAsync(string email, string password = DemoPassword) =>
        (await LoginTokensAsync(email, password)).GetProperty("accessToken").GetString()!;

    public async Task<JsonElement> LoginTokensAsync(string email, string password = DemoPassword)
    {
        var r = await PostAsync("/api/v1/auth/login", new { email, password });
        var json = await r.ShouldBe(HttpStatusCode.OK, $"login {email}");
        Assert.Equal("Bearer", json.GetProperty("tokenType").GetString());
        return json;
    }

    public sealed record Filer(string Email, string Password, string Token, string IdNumber);

    /// <summary>Registers a filer, signs in, completes the real-name profile (a valid resident ID) and the service address.</summary>
    public async Task<Filer> NewFilerAsync()
    {
        var email = $"u{Guid.NewGuid():N}"[..13] + "@it.test";
        var password = "It-pass-2026-" + Guid.NewGuid().ToString("N")[..6];
        await (await PostAsync("/api/v1/auth/register", new { email, password })).ShouldBe(HttpStatusCode.OK, "register");
        var token = await LoginAsync(email, password);
        var idNumber = TestIds.ResidentId();
        await (await PutAsync("/api/v1/me/profile", new { fullName = "张三", idType = "resident-id", idNumber, phone = "13800138000" }, token))
            .ShouldBe(HttpStatusCode.OK, "profile");
        await (await PutAsync("/api/v1/me/service-address",
                new { electronicConsent = true, phone = "13800138000", postalAddress = "甘肃省武威市古浪县古浪镇" }, token))
            .ShouldBe(HttpStatusCode.OK, "service address");
        return new Filer(email, password, token, idNumber);
    }

    /// <summary>
    /// One filer for the whole collection, for tests that only need *a* signed-in filer (registering costs two
    /// password hashes). Tests that change the filer's own account must use <see cref="NewFilerAsync"/>.
    /// </summary>
    public Task<Filer> SharedFilerAsync()
    {
        lock (sharedFilerGate) return sharedFiler is { IsFaulted: false, IsCanceled: false } ? sharedFiler : sharedFiler = NewFilerAsync();
    }

    public async Task<string> CreateDraftAsync(string token, string courtId = "620622", string caseType = "civil-first-instance")
    {
        var r = await PostAsync("/api/v1/filings", new { courtId, caseType }, token);
        return (await r.ShouldBe(HttpStatusCode.Created, "create filing")).GetProperty("id").GetString()!;
    }

    /// <summary>A draft with everything a civil property claim needs (complaint and identity PDFs): ready to submit.</summary>
    public async Task<string> CompleteFilingAsync(string token, string courtId = "620622", decimal amount = 130000m)
    {
        var id = await CreateDraftAsync(token, courtId);
        await (await PutAsync($"/api/v1/filings/{id}", TestData.FilingBody(amount), token)).ShouldBe(HttpStatusCode.OK, "update filing");
        foreach (var kind in new[] { "complaint", "identity" })
            await (await UploadAsync(id, token, kind, kind + ".pdf", TestFiles.Pdf(kind))).ShouldBe(HttpStatusCode.Created, "upload " + kind);
        return id;
    }

    public async Task<JsonElement> SubmitAsync(string filingId, string token) =>
        await (await PostAsync($"/api/v1/filings/{filingId}/submit", null, token)).ShouldBe(HttpStatusCode.OK, "submit");

    /// <summary>Runs <paramref name="change"/> on a tracked DbContext of the running app (e.g. to adjust a court's policy).</summary>
    public async Task WithDbAsync(Func<DocketDbContext, Task> change)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocketDbContext>();
        await change(db);
        await db.SaveChangesAsync();
    }
}

public sealed class SqliteAppFactory() : DocketAppFactory(DatabaseProvider.Sqlite);

public sealed class PostgresAppFactory() : DocketAppFactory(DatabaseProvider.Postgres);

/// <summary>Journey, scoping, accounts, public endpoints and concurrency on SQLite.</summary>
[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteAppFactory>
{
    public const string Name = "sqlite";
}

/// <summary>
/// Bad input and document storage on SQLite, on an app of their own: they count the files in the data folder and
/// change a court's policy, which must not race with uploads from other tests.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SqliteUploadsCollection : ICollectionFixture<SqliteAppFactory>
{
    public const string Name = "sqlite-uploads";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresAppFactory>
{
    public const string Name = "postgres";
}

public static class PostgresSettings
{
    public const string Variable = "DOCKET_TEST_POSTGRES";

    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } cs ? cs : null;

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public const string MissingInCiMessage =
        "CI=true but " + Variable + " is not set: the PostgreSQL tests must run in CI. Set it to an Npgsql connection " +
        "string of a server where databases may be created (test.sh starts a throwaway cluster and sets it).";

    public const string SkipMessage =
        Variable + " is not set: PostgreSQL tests not run on this machine (set it to an Npgsql connection string of a " +
        "server where databases may be created; in CI, CI=true makes this a failure instead).";

    /// <summary>Skip only on a developer machine; in CI the test runs and its fixture fails with a clear message.</summary>
    public static string? SkipReason => ConnectionString is null && !InCi ? SkipMessage : null;
}

/// <summary>A fact that needs PostgreSQL: skipped with an explicit message outside CI when no server is configured.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresSettings.SkipReason is { } reason) Skip = reason;
    }
}

public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        if (PostgresSettings.SkipReason is { } reason) Skip = reason;
    }
}
