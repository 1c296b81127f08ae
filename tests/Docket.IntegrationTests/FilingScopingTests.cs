using System.Net;

namespace Docket.IntegrationTests;

/// <summary>A filing is its owner's alone: anyone else's request finds nothing (404, never 403, never a leak).</summary>
[Collection(SqliteCollection.Name)]
public sealed class FilingScopingTests(SqliteAppFactory app)
{
    [Fact]
    public async Task OwnedEndpoints_AnotherFiler_NotFoundAndNotListed()
    {
        var owner = await app.NewFilerAsync();
        var id = await app.CompleteFilingAsync(owner.Token);
        var filing = await (await app.GetAsync($"/api/v1/filings/{id}", owner.Token)).ShouldBe(HttpStatusCode.OK);
        var docId = filing.GetProperty("documents")[0].Str("id");
        var other = await app.NewFilerAsync();
        var t = other.Token;
        var before = await (await app.GetAsync($"/api/v1/filings/{id}/history", owner.Token)).ShouldBe(HttpStatusCode.OK);

        async Task NotFound(Task<HttpResponseMessage> call, string what) => await (await call).ShouldBeProblem(404, "not-found", what);
        await NotFound(app.GetAsync($"/api/v1/filings/{id}", t), "GET filing");
        await NotFound(app.GetAsync($"/api/v1/filings/{id}/documents/{docId}/content", t), "content");
        await NotFound(app.GetAsync($"/api/v1/filings/{id}/documents/{docId}/preview", t), "preview");
        await NotFound(app.GetAsync($"/api/v1/filings/{id}/check", t), "check");
        await NotFound(app.GetAsync($"/api/v1/filings/{id}/receipt", t), "receipt");
        await NotFound(app.GetAsync($"/api/v1/filings/{id}/receipt", t, m => m.Headers.Accept.ParseAdd("application/pdf")), "receipt PDF");
        await NotFound(app.GetAsync($"/api/v1/filings/{id}/history", t), "history");
        await NotFound(app.GetAsync($"/api/v1/filings/{id}/history/verify", t), "history verify");
        await NotFound(app.PutAsync($"/api/v1/filings/{id}", TestData.FilingBody(1m), t), "PUT");
        await NotFound(app.UploadAsync(id, t, "evidence", "x.pdf", TestFiles.Pdf()), "upload");
        await NotFound(app.DeleteAsync($"/api/v1/filings/{id}/documents/{docId}", t), "DELETE document");
        await NotFound(app.PostAsync($"/api/v1/filings/{id}/submit", null, t), "submit");
        await NotFound(app.PostAsync($"/api/v1/filings/{id}/withdraw", null, t), "withdraw");

        var list = await (await app.GetAsync("/api/v1/filings", t)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(0, list.GetProperty("total").GetInt32());
        Assert.DoesNotContain(id, list.ToString());

        // Nothing the other filer tried changed the filing.
        var after = await (await app.GetAsync($"/api/v1/filings/{id}", owner.Token)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("draft", after.Str("status"));
        Assert.Equal(2, after.GetProperty("documents").GetArrayLength());
        Assert.Equal(130000m, after.GetProperty("claimAmount").GetDecimal());
        var history = await (await app.GetAsync($"/api/v1/filings/{id}/history", owner.Token)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(before.GetArrayLength(), history.GetArrayLength());
    }

    [Fact]
    public async Task OwnedEndpoints_SubmittedFilingOfAnotherFiler_NotFound()
    {
        var owner = await app.NewFilerAsync();
        var id = await app.CompleteFilingAsync(owner.Token);
        await app.SubmitAsync(id, owner.Token);
        var other = await app.NewFilerAsync();
        await (await app.GetAsync($"/api/v1/filings/{id}/receipt", other.Token)).ShouldBeProblem(404);
        await (await app.PostAsync($"/api/v1/filings/{id}/withdraw", null, other.Token)).ShouldBeProblem(404);
        Assert.Equal("submitted", (await (await app.GetAsync($"/api/v1/filings/{id}", owner.Token)).ShouldBe(HttpStatusCode.OK)).Str("status"));
    }

    [Fact]
    public async Task OwnedEndpoints_ClerkOfTheCourt_NotFoundThroughTheFilerApi()
    {
        var owner = await app.NewFilerAsync();
        var id = await app.CompleteFilingAsync(owner.Token);
        await app.SubmitAsync(id, owner.Token);
        var clerk = await app.LoginAsync("clerk.620622@demo.docket");
        await (await app.GetAsync($"/api/v1/filings/{id}", clerk)).ShouldBeProblem(404);
        await (await app.PostAsync($"/api/v1/filings/{id}/withdraw", null, clerk)).ShouldBeProblem(404);
        Assert.DoesNotContain(id, (await (await app.GetAsync("/api/v1/filings", clerk)).ShouldBe(HttpStatusCode.OK)).ToString());
    }

    [Fact]
    public async Task Documents_IdOfAnotherFilingOfTheSameOwner_NotFound()
    {
        var owner = await app.NewFilerAsync();
        var a = await app.CompleteFilingAsync(owner.Token);
        var b = await app.CreateDraftAsync(owner.Token);
        var docOfA = (await (await app.GetAsync($"/api/v1/filings/{a}", owner.Token)).ShouldBe(HttpStatusCode.OK)).GetProperty("documents")[0].Str("id");
        await (await app.GetAsync($"/api/v1/filings/{b}/documents/{docOfA}/content", owner.Token)).ShouldBeProblem(404);
        await (await app.DeleteAsync($"/api/v1/filings/{b}/documents/{docOfA}", owner.Token)).ShouldBeProblem(404);
    }

    [Theory]
    [InlineData("GET", "/api/v1/filings")]
    [InlineData("POST", "/api/v1/filings")]
    [InlineData("GET", "/api/v1/filings/0198c0ffee/check")]
    [InlineData("POST", "/api/v1/filings/0198c0ffee/submit")]
    [InlineData("GET", "/api/v1/me")]
    [InlineData("PUT", "/api/v1/me/profile")]
    public async Task ProtectedEndpoints_NoToken_UnauthorizedProblemWithCode(string method, string path)
    {
        var r = await app.SendAsync(new HttpMethod(method), path, content: method == "GET" ? null : DocketAppFactory.JsonBody(new { }));
        await r.ShouldBeProblem(401, "auth.required", path);
    }

    [Fact]
    public async Task ProtectedEndpoints_GarbageToken_Unauthorized()
    {
        await (await app.GetAsync("/api/v1/filings", "not-a-real-token")).ShouldBeProblem(401, "auth.required");
    }

    [Fact]
    public async Task FilingsList_SeveralFilings_NewestFirstAndPaged()
    {
        var filer = await app.NewFilerAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) ids.Add(await app.CreateDraftAsync(filer.Token));
        var page1 = await (await app.GetAsync("/api/v1/filings?page=1&pageSize=2", filer.Token)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(3, page1.GetProperty("total").GetInt32());
        Assert.Equal([ids[2], ids[1]], page1.GetProperty("items").EnumerateArray().Select(f => f.Str("id")));
        var page2 = await (await app.GetAsync("/api/v1/filings?page=2&pageSize=2", filer.Token)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal([ids[0]], page2.GetProperty("items").EnumerateArray().Select(f => f.Str("id")));
        var clamped = await (await app.GetAsync("/api/v1/filings?pageSize=100000", filer.Token)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(3, clamped.GetProperty("items").GetArrayLength());
    }
}
