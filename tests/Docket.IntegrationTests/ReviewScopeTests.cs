using System.Net;

namespace Docket.IntegrationTests;

/// <summary>
/// Who may call the review API (api.md, status codes): no token → 401, a filer → 403 (the role may never do this),
/// a clerk of another court → 404 (never reveal another court's filings).
/// </summary>
[Collection(SqliteReviewCollection.Name)]
public sealed class ReviewScopeTests(SqliteAppFactory app)
{
    /// <summary>Every review endpoint, with a body where it takes one; {id} and {doc} are filled in.</summary>
    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "/api/v1/review/queue" },
        { "GET", "/api/v1/review/queue?status=registered" },
        { "GET", "/api/v1/review/search?q=张三" },
        { "GET", "/api/v1/review/filings/{id}" },
        { "GET", "/api/v1/review/filings/{id}/documents/{doc}/content" },
        { "GET", "/api/v1/review/filings/{id}/documents/{doc}/preview" },
        { "GET", "/api/v1/review/filings/{id}/notices" },
        { "GET", "/api/v1/review/filings/{id}/notices/receipt-1" },
        { "POST", "/api/v1/review/filings/{id}/claim" },
        { "POST", "/api/v1/review/filings/{id}/release" },
        { "POST", "/api/v1/review/filings/{id}/register" },
        { "POST", "/api/v1/review/filings/{id}/request-correction" },
        { "POST", "/api/v1/review/filings/{id}/reject" },
        { "POST", "/api/v1/review/filings/{id}/divert-to-mediation" },
        { "POST", "/api/v1/review/filings/{id}/forward" },
    };

    static object? BodyFor(string path) => path switch
    {
        _ when path.EndsWith("/request-correction") => new { items = new[] { new { message = "请补充证据" } } },
        _ when path.EndsWith("/reject") => new { reasons = "理由" },
        _ when path.EndsWith("/divert-to-mediation") => new { mediationRoomId = "dajing", filerConsent = true },
        _ when path.EndsWith("/register") => new { procedure = "ordinary" },
        _ => null,
    };

    async Task<(string Id, string Doc, DocketAppFactory.Filer Owner)> SubmittedAsync()
    {
        var filer = await app.SharedFilerAsync();
        var (id, receipt) = await app.SubmittedFilingAsync(filer.Token);
        return (id, receipt.GetProperty("documents")[0].Str("id"), filer);
    }

    /// <summary>One submitted filing for the refusal theories (a refused call changes nothing; each test checks that).</summary>
    static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DocketAppFactory, Task<(string, string, DocketAppFactory.Filer)>> Shared = new();

    Task<(string Id, string Doc, DocketAppFactory.Filer Owner)> SharedSubmittedAsync()
    {
        lock (Shared) return Shared.GetValue(app, _ => SubmittedAsync());
    }

    Task<HttpResponseMessage> Call(string method, string path, string? token, string id, string doc)
    {
        path = path.Replace("{id}", id).Replace("{doc}", doc);
        return method == "GET"
            ? app.GetAsync(path, token)
            : app.SendAsync(HttpMethod.Post, path, token, DocketAppFactory.JsonBody(BodyFor(path)));
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task ReviewEndpoint_Filer_Forbidden(string method, string path)
    {
        var (id, doc, owner) = await SharedSubmittedAsync();
        // Even the owner of the filing: the filer role may never review.
        await (await Call(method, path, owner.Token, id, doc)).ShouldBeProblem(403, "auth.forbidden", path);
        Assert.Equal("submitted", (await app.FilingAsync(id, owner.Token)).Str("status"));
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task ReviewEndpoint_NoToken_Unauthorized(string method, string path)
    {
        var (id, doc, _) = await SharedSubmittedAsync();
        await (await Call(method, path, null, id, doc)).ShouldBeProblem(401, "auth.required", path);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task ReviewEndpoint_SystemAdminWithoutACourt_Forbidden(string method, string path)
    {
        var (id, doc, _) = await SharedSubmittedAsync();
        var admin = await app.StaffAsync("admin@demo.docket");
        await (await Call(method, path, admin, id, doc)).ShouldBeProblem(403, "auth.forbidden", path);
    }

    [Fact]
    public async Task FilingEndpoints_ClerkOfAnotherCourt_NotFoundEverywhere()
    {
        var (id, doc, owner) = await SubmittedAsync();
        var stranger = await app.ClerkAsync(Courts.Minqin);
        async Task NotFound(Task<HttpResponseMessage> call, string what) => await (await call).ShouldBeProblem(404, "not-found", what);

        await NotFound(app.GetAsync($"/api/v1/review/filings/{id}", stranger), "GET");
        await NotFound(app.GetAsync($"/api/v1/review/filings/{id}/documents/{doc}/content", stranger), "content");
        await NotFound(app.GetAsync($"/api/v1/review/filings/{id}/documents/{doc}/preview", stranger), "preview");
        await NotFound(app.GetAsync($"/api/v1/review/filings/{id}/notices", stranger), "notices");
        await NotFound(app.GetAsync($"/api/v1/review/filings/{id}/notices/receipt-1", stranger), "receipt PDF");
        foreach (var action in new[] { "claim", "release", "register", "request-correction", "reject", "divert-to-mediation", "forward" })
            await NotFound(app.ReviewCallAsync(action, id, stranger, BodyFor("/" + action)), action);

        // Nor does it show in their queue or search, however they look.
        foreach (var status in new[] { "", "submitted", "under-review" })
            Assert.DoesNotContain(await app.QueueAsync(stranger, $"status={status}&pageSize=100"), i => i.Str("filingId") == id);
        var receipt = await (await app.GetAsync($"/api/v1/filings/{id}/receipt", owner.Token)).ShouldBe(HttpStatusCode.OK);
        var search = await (await app.GetAsync($"/api/v1/review/search?q={receipt.Str("receiptNumber")}", stranger)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(0, search.GetProperty("total").GetInt32());

        // Nothing changed; the court's own clerk still sees it unclaimed.
        var f = await app.ReviewFilingAsync(id, await app.ClerkAsync());
        Assert.Equal("submitted", f.Str("status"));
        Assert.Equal(2, f.GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task ClaimedFiling_ClerkOfAnotherCourt_NotFound()
    {
        var filer = await app.SharedFilerAsync();
        var clerk = await app.ClerkAsync();
        var id = await app.ClaimedFilingAsync(filer.Token, clerk);
        var stranger = await app.ClerkAsync(Courts.Tianzhu);
        await (await app.ReviewCallAsync("register", id, stranger)).ShouldBeProblem(404, "not-found");
        await (await app.ReviewCallAsync("release", id, stranger)).ShouldBeProblem(404, "not-found");
        Assert.Equal("under-review", (await app.FilingAsync(id, filer.Token)).Str("status"));
    }

    [Fact]
    public async Task ReviewEndpoints_CourtAdminOfTheCourt_MayReview()
    {
        var filer = await app.SharedFilerAsync();
        var (id, _) = await app.SubmittedFilingAsync(filer.Token);
        var admin = await app.StaffAsync($"courtadmin.{Courts.Gulang}@demo.docket");
        await app.ReviewFilingAsync(id, admin);
        Assert.Equal("under-review", (await app.ReviewAsync("claim", id, admin)).Str("status"));
        Assert.Equal("submitted", (await app.ReviewAsync("release", id, admin)).Str("status"));
    }

    [Fact]
    public async Task ReviewDocuments_ClerkOfTheCourt_BytesAsAttachmentAndSandboxedPreview()
    {
        var (id, doc, owner) = await SubmittedAsync();
        var clerk = await app.ClerkAsync();
        var mine = await app.GetAsync($"/api/v1/filings/{id}/documents/{doc}/content", owner.Token);
        var bytes = await mine.Content.ReadAsByteArrayAsync();

        var content = await app.GetAsync($"/api/v1/review/filings/{id}/documents/{doc}/content", clerk);
        await content.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(bytes, await content.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", content.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", content.Headers.GetValues("X-Content-Type-Options").Single());
        var preview = await app.GetAsync($"/api/v1/review/filings/{id}/documents/{doc}/preview", clerk);
        await preview.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("sandbox", preview.Headers.GetValues("Content-Security-Policy").Single());

        // A document id of another filing under this filing's path finds nothing.
        var (other, otherReceipt) = await app.SubmittedFilingAsync(owner.Token);
        var otherDoc = otherReceipt.GetProperty("documents")[0].Str("id");
        await (await app.GetAsync($"/api/v1/review/filings/{id}/documents/{otherDoc}/content", clerk)).ShouldBeProblem(404);
        Assert.NotEqual(id, other);
    }

    /// <summary>A draft never reaches the court; withdrawing it (the filer's own working copy) must not show it to clerks.</summary>
    [Fact]
    public async Task ReviewEndpoints_WithdrawnDraftNeverSubmitted_NotFound()
    {
        var filer = await app.SharedFilerAsync();
        var clerk = await app.ClerkAsync();
        var id = await app.DraftFilingAsync(filer.Token);
        var doc = (await app.FilingAsync(id, filer.Token)).GetProperty("documents")[0].Str("id");
        await (await app.PostAsync($"/api/v1/filings/{id}/withdraw", null, filer.Token)).ShouldBe(HttpStatusCode.OK);

        Assert.DoesNotContain(await app.QueueAsync(clerk, "status=withdrawn&pageSize=100"), i => i.Str("filingId") == id);
        await (await app.GetAsync($"/api/v1/review/filings/{id}", clerk)).ShouldBeProblem(404, "not-found", "GET");
        await (await app.GetAsync($"/api/v1/review/filings/{id}/documents/{doc}/content", clerk)).ShouldBeProblem(404, "not-found", "document");
    }

    [Fact]
    public async Task ReviewFiling_UnknownId_NotFound()
    {
        var clerk = await app.ClerkAsync();
        await (await app.GetAsync("/api/v1/review/filings/00000000000000000000000000000000", clerk)).ShouldBeProblem(404, "not-found");
        await (await app.ReviewCallAsync("claim", "no-such-filing", clerk)).ShouldBeProblem(404, "not-found");
    }
}
