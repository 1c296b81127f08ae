using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Docket.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace Docket.IntegrationTests;

/// <summary>One app node of two on the same PostgreSQL database and the same document folder.</summary>
public sealed class PostgresNode(string connectionString, string sharedDataPath) : DocketAppFactory(connectionString, sharedDataPath);

/// <summary>
/// Two stateless nodes behind an imaginary load balancer: one PostgreSQL database (schema applied once, as
/// <c>migrate</c> does), one shared document folder, each node with its own background workers.
/// </summary>
public sealed class TwoNodes : IAsyncLifetime
{
    string? database;
    string? dataPath;
    public PostgresNode A { get; private set; } = null!;
    public PostgresNode B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (PostgresSettings.ConnectionString is not { } admin)
        {
            if (PostgresSettings.InCi) throw new InvalidOperationException(PostgresSettings.MissingInCiMessage);
            return;
        }
        database = "docket_2n_" + Guid.NewGuid().ToString("N")[..12];
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        var cs = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
        await using (var db = new PostgresDocketDbContext(new DbContextOptionsBuilder<PostgresDocketDbContext>().UseNpgsql(cs).Options))
            await db.Database.MigrateAsync();
        dataPath = Directory.CreateTempSubdirectory("docket-2n-").FullName;
        A = new PostgresNode(cs, dataPath);
        B = new PostgresNode(cs, dataPath);
        // Both start at once, as two nodes of a fresh deployment would: demo seeding must be idempotent under the race.
        await Task.WhenAll(A.InitializeAsync(), B.InitializeAsync());
    }

    public async Task DisposeAsync()
    {
        if (database is null) return;
        await A.DisposeAsync();
        await B.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using (var conn = new NpgsqlConnection(PostgresSettings.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        try { Directory.Delete(dataPath!, recursive: true); }
        catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class TwoNodeCollection : ICollectionFixture<TwoNodes>
{
    public const string Name = "two-nodes";
}

/// <summary>
/// Scale-out on one database: a token or cookie issued by one node works on the other (the data-protection key
/// ring lives in the database), documents stored through one are read through the other, case numbers stay
/// consecutive when registrations alternate between the nodes, and each notification is delivered once although
/// both nodes run the delivery worker.
/// </summary>
[Collection(TwoNodeCollection.Name)]
public sealed partial class TwoNodeTests(TwoNodes nodes, ITestOutputHelper output)
{
    [PostgresFact]
    public async Task TokensCookiesAndDocuments_IssuedByOneNode_AcceptedByTheOther()
    {
        var (a, b) = (nodes.A, nodes.B);
        var filer = await a.NewFilerAsync();
        await (await b.GetAsync("/api/v1/me", filer.Token)).ShouldBe(HttpStatusCode.OK, "A's bearer token on B");
        var refreshed = await (await b.PostAsync("/api/v1/auth/refresh", new { refreshToken = (await a.LoginTokensAsync(filer.Email, filer.Password)).Str("refreshToken") }))
            .ShouldBe(HttpStatusCode.OK, "A's refresh token on B");
        await (await a.GetAsync("/api/v1/me", refreshed.Str("accessToken"))).ShouldBe(HttpStatusCode.OK, "B's token on A");

        // A document stored through A is read through B, byte for byte.
        var id = await a.CompleteFilingAsync(filer.Token);
        var bytes = TestFiles.Pdf("two nodes");
        var doc = await (await a.UploadAsync(id, filer.Token, "evidence", "e.pdf", bytes)).ShouldBe(HttpStatusCode.Created);
        var read = await b.GetAsync($"/api/v1/filings/{id}/documents/{doc.Str("id")}/content", filer.Token);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(bytes, await read.Content.ReadAsByteArrayAsync());

        // The page cookie and the antiforgery token: the login form comes from A, is posted to B, and B's cookie opens A's pages.
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false });
        var form = await (await browser.GetAsync(new Uri(a.Http.BaseAddress!, "/Account/Login"))).Content.ReadAsStringAsync();
        var token = WebUtility.HtmlDecode(AntiforgeryField().Match(form).Groups[1].Value);
        // Cookies are per host and port: carry A's antiforgery cookie over to B as a browser behind one balancer would.
        foreach (Cookie c in cookies.GetCookies(a.Http.BaseAddress!)) cookies.Add(b.Http.BaseAddress!, new Cookie(c.Name, c.Value, "/"));
        var login = await browser.PostAsync(new Uri(b.Http.BaseAddress!, "/Account/Login"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = filer.Email, ["Password"] = filer.Password, ["__RequestVerificationToken"] = token,
        }));
        Assert.True(login.StatusCode == HttpStatusCode.Redirect, $"login on B with A's form: {(int)login.StatusCode}");
        foreach (Cookie c in cookies.GetCookies(b.Http.BaseAddress!)) cookies.Add(a.Http.BaseAddress!, new Cookie(c.Name, c.Value, "/"));
        var page = await browser.GetAsync(new Uri(a.Http.BaseAddress!, "/Filings"));
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"B's cookie on A: {(int)page.StatusCode} {page.Headers.Location}");
    }

    [PostgresFact]
    public async Task ConcurrentRegistrations_AlternatingNodes_ConsecutiveNumbers_AndEachNotificationDeliveredOnce()
    {
        var (a, b) = (nodes.A, nodes.B);
        const int n = 16;
        var filer = await a.NewFilerAsync();
        var clerkA = await a.ClerkAsync(Courts.Minqin);
        var clerkB = await b.ClerkAsync(Courts.Minqin);
        var ids = new List<string>();
        for (var i = 0; i < n; i++)
        {
            var (id, _) = await a.SubmittedFilingAsync(filer.Token, Courts.Minqin);
            await (i % 2 == 0 ? a : b).ReviewAsync("claim", id, i % 2 == 0 ? clerkA : clerkB);
            ids.Add(id);
        }

        var watch = Stopwatch.StartNew();
        var numbers = await Task.WhenAll(ids.Select((id, i) => Task.Run(async () =>
            (await (i % 2 == 0 ? a : b).ReviewAsync("register", id, i % 2 == 0 ? clerkA : clerkB)).Str("caseNumber"))));
        watch.Stop();
        output.WriteLine($"{n} concurrent registrations over two nodes: {watch.ElapsedMilliseconds} ms");

        var sequences = numbers.Select(ReviewKit.Sequence).Order().ToList();
        Assert.Equal(n, sequences.Distinct().Count());
        Assert.Equal(Enumerable.Range(sequences[0], n), sequences);
        // A fresh database: the court's numbers of the year start at 1.
        Assert.Equal(1, sequences[0]);

        // Both nodes run the delivery worker: every notification goes out by SMS exactly once.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        int pending;
        do
        {
            await Task.Delay(250);
            pending = await a.ReadDbAsync(db => db.Notifications.CountAsync(x => x.DeliveredAt == null));
        } while (pending > 0 && DateTime.UtcNow < deadline);
        Assert.Equal(0, pending);
        var (sent, texts) = await a.ReadDbAsync(async db => (
            await db.Notifications.CountAsync(x => x.SmsSentAt != null),
            await db.DevSmsMessages.CountAsync(m => !m.Text.Contains("验证码"))));
        Assert.True(sent >= 2 * n, $"expected at least {2 * n} notifications sent, got {sent}");
        Assert.Equal(sent, texts);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
