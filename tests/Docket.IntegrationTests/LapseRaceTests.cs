using Docket.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Docket.IntegrationTests;

/// <summary>
/// The lapse job on several nodes at once ("Safe on several nodes", LapseJob): rounds running together lapse each
/// overdue filing exactly once and never fail — on SQLite and on PostgreSQL, where the writes really overlap. The due
/// dates are moved into the past in the database (these apps run on the real clock).
/// </summary>
public abstract class LapseRaceTestsBase(DocketAppFactory app)
{
    protected async Task ConcurrentRoundsAsync()
    {
        var filer = await app.NewFilerAsync();
        var clerk = await app.ClerkAsync();
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var id = await app.ClaimedFilingAsync(filer.Token, clerk);
            await app.ReviewAsync("request-correction", id, clerk, new { items = new[] { new { message = "请补充证据目录" } } });
            ids.Add(id);
        }
        var yesterday = ReviewKit.ShanghaiToday().AddDays(-1);
        await app.WithDbAsync(db => db.Filings.Where(f => ids.Contains(f.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.CorrectionDueDate, yesterday)));

        var job = app.Services.GetRequiredService<LapseJob>();
        var rounds = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => job.RunOnceAsync(default))));
        Assert.InRange(rounds.Sum(), 0, ids.Count);   // the app's own loop may have taken some first
        await job.RunOnceAsync(default);

        foreach (var id in ids)
        {
            Assert.Equal("lapsed", (await app.FilingAsync(id, filer.Token)).Str("status"));
            Assert.Single(await app.HistoryAsync(id, filer.Token), e => e.Str("action") == "lapse");
            await app.AssertChainVerifiesAsync(id, filer.Token, 5);
            Assert.Single(await app.NotificationsAsync(filer.Token), n => n.Str("filingId") == id && n.Str("kind") == "lapsed");
        }
    }
}

[Collection(SqliteReviewCollection.Name)]
public sealed class SqliteLapseRaceTests(SqliteAppFactory app) : LapseRaceTestsBase(app)
{
    [Fact]
    public Task RunOnce_FourRoundsAtOnceOnSqlite_EachFilingLapsedOnceWithoutErrors() => ConcurrentRoundsAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresLapseRaceTests(PostgresAppFactory app) : LapseRaceTestsBase(app)
{
    [PostgresFact]
    public Task RunOnce_FourRoundsAtOnceOnPostgres_EachFilingLapsedOnceWithoutErrors() => ConcurrentRoundsAsync();
}
