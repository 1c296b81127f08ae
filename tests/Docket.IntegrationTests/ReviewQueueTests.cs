using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Docket.IntegrationTests;

/// <summary>
/// The clerk's queue (earliest decision deadline first, filters, paging, overdue flags) and search. Queue tests file at
/// courts no other test of the app files at (凉州 for order and flags, 民勤 for filters and paging), so whole queues
/// can be checked; deadlines are set in the database where a test needs them apart.
/// </summary>
[Collection(SqliteReviewCollection.Name)]
public sealed class ReviewQueueTests(SqliteAppFactory app)
{
    Task SetDeadlineAsync(string id, DateOnly deadline) =>
        app.WithDbAsync(db => db.Filings.Where(f => f.Id == id).ExecuteUpdateAsync(s => s.SetProperty(f => f.DecisionDeadline, deadline)));

    static void AssertOrderedByDeadline(List<JsonElement> items)
    {
        var deadlines = items.Select(i => i.Str("decisionDeadline")).ToList();
        Assert.Equal(deadlines.Order(StringComparer.Ordinal), deadlines);
    }

    [Fact]
    public async Task Queue_DifferentDeadlines_EarliestFirstThenBySubmission()
    {
        var filer = await app.SharedFilerAsync();
        var clerk = await app.ClerkAsync(Courts.Liangzhou);
        var today = ReviewKit.ShanghaiToday();
        var ids = new List<string>();
        foreach (var days in new[] { 9, 2, 5, 2 })
        {
            var (id, _) = await app.SubmittedFilingAsync(filer.Token, Courts.Liangzhou);
            await SetDeadlineAsync(id, today.AddDays(days));
            ids.Add(id);
        }

        var items = await app.QueueAsync(clerk);
        AssertOrderedByDeadline(items);
        var mine = items.Select(i => i.Str("filingId")).Where(ids.Contains).ToList();
        Assert.Equal([ids[1], ids[3], ids[2], ids[0]], mine);
        var first = items.Single(i => i.Str("filingId") == ids[1]);
        Assert.Equal("submitted", first.Str("status"));
        Assert.Equal("civil-first-instance", first.Str("caseType"));
        Assert.Equal("买卖合同纠纷", first.Str("cause"));
        Assert.Equal("买卖合同纠纷", first.Str("title"));
        Assert.False(first.GetProperty("crossRegion").GetBoolean());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("assignee").ValueKind);
        Assert.Equal(TimeSpan.FromHours(8), first.GetProperty("submittedAt").GetDateTimeOffset().Offset);
    }

    [Fact]
    public async Task Queue_DeadlinesAroundToday_OverdueAndDueTodayFlags()
    {
        var filer = await app.SharedFilerAsync();
        var clerk = await app.ClerkAsync(Courts.Liangzhou);
        var today = ReviewKit.ShanghaiToday();

        async Task<string> With(int days, bool claim = false)
        {
            var (id, _) = await app.SubmittedFilingAsync(filer.Token, Courts.Liangzhou);
            if (claim) await app.ReviewAsync("claim", id, clerk);
            await SetDeadlineAsync(id, today.AddDays(days));
            return id;
        }
        var overdue = await With(-1);
        var overdueClaimed = await With(-3, claim: true);
        var dueToday = await With(0);
        var later = await With(1);
        var registeredLate = await app.ClaimedFilingAsync(filer.Token, clerk, Courts.Liangzhou);
        await app.ReviewAsync("register", registeredLate, clerk);
        await SetDeadlineAsync(registeredLate, today.AddDays(-2));

        var items = (await app.QueueAsync(clerk)).ToDictionary(i => i.Str("filingId"));
        void Flags(string id, bool isOverdue, bool isDueToday)
        {
            Assert.True(isOverdue == items[id].GetProperty("overdue").GetBoolean(), $"overdue of {items[id]}");
            Assert.True(isDueToday == items[id].GetProperty("dueToday").GetBoolean(), $"dueToday of {items[id]}");
        }
        Flags(overdue, true, false);
        Flags(overdueClaimed, true, false);
        Flags(dueToday, false, true);
        Flags(later, false, false);
        Assert.DoesNotContain(registeredLate, items.Keys);
        AssertOrderedByDeadline([.. items.Values]);

        // A decided filing is never overdue, whatever its old deadline.
        var registered = (await app.QueueAsync(clerk, "status=registered&pageSize=100")).Single(i => i.Str("filingId") == registeredLate);
        Assert.False(registered.GetProperty("overdue").GetBoolean());
        Assert.False(registered.GetProperty("dueToday").GetBoolean());
    }

    [Fact]
    public async Task Queue_StatusAndCaseTypeFilters_OnlyMatchingFilings()
    {
        var filer = await app.SharedFilerAsync();
        var clerk = await app.ClerkAsync(Courts.Minqin);
        var (submitted, _) = await app.SubmittedFilingAsync(filer.Token, Courts.Minqin);
        var underReview = await app.ClaimedFilingAsync(filer.Token, clerk, Courts.Minqin);
        var (paymentOrder, _) = await app.SubmittedFilingAsync(filer.Token, Courts.Minqin, "payment-order", edit: b => b["cause"] = "申请支付令");
        var registered = await app.ClaimedFilingAsync(filer.Token, clerk, Courts.Minqin);
        await app.ReviewAsync("register", registered, clerk);
        var rejected = await app.ClaimedFilingAsync(filer.Token, clerk, Courts.Minqin);
        await app.ReviewAsync("reject", rejected, clerk, new { reasons = "不属于本院管辖" });
        var correction = await app.ClaimedFilingAsync(filer.Token, clerk, Courts.Minqin);
        await app.ReviewAsync("request-correction", correction, clerk, new { items = new[] { new { message = "请补充证据" } } });
        var draft = await app.DraftFilingAsync(filer.Token, Courts.Minqin);

        async Task<List<string>> Ids(string query)
        {
            var items = await app.QueueAsync(clerk, query + "&pageSize=100");
            AssertOrderedByDeadline(items);
            return [.. items.Select(i => i.Str("filingId"))];
        }
        async Task Only(string query, string status, params string[] expected)
        {
            var items = await app.QueueAsync(clerk, query + "&pageSize=100");
            Assert.All(items, i => Assert.Equal(status, i.Str("status")));
            var ids = items.Select(i => i.Str("filingId")).ToList();
            foreach (var id in expected) Assert.Contains(id, ids);
            foreach (var id in new[] { submitted, underReview, paymentOrder, registered, rejected, correction, draft }.Except(expected)) Assert.DoesNotContain(id, ids);
        }

        // By default: what waits for the court (submitted and under review).
        var waiting = await Ids("");
        foreach (var id in new[] { submitted, underReview, paymentOrder }) Assert.Contains(id, waiting);
        foreach (var id in new[] { registered, rejected, correction, draft }) Assert.DoesNotContain(id, waiting);

        await Only("status=submitted", "submitted", submitted, paymentOrder);
        await Only("status=under-review", "under-review", underReview);
        await Only("status=registered", "registered", registered);
        await Only("status=rejected", "rejected", rejected);
        await Only("status=correction-requested", "correction-requested", correction);
        await Only("status=draft", "draft");

        var byType = await app.QueueAsync(clerk, "caseType=payment-order&pageSize=100");
        Assert.All(byType, i => Assert.Equal("payment-order", i.Str("caseType")));
        Assert.Contains(byType, i => i.Str("filingId") == paymentOrder);
        var both = await Ids("status=submitted&caseType=civil-first-instance");
        Assert.Contains(submitted, both);
        Assert.DoesNotContain(paymentOrder, both);

        foreach (var bad in new[] { "pending", "Submitted", "under_review" })
            await (await app.GetAsync($"/api/v1/review/queue?status={bad}", clerk)).ShouldBeFieldError("status", bad);
        foreach (var bad in new[] { "civil", "CIVIL-FIRST-INSTANCE", "divorce" })
            await (await app.GetAsync($"/api/v1/review/queue?caseType={bad}", clerk)).ShouldBeFieldError("caseType", bad);
    }

    [Fact]
    public async Task Queue_Paged_TotalAndDisjointPages()
    {
        var filer = await app.SharedFilerAsync();
        var clerk = await app.ClerkAsync(Courts.Minqin);
        var added = new List<string>();
        for (var i = 0; i < 3; i++) added.Add((await app.SubmittedFilingAsync(filer.Token, Courts.Minqin)).Id);

        var all = await (await app.GetAsync("/api/v1/review/queue?pageSize=100", clerk)).ShouldBe(HttpStatusCode.OK);
        var total = all.GetProperty("total").GetInt32();
        Assert.True(total >= 3);
        Assert.Equal(total, all.GetProperty("items").GetArrayLength());

        var seen = new List<string>();
        for (var page = 1; page <= (total + 1) / 2; page++)
        {
            var p = await (await app.GetAsync($"/api/v1/review/queue?page={page}&pageSize=2", clerk)).ShouldBe(HttpStatusCode.OK);
            Assert.Equal(total, p.GetProperty("total").GetInt32());
            Assert.InRange(p.GetProperty("items").GetArrayLength(), 1, 2);
            seen.AddRange(p.GetProperty("items").EnumerateArray().Select(i => i.Str("filingId")));
        }
        Assert.Equal(all.GetProperty("items").EnumerateArray().Select(i => i.Str("filingId")), seen);
        Assert.Subset(seen.ToHashSet(), added.ToHashSet());

        var past = await (await app.GetAsync($"/api/v1/review/queue?page={total + 5}&pageSize=2", clerk)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(total, past.GetProperty("total").GetInt32());
        Assert.Equal(0, past.GetProperty("items").GetArrayLength());
        var defaults = await (await app.GetAsync("/api/v1/review/queue", clerk)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(Math.Min(total, 20), defaults.GetProperty("items").GetArrayLength());
        await (await app.GetAsync("/api/v1/review/queue?page=abc", clerk)).ShouldBeProblem(400);
    }

    [Fact]
    public Task Queue_SubmittedUnderReviewAndToForward_OneDeadlineOrderOnEveryPage() => MergedQueue.AssertAsync(app);

    // --- search -----------------------------------------------------------------------------------------------

    static string UniqueName(string surname)
    {
        const string chars = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥春夏秋冬梅兰竹菊";
        return surname + new string([.. Enumerable.Range(0, 5).Select(_ => chars[Random.Shared.Next(chars.Length)])]);
    }

    /// <summary>A valid resident ID whose check character is X (so that the search must normalise "x").</summary>
    static string ResidentIdEndingInX()
    {
        var candidates = Enumerable.Range(100, 900).Select(seq => TestIds.ResidentId("620621", "19900101", seq)).Where(i => i.EndsWith('X')).ToList();
        return candidates[Random.Shared.Next(candidates.Count)];
    }

    [Fact]
    public async Task Search_PartyNameIdNumberReceiptAndCaseNumber_FindsTheCourtsFiling()
    {
        var filer = await app.SharedFilerAsync();
        var clerk = await app.ClerkAsync();
        var stranger = await app.ClerkAsync(Courts.Tianzhu);
        var plaintiff = UniqueName("司马");
        var defendant = UniqueName("上官");
        var idNumber = ResidentIdEndingInX();
        object[] parties =
        [
            new { role = "plaintiff", kind = "person", name = plaintiff, idType = "resident-id", idNumber, phone = "13800138000", address = "甘肃省武威市" },
            new { role = "defendant", kind = "person", name = defendant, phone = "13900139000", address = "甘肃省武威市古浪县" },
        ];
        var (id, receipt) = await app.SubmittedFilingAsync(filer.Token, parties: parties);
        await app.DraftFilingAsync(filer.Token, parties: parties); // a draft with the same parties is never found

        async Task<List<JsonElement>> Search(string q, string token)
        {
            var r = await (await app.GetAsync("/api/v1/review/search?q=" + Uri.EscapeDataString(q), token)).ShouldBe(HttpStatusCode.OK, "search " + q);
            var items = r.GetProperty("items").EnumerateArray().ToList();
            Assert.Equal(items.Count, r.GetProperty("total").GetInt32());
            return items;
        }
        async Task Finds(string q)
        {
            var hit = Assert.Single(await Search(q, clerk));
            Assert.Equal(id, hit.Str("filingId"));
            Assert.Empty(await Search(q, stranger));
        }

        await Finds(plaintiff);
        await Finds(defendant[2..]);                       // part of a name
        await Finds(idNumber);
        await Finds(idNumber.ToLowerInvariant());           // a lower-case x
        await Finds(receipt.Str("receiptNumber"));
        await Finds(receipt.Str("receiptNumber").ToLowerInvariant());
        await Finds("  " + plaintiff + " ");

        await app.ReviewAsync("claim", id, clerk);
        var caseNumber = (await app.ReviewAsync("register", id, clerk)).Str("caseNumber");
        await Finds(caseNumber);
        var hit = Assert.Single(await Search(caseNumber, clerk));
        Assert.Equal("registered", hit.Str("status"));
        Assert.Equal(caseNumber, hit.Str("caseNumber"));

        Assert.Empty(await Search(UniqueName("诸葛"), clerk));
        foreach (var wildcard in new[] { "%", "_", "%%", "[张]" })
            Assert.Empty(await Search(wildcard, clerk));
        await (await app.GetAsync("/api/v1/review/search?q=", clerk)).ShouldBeFieldError("q", "empty");
        await (await app.GetAsync("/api/v1/review/search", clerk)).ShouldBeFieldError("q", "missing");
        await (await app.GetAsync("/api/v1/review/search?q=" + new string('张', 101), clerk)).ShouldBeFieldError("q", "too long");
    }
}

/// <summary>
/// The default queue is read as three parts (submitted, under review, to forward) merged in deadline order (see
/// ReviewQueue): on each provider, every page and the total must be those of the one ordered list, ties broken by
/// submission time.
/// </summary>
static class MergedQueue
{
    /// <summary>河口 and 利津: courts no other test files at, so that the whole default queue of 河口 is known.</summary>
    const string Hekou = "370503", Lijin = "370522";

    public static async Task AssertAsync(DocketAppFactory app)
    {
        Task SetDeadlineAsync(string id, DateOnly deadline) =>
            app.WithDbAsync(db => db.Filings.Where(f => f.Id == id).ExecuteUpdateAsync(s => s.SetProperty(f => f.DecisionDeadline, deadline)));

        var filer = await app.SharedFilerAsync();
        var clerk = await app.ClerkAsync(Hekou);
        var today = ReviewKit.ShanghaiToday();
        async Task<string> Submitted(int days)
        {
            var (id, _) = await app.SubmittedFilingAsync(filer.Token, Hekou);
            await SetDeadlineAsync(id, today.AddDays(days));
            return id;
        }
        async Task<string> UnderReview(int days)
        {
            var id = await app.ClaimedFilingAsync(filer.Token, clerk, Hekou);
            await SetDeadlineAsync(id, today.AddDays(days));
            return id;
        }
        async Task<string> ToForward(int days)
        {
            var (id, _) = await app.SubmittedFilingAsync(filer.Token, Lijin, cooperatingCourtId: Hekou);
            await SetDeadlineAsync(id, today.AddDays(days));
            return id;
        }
        var submittedLate = await Submitted(5);
        var submittedSoon = await Submitted(1);
        var reviewLate = await UnderReview(3);
        var reviewNow = await UnderReview(0);
        var forwardSoon = await ToForward(1);   // same deadline as submittedSoon, submitted after it
        var forwardLate = await ToForward(4);
        var (paymentOrder, _) = await app.SubmittedFilingAsync(filer.Token, Hekou, "payment-order", edit: b => b["cause"] = "申请支付令");
        await SetDeadlineAsync(paymentOrder, today.AddDays(2));
        var registered = await UnderReview(-1);
        await app.ReviewAsync("register", registered, clerk);
        string[] expected = [reviewNow, submittedSoon, forwardSoon, paymentOrder, reviewLate, forwardLate, submittedLate];

        var all = await (await app.GetAsync("/api/v1/review/queue?pageSize=100", clerk)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(expected.Length, all.GetProperty("total").GetInt32());
        Assert.Equal(expected, all.GetProperty("items").EnumerateArray().Select(i => i.Str("filingId")));
        var statuses = all.GetProperty("items").EnumerateArray().Select(i => i.Str("status")).ToList();
        Assert.Equal(["under-review", "submitted", "awaiting-forward", "submitted", "under-review", "awaiting-forward", "submitted"], statuses);

        foreach (var size in new[] { 1, 2, 3 })
        {
            var seen = new List<string>();
            for (var page = 1; page <= (expected.Length + size - 1) / size + 1; page++)
            {
                var p = await (await app.GetAsync($"/api/v1/review/queue?page={page}&pageSize={size}", clerk)).ShouldBe(HttpStatusCode.OK);
                Assert.Equal(expected.Length, p.GetProperty("total").GetInt32());
                seen.AddRange(p.GetProperty("items").EnumerateArray().Select(i => i.Str("filingId")));
            }
            Assert.Equal(expected, seen);
        }

        // Deep pages are read by OFFSET: the same total, nothing past the end.
        var deep = await (await app.GetAsync("/api/v1/review/queue?page=60&pageSize=20", clerk)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(expected.Length, deep.GetProperty("total").GetInt32());
        Assert.Equal(0, deep.GetProperty("items").GetArrayLength());

        var byType = await (await app.GetAsync("/api/v1/review/queue?caseType=civil-first-instance&page=2&pageSize=2", clerk)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(expected.Length - 1, byType.GetProperty("total").GetInt32());
        Assert.Equal([forwardSoon, reviewLate], byType.GetProperty("items").EnumerateArray().Select(i => i.Str("filingId")));
        var onlyType = await (await app.GetAsync("/api/v1/review/queue?caseType=payment-order", clerk)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(1, onlyType.GetProperty("total").GetInt32());
        Assert.Equal(paymentOrder, onlyType.GetProperty("items")[0].Str("filingId"));

        // The competent court does not see what waits to be forwarded to it.
        Assert.DoesNotContain(await app.QueueAsync(await app.ClerkAsync(Lijin)), i => i.Str("filingId") == forwardSoon);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresReviewQueueTests(PostgresAppFactory app)
{
    [PostgresFact]
    public Task Queue_SubmittedUnderReviewAndToForwardOnPostgres_OneDeadlineOrderOnEveryPage() => MergedQueue.AssertAsync(app);
}
