using System.Net;
using Docket.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Docket.IntegrationTests;

/// <summary>
/// Case numbers (case-numbers.md): per court, type code and year from 1, no gaps, no duplicates — under concurrent
/// registrations, and a failed registration consumes no number. The allocator is driven directly (inside the
/// caller's transaction) and through the register endpoint, on SQLite and on PostgreSQL.
/// </summary>
public abstract class CaseNumberAllocatorTestsBase(DocketAppFactory app)
{
    /// <summary>A year no registration uses, so that every key of one test starts fresh.</summary>
    static int FreshYear() => 2100 + Random.Shared.Next(0, 7000);

    protected async Task AllocatorAsync()
    {
        var year = FreshYear();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocketDbContext>();
        var numbers = scope.ServiceProvider.GetRequiredService<NumberAllocator>();

        // Outside a transaction the number could not be returned on failure: refused.
        await Assert.ThrowsAsync<InvalidOperationException>(() => numbers.NextAsync(Courts.Gulang, "财保", year, default));

        async Task<int[]> Allocate(bool commit, params (string Court, string Type, int Year)[] keys)
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var got = new List<int>();
            foreach (var k in keys) got.Add(await numbers.NextAsync(k.Court, k.Type, k.Year, default));
            if (commit) await tx.CommitAsync();
            else await tx.RollbackAsync();
            return [.. got];
        }
        var key = (Courts.Gulang, "财保", year);

        Assert.Equal(new[] { 1, 2 }, await Allocate(true, key, key));
        Assert.Equal(new[] { 3 }, await Allocate(false, key));
        Assert.Equal(new[] { 3 }, await Allocate(true, key));            // the rolled-back number comes again
        Assert.Equal(new[] { 1 }, await Allocate(true, (Courts.Gulang, "财保", year + 1)));     // a new year starts at 1
        Assert.Equal(new[] { 1 }, await Allocate(true, (Courts.Gulang, "民诉前调", year)));     // type codes count separately
        Assert.Equal(new[] { 1 }, await Allocate(true, (Courts.Minqin, "财保", year)));         // courts count separately
        Assert.Equal(new[] { 4, 2, 2 }, await Allocate(true, key, (Courts.Gulang, "财保", year + 1), (Courts.Minqin, "财保", year)));

        // The very first number of a key, rolled back (the counter row with it), is handed out again.
        var fresh = (Courts.Tianzhu, "执异", year);
        Assert.Equal(new[] { 1, 2 }, await Allocate(false, fresh, fresh));
        Assert.Equal(new[] { 1 }, await Allocate(true, fresh));

        // A transaction disposed without commit (an exception on the way) rolls back too.
        await using (var tx = await db.Database.BeginTransactionAsync())
            Assert.Equal(5, await numbers.NextAsync(key.Item1, key.Item2, key.Item3, default));
        Assert.Equal(new[] { 5 }, await Allocate(true, key));

