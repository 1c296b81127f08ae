using System.Net;

namespace Docket.IntegrationTests;

/// <summary>
/// A clerk's whole review of one filing, as the contract's review journey and more: queue, claim, one correction,
/// resubmission, registration, notices and notifications, and the audit trail — on SQLite and on PostgreSQL (the
/// chain must verify after the round trip).
/// </summary>
public abstract class ReviewJourneyTestsBase(DocketAppFactory app)
{
    protected async Task JourneyAsync()
    {
        var filer = await app.NewFilerAsync();
        var clerk = await app.ClerkAsync();
        var clerkId = await app.UserIdAsync(clerk);
        var (id, v1) = await app.SubmittedFilingAsync(filer.Token);
        var today = ReviewKit.ShanghaiDate(v1.GetProperty("submittedAt").GetDateTimeOffset());

        var queued = Assert.Single(await app.QueueAsync(clerk), i => i.Str("filingId") == id);
        Assert.Equal(await app.DeadlineAsync(today, 7), queued.Date("decisionDeadline"));
        Assert.False(queued.GetProperty("overdue").GetBoolean());

        var review = await app.ReviewFilingAsync(id, clerk);
        Assert.Equal("张三", review.GetProperty("filer").Str("name"));
        Assert.Equal(filer.IdNumber, review.GetProperty("filer").Str("idNumber"));
        Assert.True(review.GetProperty("filer").GetProperty("verified").GetBoolean());
        Assert.DoesNotContain(review.GetProperty("check").EnumerateArray(), c => c.GetProperty("blocking").GetBoolean());
        Assert.False(review.GetProperty("crossRegion").GetBoolean());

        Assert.Equal(clerkId, (await app.ReviewAsync("claim", id, clerk)).GetProperty("assignee").Str("id"));
        var correction = new { items = new[] { new { message = "请补充被告身份信息" }, new { message = "请提交证据目录" } } };
        await app.ReviewAsync("request-correction", id, clerk, correction);
        var f = await app.FilingAsync(id, filer.Token);
        Assert.Equal("correction-requested", f.Str("status"));
        Assert.Equal(2, f.GetProperty("correction").GetProperty("items").GetArrayLength());
        await (await app.ReviewCallAsync("request-correction", id, clerk, correction)).ShouldBeProblem(409, "filing.correction-already-requested");

        await (await app.UploadAsync(id, filer.Token, "evidence", "证据目录.pdf", TestFiles.Pdf("evidence list"))).ShouldBe(HttpStatusCode.Created);
        var v2 = await app.SubmitAsync(id, filer.Token);
        Assert.Equal(2, v2.GetProperty("version").GetInt32());
        await app.ReviewAsync("claim", id, clerk);
        await (await app.ReviewCallAsync("request-correction", id, clerk, correction)).ShouldBeProblem(409, "filing.correction-already-requested");

        var reg = await app.ReviewAsync("register", id, clerk);
        var caseNumber = reg.Str("caseNumber");
        Assert.Matches($"^（{ReviewKit.ShanghaiDate(reg.GetProperty("registeredAt").GetDateTimeOffset()).Year}）甘0622民初[1-9][0-9]*号$", caseNumber);
        Assert.Equal(2900m, reg.GetProperty("fee").GetProperty("amount").GetDecimal());

        var notices = (await (await app.GetAsync($"/api/v1/filings/{id}/notices", filer.Token)).ShouldBe(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal(["acceptance", "correction", "fee", "receipt", "receipt"], notices.Select(n => n.Str("kind")).Order());
        var acceptance = ReviewKit.PdfText(await app.PdfAsync(notices.Single(n => n.Str("kind") == "acceptance").Str("url"), filer.Token));
        Assert.Contains(caseNumber, acceptance);
        Assert.Contains(Courts.GulangName, acceptance);
        Assert.Contains("2,900.00", ReviewKit.PdfText(await app.PdfAsync(notices.Single(n => n.Str("kind") == "fee").Str("url"), filer.Token)));

        var kinds = (await app.NotificationsAsync(filer.Token)).Select(n => n.Str("kind")).ToList();
        Assert.Equal(["correction-requested", "fee-due", "registered", "resubmitted", "submitted"], kinds.Order());

        var history = await app.HistoryAsync(id, filer.Token);
        Assert.Equal(["create", "submit", "claim", "request-correction", "resubmit", "claim", "register"], history.Select(e => e.Str("action")));
        Assert.Equal(["filer", "filer", "clerk", "clerk", "filer", "clerk", "clerk"], history.Select(e => e.GetProperty("actor").Str("role")));
        for (var i = 1; i < history.Count; i++)
        {
            Assert.Equal(history[i - 1].Str("hash"), history[i].Str("previousHash"));
            Assert.Equal(history[i - 1].Str("toStatus"), history[i].Str("fromStatus"));
        }
        await app.AssertChainVerifiesAsync(id, filer.Token, 7);

        review = await app.ReviewFilingAsync(id, clerk);
        Assert.Equal("registered", review.Str("status"));
        Assert.Equal(7, review.GetProperty("history").GetArrayLength());
        Assert.Equal([v1.Str("receiptNumber"), v2.Str("receiptNumber")], review.GetProperty("receipts").EnumerateArray().Select(r => r.Str("receiptNumber")));
        var found = await (await app.GetAsync("/api/v1/review/search?q=" + Uri.EscapeDataString(caseNumber), clerk)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(id, Assert.Single(found.GetProperty("items").EnumerateArray()).Str("filingId"));
    }

    /// <summary>Two clerks claim one filing at the same moment: one gets it, the other a 409, and one claim is recorded.</summary>
    protected async Task ClaimRaceAsync()
    {
        var filer = await app.NewFilerAsync();
        var clerk = await app.ClerkAsync();
        var other = await app.NewClerkAsync(Courts.Gulang);
        for (var round = 0; round < 3; round++)
        {
            var (id, _) = await app.SubmittedFilingAsync(filer.Token);
            var responses = await Task.WhenAll(app.ReviewCallAsync("claim", id, clerk), app.ReviewCallAsync("claim", id, other.Token));
            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
            await responses.Single(r => r.StatusCode != HttpStatusCode.OK).ShouldBeProblem(409);
            var winner = responses[0].StatusCode == HttpStatusCode.OK ? await app.UserIdAsync(clerk) : other.Id;
            var f = await app.ReviewFilingAsync(id, clerk);
            Assert.Equal("under-review", f.Str("status"));
            Assert.Equal(winner, f.GetProperty("assignee").Str("id"));
            Assert.Single(f.GetProperty("history").EnumerateArray(), e => e.Str("action") == "claim");
            await app.AssertChainVerifiesAsync(id, filer.Token, 3);
        }
    }

    protected async Task RejectionAsync()
    {
        var filer = await app.NewFilerAsync();
        var clerk = await app.ClerkAsync();
        var id = await app.ClaimedFilingAsync(filer.Token, clerk);
        await (await app.ReviewCallAsync("reject", id, clerk, new { reasons = "" })).ShouldBeFieldError("reasons");
        await app.ReviewAsync("reject", id, clerk, new { reasons = "不属于人民法院受理民事诉讼的范围" });
        var f = await app.FilingAsync(id, filer.Token);
        Assert.Equal("rejected", f.Str("status"));
        Assert.Equal(Courts.Wuwei, f.GetProperty("ruling").Str("appealCourtId"));
        await app.AssertChainVerifiesAsync(id, filer.Token, 4);
    }
}

[Collection(SqliteReviewCollection.Name)]
public sealed class SqliteReviewJourneyTests(SqliteAppFactory app) : ReviewJourneyTestsBase(app)
{
    [Fact]
    public Task Journey_CorrectResubmitRegisterOnSqlite_NoticesNotificationsAndVerifiableHistory() => JourneyAsync();

    [Fact]
    public Task Journey_RejectOnSqlite_RulingAndVerifiableHistory() => RejectionAsync();

    [Fact]
    public Task Claim_TwoClerksAtOnceOnSqlite_OneWinsTheOtherConflict() => ClaimRaceAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresReviewJourneyTests(PostgresAppFactory app) : ReviewJourneyTestsBase(app)
{
    [PostgresFact]
    public Task Journey_CorrectResubmitRegisterOnPostgres_NoticesNotificationsAndVerifiableHistory() => JourneyAsync();

    [PostgresFact]
    public Task Journey_RejectOnPostgres_RulingAndVerifiableHistory() => RejectionAsync();

    [PostgresFact]
    public Task Claim_TwoClerksAtOnceOnPostgres_OneWinsTheOtherConflict() => ClaimRaceAsync();
}
