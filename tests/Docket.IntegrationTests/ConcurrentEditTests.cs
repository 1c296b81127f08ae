using System.Net;

namespace Docket.IntegrationTests;

/// <summary>
/// Optimistic concurrency on filings (one app-managed version token on both providers): an edit sent with
/// <c>If-Match</c> applies only to the version it read; of concurrent edits of one version exactly one wins and the
/// others answer 409.
/// </summary>
public abstract class ConcurrentEditTestsBase(DocketAppFactory app)
{
    protected async Task StaleAndConcurrentEditsAsync()
    {
        var filer = await app.NewFilerAsync();
        var id = await app.CreateDraftAsync(filer.Token);
        var read = await app.GetAsync($"/api/v1/filings/{id}", filer.Token);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var etag = read.Headers.ETag!.Tag;
        var version = (await read.ShouldBe(HttpStatusCode.OK)).GetProperty("version").GetInt32();
        Assert.Equal($"\"{version}\"", etag);

        var first = await app.PutAsync($"/api/v1/filings/{id}", TestData.FilingBody(), filer.Token, m => m.Headers.TryAddWithoutValidation("If-Match", etag));
        await first.ShouldBe(HttpStatusCode.OK, "edit of the version read");
        Assert.NotEqual(etag, first.Headers.ETag!.Tag);
        // The same stale version again: refused, the first edit stands.
        var stale = await app.PutAsync($"/api/v1/filings/{id}", TestData.FilingBody(amount: 1m), filer.Token, m => m.Headers.TryAddWithoutValidation("If-Match", etag));
        await stale.ShouldBeProblem(409, "request.concurrent-change");
        Assert.Equal(130000m, (await app.FilingAsync(id, filer.Token)).GetProperty("claimAmount").GetDecimal());
        await (await app.PutAsync($"/api/v1/filings/{id}", TestData.FilingBody(), filer.Token, m => m.Headers.TryAddWithoutValidation("If-Match", "\"x\"")))
            .ShouldBeFieldError("If-Match");

        // Eight edits of one version at once: one wins, seven are told to reload — none is lost silently, none is a 500.
        var current = (await app.GetAsync($"/api/v1/filings/{id}", filer.Token)).Headers.ETag!.Tag;
        var results = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Task.Run(() =>
            app.PutAsync($"/api/v1/filings/{id}", TestData.FilingBody(amount: 1000m + i), filer.Token, m => m.Headers.TryAddWithoutValidation("If-Match", current)))));
        Assert.Equal(1, results.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(7, results.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var winner = await results.Single(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(winner.GetProperty("claimAmount").GetDecimal(), (await app.FilingAsync(id, filer.Token)).GetProperty("claimAmount").GetDecimal());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteConcurrentEditTests(SqliteAppFactory app) : ConcurrentEditTestsBase(app)
{
    [Fact]
    public Task Edit_StaleOrConcurrentOnSqlite_409() => StaleAndConcurrentEditsAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresConcurrentEditTests(PostgresAppFactory app) : ConcurrentEditTestsBase(app)
{
    [PostgresFact]
    public Task Edit_StaleOrConcurrentOnPostgres_409() => StaleAndConcurrentEditsAsync();
}
