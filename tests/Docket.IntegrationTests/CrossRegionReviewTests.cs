using System.Net;
using System.Text.Json;

namespace Docket.IntegrationTests;

/// <summary>
/// Cross-region filing (cross-region.md): a filing for Gulang (620622) names Dongying (370502) as the cooperating
/// court; Dongying forwards or returns it, Gulang decides once it is forwarded, and any other court sees nothing.
/// </summary>
[Collection(SqliteReviewCollection.Name)]
public sealed class CrossRegionReviewTests(SqliteAppFactory app)
{
    static readonly object Correction = new { items = new[] { new { message = "请补充证据" } } };

    async Task<(string Id, DocketAppFactory.Filer Filer, string Doc)> AwaitingForwardAsync()
    {
        var filer = await app.NewFilerAsync();
        var (id, receipt) = await app.SubmittedFilingAsync(filer.Token, cooperatingCourtId: Courts.Dongying);
        return (id, filer, receipt.GetProperty("documents")[0].Str("id"));
    }

    [Fact]
    public async Task Forward_ByTheCooperatingCourt_SubmittedInTheCompetentCourtsQueue()
    {
        var (id, filer, doc) = await AwaitingForwardAsync();
        var coop = await app.ClerkAsync(Courts.Dongying);
        var comp = await app.ClerkAsync(Courts.Gulang);
        var other = await app.ClerkAsync(Courts.Tianzhu);

        var f = await app.FilingAsync(id, filer.Token);
        Assert.Equal("awaiting-forward", f.Str("status"));
        Assert.Equal(Courts.Dongying, f.Str("cooperatingCourtId"));
        Assert.Equal(Courts.Gulang, f.Str("courtId"));

        // The cooperating court's queue (by default and by status) shows it as cross-region; the competent court's does not yet.
        var item = Assert.Single(await app.QueueAsync(coop), i => i.Str("filingId") == id);
        Assert.True(item.GetProperty("crossRegion").GetBoolean());
        Assert.Equal("awaiting-forward", item.Str("status"));
        Assert.Contains(await app.QueueAsync(coop, "status=awaiting-forward&pageSize=100"), i => i.Str("filingId") == id);
        Assert.DoesNotContain(await app.QueueAsync(comp), i => i.Str("filingId") == id);
        Assert.DoesNotContain(await app.QueueAsync(comp, "status=awaiting-forward&pageSize=100"), i => i.Str("filingId") == id);
        var seen = await app.ReviewFilingAsync(id, coop);
        Assert.True(seen.GetProperty("crossRegion").GetBoolean());
        await (await app.GetAsync($"/api/v1/review/filings/{id}/documents/{doc}/content", coop)).ShouldBe(HttpStatusCode.OK, "coop reads a document");

        // Before forwarding the competent court cannot see or act on it.
        await (await app.GetAsync($"/api/v1/review/filings/{id}", comp)).ShouldBeProblem(404, "not-found", "competent GET");
        await (await app.ReviewCallAsync("claim", id, comp)).ShouldBeProblem(404, "not-found", "competent claim");
        await (await app.ReviewCallAsync("register", id, comp)).ShouldBeProblem(404, "not-found", "competent register");
        await (await app.ReviewCallAsync("reject", id, comp, new { reasons = "理由" })).ShouldBeProblem(404, "not-found", "competent reject");
        await (await app.ReviewCallAsync("forward", id, comp)).ShouldBeProblem(404, "not-found", "competent forward");

        // The cooperating court checks identity and completeness only: it never claims, corrects, registers or diverts.
        await (await app.ReviewCallAsync("claim", id, coop)).ShouldBeProblem(404, "not-found", "coop claim");
        await (await app.ReviewCallAsync("request-correction", id, coop, Correction)).ShouldBeProblem(404, "not-found", "coop correction");
        await (await app.ReviewCallAsync("register", id, coop)).ShouldBeProblem(404, "not-found", "coop register");
        await (await app.ReviewCallAsync("divert-to-mediation", id, coop, new { mediationRoomId = "dajing", filerConsent = true })).ShouldBeProblem(404, "not-found", "coop divert");

        await AssertUninvolvedAsync(id, doc, other);

        var forwarded = await app.ReviewAsync("forward", id, coop);
        Assert.Equal("submitted", forwarded.Str("status"));
        Assert.Equal(JsonValueKind.Null, forwarded.GetProperty("assignee").ValueKind);
        await (await app.ReviewCallAsync("forward", id, coop)).ShouldBeProblem(409, "filing.invalid-transition", "forward twice");

        var queued = Assert.Single(await app.QueueAsync(comp), i => i.Str("filingId") == id);
        Assert.True(queued.GetProperty("crossRegion").GetBoolean());
        Assert.Equal("submitted", queued.Str("status"));
        Assert.DoesNotContain(await app.QueueAsync(coop), i => i.Str("filingId") == id);
        // The decision period keeps running from the submission at the cooperating court.
        Assert.Equal(f.Str("decisionDeadline"), queued.Str("decisionDeadline"));
        await AssertUninvolvedAsync(id, doc, other);

        // The cooperating court can no longer return it; the competent court decides.
        await (await app.ReviewCallAsync("reject", id, coop, new { reasons = "无法核实身份" })).ShouldBeProblem(409, "filing.invalid-transition", "coop return after forward");
        await app.ReviewAsync("claim", id, comp);
        var reg = await app.ReviewAsync("register", id, comp);
        Assert.Matches(@"^（\d{4}）甘0622民初\d+号$", reg.Str("caseNumber"));

        // Both courts and the filer see every step.
        Assert.Equal("registered", (await app.ReviewFilingAsync(id, coop)).Str("status"));
        var actions = (await app.HistoryAsync(id, filer.Token)).Select(e => e.Str("action")).ToList();
        Assert.Equal(["create", "submit", "forward", "claim", "register"], actions);
        var forward = (await app.HistoryAsync(id, filer.Token))[2];
        Assert.Equal("awaiting-forward", forward.Str("fromStatus"));
        Assert.Equal("submitted", forward.Str("toStatus"));
        await app.AssertChainVerifiesAsync(id, filer.Token, 5);
        Assert.Contains(await app.NotificationsAsync(filer.Token), n => n.Str("filingId") == id && n.Str("kind") == "forwarded");
        await (await app.GetAsync($"/api/v1/review/filings/{id}/notices", coop)).ShouldBe(HttpStatusCode.OK, "coop notices");
        await AssertUninvolvedAsync(id, doc, other);
    }