        var counters = await db.CaseNumberCounters.AsNoTracking().Where(c => c.Year == year || c.Year == year + 1).ToListAsync();
        Assert.Equal(6, counters.Single(c => c.CourtId == Courts.Gulang && c.TypeCode == "财保" && c.Year == year).NextValue);
    }

    /// <summary>Concurrent transactions queue on the counter: the committed numbers are 1..n whatever rolls back.</summary>
    protected async Task ConcurrentAllocationsAsync()
    {
        var year = FreshYear();
        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(async i =>
        {
            await Task.Yield();
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DocketDbContext>();
            var numbers = scope.ServiceProvider.GetRequiredService<NumberAllocator>();
            await using var tx = await db.Database.BeginTransactionAsync();
            var n = await numbers.NextAsync(Courts.Gulang, "民催", year, default);
            await Task.Delay(10);
            if (i % 3 == 0)
            {
                await tx.RollbackAsync();
                return (n, Committed: false);
            }
            await tx.CommitAsync();
            return (n, Committed: true);
        }));
        Assert.Equal(Enumerable.Range(1, 8), results.Where(r => r.Committed).Select(r => r.n).Order());
    }

    protected async Task TwentyConcurrentRegistrationsAsync()
    {
        var filer = await app.NewFilerAsync();
        var clerk = await app.ClerkAsync();
        var first = await app.ClaimedFilingAsync(filer.Token, clerk);
        var baseline = ReviewKit.ParseCaseNumber((await app.ReviewAsync("register", first, clerk)).Str("caseNumber"));

        var ids = new List<string>();
        var gate = new SemaphoreSlim(4);
        ids.AddRange(await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            await gate.WaitAsync();
            try { return await app.ClaimedFilingAsync(filer.Token, clerk, amount: 10000m + i); }
            finally { gate.Release(); }
        })));

        var responses = await Task.WhenAll(ids.Select(id => app.ReviewCallAsync("register", id, clerk)));
        var numbers = new Dictionary<string, string>();
        for (var i = 0; i < ids.Count; i++) numbers[ids[i]] = (await responses[i].ShouldBe(HttpStatusCode.OK, "concurrent register")).Str("caseNumber");

        var parsed = numbers.Values.Select(ReviewKit.ParseCaseNumber).ToList();
        Assert.All(parsed, p => Assert.Equal((baseline.Year, "甘0622", "民初"), (p.Year, p.Court, p.Type)));
        Assert.Equal(Enumerable.Range(baseline.Sequence + 1, 20), parsed.Select(p => p.Sequence).Order());
        foreach (var (id, number) in numbers)
        {
            var f = await app.FilingAsync(id, filer.Token);
            Assert.Equal("registered", f.Str("status"));
            Assert.Equal(number, f.Str("caseNumber"));
        }
        var next = await app.ClaimedFilingAsync(filer.Token, clerk);
        Assert.Equal(baseline.Sequence + 21, ReviewKit.Sequence((await app.ReviewAsync("register", next, clerk)).Str("caseNumber")));
    }

    /// <summary>A double click: the same filing registered twice at once gets one number, and the other takes none.</summary>
    protected async Task DoubleRegistrationAsync()
    {
        var filer = await app.NewFilerAsync();
        var clerk = await app.ClerkAsync();
        for (var round = 0; round < 3; round++)
        {
            var id = await app.ClaimedFilingAsync(filer.Token, clerk);
            var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => app.ReviewCallAsync("register", id, clerk)));
            var ok = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
            foreach (var r in responses.Where(r => r != ok)) await r.ShouldBeProblem(409);
            var number = ReviewKit.Sequence((await ok.ShouldBe(HttpStatusCode.OK)).Str("caseNumber"));
            Assert.Single(await app.HistoryAsync(id, filer.Token), e => e.Str("action") == "register");
            var next = await app.ClaimedFilingAsync(filer.Token, clerk);
            Assert.Equal(number + 1, ReviewKit.Sequence((await app.ReviewAsync("register", next, clerk)).Str("caseNumber")));
        }
    }

    protected async Task FailedRegistrationsAsync()
    {
        var filer = await app.NewFilerAsync();
        var clerk = await app.ClerkAsync();
        var a = await app.ClaimedFilingAsync(filer.Token, clerk);
        var baseline = ReviewKit.Sequence((await app.ReviewAsync("register", a, clerk)).Str("caseNumber"));

        // Fails after the number was taken: switching a labour dispute to the property matter without an amount.
        var b = await app.ClaimedFilingAsync(filer.Token, clerk, amount: null, edit: body => { body["matter"] = "labour"; body["cause"] = "劳动争议"; });
        await (await app.ReviewCallAsync("register", b, clerk, new { matter = "property" })).ShouldBeFieldError("claimAmount", "property without amount");
        var fb = await app.FilingAsync(b, filer.Token);
        Assert.Equal("under-review", fb.Str("status"));
        Assert.Equal("labour", fb.Str("matter"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, fb.GetProperty("caseNumber").ValueKind);
        Assert.DoesNotContain(await app.HistoryAsync(b, filer.Token), e => e.Str("action") == "register");

        // Withdrawn by the filer between claim and register.
        var c = await app.ClaimedFilingAsync(filer.Token, clerk);
        await (await app.PostAsync($"/api/v1/filings/{c}/withdraw", null, filer.Token)).ShouldBe(HttpStatusCode.OK);
        await (await app.ReviewCallAsync("register", c, clerk)).ShouldBeProblem(409, "filing.invalid-transition");

        var d = await app.ClaimedFilingAsync(filer.Token, clerk);
        Assert.Equal(baseline + 1, ReviewKit.Sequence((await app.ReviewAsync("register", d, clerk)).Str("caseNumber")));
        Assert.Equal(baseline + 2, ReviewKit.Sequence((await app.ReviewAsync("register", b, clerk)).Str("caseNumber")));
        Assert.Equal(10m, (await app.FilingAsync(b, filer.Token)).GetProperty("fee").GetProperty("amount").GetDecimal());
    }
}

[Collection(SqliteReviewCollection.Name)]
public sealed class SqliteCaseNumberAllocatorTests(SqliteAppFactory app) : CaseNumberAllocatorTestsBase(app)
{
    [Fact]
    public Task NextAsync_RollbackNewYearOtherTypeAndCourtOnSqlite_GapFreeCounters() => AllocatorAsync();

    [Fact]
    public Task NextAsync_ConcurrentTransactionsSomeRolledBackOnSqlite_CommittedNumbersGapFree() => ConcurrentAllocationsAsync();

    [Fact]
    public Task Register_TwentyConcurrentClaimedFilingsOnSqlite_ConsecutiveCaseNumbers() => TwentyConcurrentRegistrationsAsync();

    [Fact]
    public Task Register_FailedOrRefusedOnSqlite_ConsumesNoNumber() => FailedRegistrationsAsync();

    [Fact]
    public Task Register_SameFilingThriceAtOnceOnSqlite_OneNumberNoGap() => DoubleRegistrationAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresCaseNumberAllocatorTests(PostgresAppFactory app) : CaseNumberAllocatorTestsBase(app)
{
    [PostgresFact]
    public Task NextAsync_RollbackNewYearOtherTypeAndCourtOnPostgres_GapFreeCounters() => AllocatorAsync();

    [PostgresFact]
    public Task NextAsync_ConcurrentTransactionsSomeRolledBackOnPostgres_CommittedNumbersGapFree() => ConcurrentAllocationsAsync();

    [PostgresFact]
    public Task Register_TwentyConcurrentClaimedFilingsOnPostgres_ConsecutiveCaseNumbers() => TwentyConcurrentRegistrationsAsync();

    [PostgresFact]
    public Task Register_FailedOrRefusedOnPostgres_ConsumesNoNumber() => FailedRegistrationsAsync();

    [PostgresFact]
    public Task Register_SameFilingThriceAtOnceOnPostgres_OneNumberNoGap() => DoubleRegistrationAsync();
}