    [Fact]
    public async Task Reject_ByTheCooperatingCourt_ReturnedWithReasonsNotARuling()
    {
        var (id, filer, _) = await AwaitingForwardAsync();
        var coop = await app.ClerkAsync(Courts.Dongying);
        var comp = await app.ClerkAsync(Courts.Gulang);

        await (await app.ReviewCallAsync("reject", id, coop, new { reasons = " " })).ShouldBeFieldError("reasons", "blank return");
        var returned = await app.ReviewAsync("reject", id, coop, new { reasons = "无法核实申请人身份" });
        Assert.Equal("returned", returned.Str("status"));

        var f = await app.FilingAsync(id, filer.Token);
        Assert.Equal("returned", f.Str("status"));
        Assert.Equal("无法核实申请人身份", f.Str("rejectionReasons"));
        Assert.Equal(JsonValueKind.Null, f.GetProperty("ruling").ValueKind);
        var ev = (await app.HistoryAsync(id, filer.Token))[^1];
        Assert.Equal("return", ev.Str("action"));
        Assert.Equal("awaiting-forward", ev.Str("fromStatus"));
        Assert.Equal("returned", ev.Str("toStatus"));
        await app.AssertChainVerifiesAsync(id, filer.Token, 3);

        // No ruling document, only the receipt; the filer is told; the competent court never saw it.
        var kinds = (await (await app.GetAsync($"/api/v1/filings/{id}/notices", filer.Token)).ShouldBe(HttpStatusCode.OK)).EnumerateArray().Select(n => n.Str("kind"));
        Assert.Equal(["receipt"], kinds);
        var note = Assert.Single(await app.NotificationsAsync(filer.Token), n => n.Str("filingId") == id && n.Str("kind") == "returned");
        Assert.Contains("无法核实申请人身份", note.Str("message"));
        await (await app.GetAsync($"/api/v1/review/filings/{id}", comp)).ShouldBeProblem(404, "not-found");
        await (await app.ReviewCallAsync("forward", id, coop)).ShouldBeProblem(409, "filing.invalid-transition", "forward a returned filing");
        await (await app.PostAsync($"/api/v1/filings/{id}/withdraw", null, filer.Token)).ShouldBeProblem(409, "filing.invalid-transition", "withdraw a returned filing");
    }

    [Fact]
    public async Task CrossRegionFiling_CompetentCourtCorrection_ResubmissionGoesStraightToTheCompetentCourt()
    {
        var (id, filer, _) = await AwaitingForwardAsync();
        var coop = await app.ClerkAsync(Courts.Dongying);
        var comp = await app.ClerkAsync(Courts.Gulang);
        await app.ReviewAsync("forward", id, coop);
        await app.ReviewAsync("claim", id, comp);
        await app.ReviewAsync("request-correction", id, comp, Correction);

        var v2 = await app.SubmitAsync(id, filer.Token);
        Assert.Equal(2, v2.GetProperty("version").GetInt32());
        Assert.Equal("submitted", (await app.FilingAsync(id, filer.Token)).Str("status"));
        Assert.Contains(await app.QueueAsync(comp), i => i.Str("filingId") == id);
        Assert.DoesNotContain(await app.QueueAsync(coop), i => i.Str("filingId") == id);
    }

    async Task AssertUninvolvedAsync(string id, string doc, string other)
    {
        async Task NotFound(Task<HttpResponseMessage> call, string what) => await (await call).ShouldBeProblem(404, "not-found", "uninvolved " + what);
        await NotFound(app.GetAsync($"/api/v1/review/filings/{id}", other), "GET");
        await NotFound(app.GetAsync($"/api/v1/review/filings/{id}/notices", other), "notices");
        await NotFound(app.GetAsync($"/api/v1/review/filings/{id}/documents/{doc}/content", other), "document");
        foreach (var action in new[] { "claim", "release", "register", "forward" })
            await NotFound(app.ReviewCallAsync(action, id, other), action);
        await NotFound(app.ReviewCallAsync("reject", id, other, new { reasons = "理由" }), "reject");
        await NotFound(app.ReviewCallAsync("request-correction", id, other, Correction), "request-correction");
        Assert.DoesNotContain(await app.QueueAsync(other), i => i.Str("filingId") == id);
    }
}
