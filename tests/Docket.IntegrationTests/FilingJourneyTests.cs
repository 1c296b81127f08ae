using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using UglyToad.PdfPig;

namespace Docket.IntegrationTests;

/// <summary>
/// A new filer files online end to end (the contract's filing journey and more), and concurrent submits of one
/// filing. The same bodies run on SQLite and on PostgreSQL (a round trip through PostgreSQL must keep the audit
/// chain verifiable): see the two derived classes at the end of this file.
/// </summary>
public abstract class FilingJourneyTestsBase(DocketAppFactory app)
{
    protected async Task JourneyAsync()
    {
        var filer = await app.NewFilerAsync();
        var tok = filer.Token;

        var me = await (await app.GetAsync("/api/v1/me", tok)).ShouldBe(HttpStatusCode.OK);
        Assert.True(me.GetProperty("verified").GetBoolean(), "a valid profile in demo mode is verified by the stand-in");

        // Create, with an Idempotency-Key: a repeat returns the same draft, the same key with another body is refused.
        var key = Guid.NewGuid().ToString();
        void WithKey(HttpRequestMessage m) => m.Headers.Add("Idempotency-Key", key);
        var createBody = new { courtId = "620622", caseType = "civil-first-instance" };
        var created = await app.PostAsync("/api/v1/filings", createBody, tok, WithKey);
        var draft = await created.ShouldBe(HttpStatusCode.Created, "create");
        var id = draft.Str("id");
        Assert.Equal($"/api/v1/filings/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("draft", draft.Str("status"));
        Assert.Equal("620622", draft.Str("courtId"));
        Assert.Equal("civil-first-instance", draft.Str("caseType"));

        var repeat = await (await app.PostAsync("/api/v1/filings", createBody, tok, WithKey)).ShouldBe(HttpStatusCode.OK, "repeat create");
        Assert.Equal(id, repeat.Str("id"));
        await (await app.PostAsync("/api/v1/filings", new { courtId = "620622", caseType = "payment-order" }, tok, WithKey))
            .ShouldBeProblem(422, "filing.idempotency-key-reused");
        var list = await (await app.GetAsync("/api/v1/filings", tok)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(1, list.GetProperty("total").GetInt32());

        // An empty draft: the check lists every missing item at once, and submit is refused with the same items.
        var check = await (await app.GetAsync($"/api/v1/filings/{id}/check", tok)).ShouldBe(HttpStatusCode.OK);
        Assert.False(check.GetProperty("ready").GetBoolean());
        var blocking = check.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("blocking").GetBoolean()).Select(i => i.Str("code")).ToList();
        Assert.True(blocking.Count >= 3, $"only {blocking.Count} blocking items: {string.Join(", ", blocking)}");
        Assert.Contains("check.complaint-missing", blocking);
        Assert.Contains("check.claims-missing", blocking);
        Assert.Contains("check.plaintiff-missing", blocking);
        Assert.All(check.GetProperty("items").EnumerateArray(), i => Assert.False(string.IsNullOrWhiteSpace(i.Str("message"))));
        var refused = await (await app.PostAsync($"/api/v1/filings/{id}/submit", null, tok)).ShouldBeProblem(409, "filing.incomplete");
        var refusedCodes = refused.GetProperty("items").EnumerateArray().Select(i => i.Str("code")).ToList();
        Assert.Equal(blocking.Order(), refusedCodes.Order());

        // Fill it in and attach the documents.
        var updated = await (await app.PutAsync($"/api/v1/filings/{id}", TestData.FilingBody(130000m), tok)).ShouldBe(HttpStatusCode.OK, "update");
        Assert.Equal(130000m, updated.GetProperty("claimAmount").GetDecimal());
        Assert.Equal(2900m, updated.GetProperty("feeEstimate").GetDecimal());
        Assert.Equal("买卖合同纠纷", updated.Str("cause"));
        Assert.Equal(2, updated.GetProperty("parties").GetArrayLength());
        Assert.Equal(2, updated.GetProperty("claims").GetArrayLength());

        var sent = new Dictionary<string, byte[]>();
        async Task Upload(string kind, string fileName, byte[] bytes, string mediaType, string expectedName)
        {
            var doc = await (await app.UploadAsync(id, tok, kind, fileName, bytes, mediaType)).ShouldBe(HttpStatusCode.Created, "upload " + kind);
            Assert.Equal(Sha256(bytes), doc.Str("sha256").ToLowerInvariant());
            Assert.Equal(bytes.Length, doc.GetProperty("bytes").GetInt64());
            Assert.Equal(kind, doc.Str("kind"));
            Assert.Equal(mediaType, doc.Str("mediaType"));
            Assert.Equal(expectedName, doc.Str("fileName"));
            sent[doc.Str("id")] = bytes;
        }
        await Upload("complaint", "起诉状.pdf", TestFiles.Pdf("complaint"), "application/pdf", "起诉状.pdf");
        await Upload("identity", "identity.pdf", TestFiles.Pdf("identity"), "application/pdf", "identity.pdf");
        await Upload("evidence", "照片.png", TestFiles.Png(), "image/png", "照片.png");
        await Upload("evidence", "receipt-photo.jpeg", TestFiles.Jpeg(), "image/jpeg", "receipt-photo.jpeg");

        check = await (await app.GetAsync($"/api/v1/filings/{id}/check", tok)).ShouldBe(HttpStatusCode.OK);
        Assert.True(check.GetProperty("ready").GetBoolean(), $"complete filing not ready: {check}");
        Assert.DoesNotContain(check.GetProperty("items").EnumerateArray(), i => i.GetProperty("blocking").GetBoolean());

        // Submit: a receipt naming every document with its SHA-256; a repeat answers with the same receipt.
        var receipt = await app.SubmitAsync(id, tok);
        var number = receipt.Str("receiptNumber");
        Assert.StartsWith("620622-", number);
        Assert.Equal(id, receipt.Str("filingId"));
        Assert.Equal(1, receipt.GetProperty("version").GetInt32());
        Assert.Equal("620622", receipt.Str("courtId"));
        var submittedAt = receipt.GetProperty("submittedAt").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromHours(8), submittedAt.Offset);
        Assert.InRange(submittedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        var listed = receipt.GetProperty("documents").EnumerateArray().ToDictionary(d => d.Str("id"));
        Assert.Equal(sent.Keys.Order(), listed.Keys.Order());
        foreach (var (docId, bytes) in sent)
        {
            Assert.Equal(Sha256(bytes), listed[docId].Str("sha256").ToLowerInvariant());
            Assert.Equal(bytes.Length, listed[docId].GetProperty("bytes").GetInt64());
        }

        var again = await app.SubmitAsync(id, tok);
        Assert.Equal(number, again.Str("receiptNumber"));
        Assert.Equal(1, again.GetProperty("version").GetInt32());

        await (await app.PutAsync($"/api/v1/filings/{id}", TestData.FilingBody(1m), tok)).ShouldBeProblem(409, "filing.invalid-transition");
        var submitted = await (await app.GetAsync($"/api/v1/filings/{id}", tok)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("submitted", submitted.Str("status"));
        Assert.Equal(130000m, submitted.GetProperty("claimAmount").GetDecimal());
        Assert.True(DateOnly.TryParseExact(submitted.Str("decisionDeadline"), "yyyy-MM-dd", out var deadline));
        Assert.True(deadline > DateOnly.FromDateTime(submittedAt.DateTime), "the decision deadline is after the submission date");
        Assert.All(submitted.GetProperty("documents").EnumerateArray(), d => Assert.True(d.GetProperty("locked").GetBoolean()));
        // The decision period (7 days for a civil first instance) runs from the day after the submission, Asia/Shanghai.
        var period = await (await app.GetAsync($"/api/v1/calendar/deadline?start={submittedAt:yyyy-MM-dd}&days=7")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(period.Str("deadline"), submitted.Str("decisionDeadline"));

        // The receipt as JSON and as a PDF that carries the number and the court's name as text.
        var latest = await (await app.GetAsync($"/api/v1/filings/{id}/receipt", tok)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(number, latest.Str("receiptNumber"));
        var pdf = await app.GetAsync($"/api/v1/filings/{id}/receipt", tok, m => m.Headers.Accept.ParseAdd("application/pdf"));
        await pdf.ShouldBe(HttpStatusCode.OK, "receipt PDF");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var pdfBytes = await pdf.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF-"u8.ToArray(), pdfBytes[..5]);
        var text = PdfText(pdfBytes);
        Assert.Contains(number, text);
        Assert.Contains("古浪县人民法院", text);

        // Every document downloads byte for byte, as an attachment that the browser may not sniff.
        foreach (var (docId, bytes) in sent)
        {
            var content = await app.GetAsync($"/api/v1/filings/{id}/documents/{docId}/content", tok);
            await content.ShouldBe(HttpStatusCode.OK, "download");
            Assert.Equal(bytes, await content.Content.ReadAsByteArrayAsync());
            Assert.Equal("attachment", content.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("nosniff", content.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal(submitted.GetProperty("documents").EnumerateArray().Single(d => d.Str("id") == docId).Str("mediaType"),
                content.Content.Headers.ContentType?.MediaType);

            var preview = await app.GetAsync($"/api/v1/filings/{id}/documents/{docId}/preview", tok);
            await preview.ShouldBe(HttpStatusCode.OK, "preview");
            Assert.Equal(bytes, await preview.Content.ReadAsByteArrayAsync());
            Assert.Equal("inline", preview.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("sandbox", preview.Headers.GetValues("Content-Security-Policy").Single());
        }

        // The audit trail: create and submit, hash-chained, and it verifies.
        var history = await HistoryAsync(id, tok);
        Assert.Equal(["create", "submit"], history.Select(e => e.Str("action")));
        Assert.Equal("filer", history[1].GetProperty("actor").Str("role"));
        Assert.Equal("draft", history[1].Str("fromStatus"));
        Assert.Equal("submitted", history[1].Str("toStatus"));
        await VerifiedAsync(id, tok, 2);

        // Withdraw, once.
        var withdrawn = await (await app.PostAsync($"/api/v1/filings/{id}/withdraw", new { reason = "已和解" }, tok)).ShouldBe(HttpStatusCode.OK, "withdraw");
        Assert.Equal("withdrawn", withdrawn.Str("status"));
        await (await app.PostAsync($"/api/v1/filings/{id}/withdraw", null, tok)).ShouldBeProblem(409, "filing.invalid-transition");
        await (await app.PostAsync($"/api/v1/filings/{id}/submit", null, tok)).ShouldBeProblem(409, "filing.invalid-transition");
        history = await HistoryAsync(id, tok);
        Assert.Equal(["create", "submit", "withdraw"], history.Select(e => e.Str("action")));
        Assert.Equal("已和解", history[2].Str("note"));
        await VerifiedAsync(id, tok, 3);
        // The receipt stays available after a withdrawal.
        Assert.Equal(number, (await (await app.GetAsync($"/api/v1/filings/{id}/receipt", tok)).ShouldBe(HttpStatusCode.OK)).Str("receiptNumber"));
    }

    protected async Task ConcurrentSubmitsAsync()
    {
        var filer = await app.NewFilerAsync();
        var id = await app.CompleteFilingAsync(filer.Token);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => app.PostAsync($"/api/v1/filings/{id}/submit", null, filer.Token)));
        var receipts = new List<JsonElement>();
        foreach (var r in responses) receipts.Add(await r.ShouldBe(HttpStatusCode.OK, "concurrent submit"));
        Assert.Single(receipts.Select(r => r.Str("receiptNumber")).Distinct());
        Assert.All(receipts, r => Assert.Equal(1, r.GetProperty("version").GetInt32()));

        var history = await HistoryAsync(id, filer.Token);
        Assert.Single(history, e => e.Str("action") == "submit");
        await VerifiedAsync(id, filer.Token, history.Count);
        var latest = await (await app.GetAsync($"/api/v1/filings/{id}/receipt", filer.Token)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(receipts[0].Str("receiptNumber"), latest.Str("receiptNumber"));
    }

    protected async Task ConcurrentCreatesWithOneKeyAsync()
    {
        var filer = await app.NewFilerAsync();
        var key = Guid.NewGuid().ToString();
        var body = new { courtId = "620622", caseType = "civil-first-instance" };
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            app.PostAsync("/api/v1/filings", body, filer.Token, m => m.Headers.Add("Idempotency-Key", key))));
        var ids = new List<string>();
        foreach (var r in responses)
        {
            Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"concurrent create: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
            ids.Add((await r.ShouldBe(r.StatusCode)).Str("id"));
        }
        Assert.Single(ids.Distinct());
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var list = await (await app.GetAsync("/api/v1/filings", filer.Token)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(1, list.GetProperty("total").GetInt32());

        // Keys are per owner: another filer's identical key starts a filing of their own.
        var other = await app.NewFilerAsync();
        var theirs = await (await app.PostAsync("/api/v1/filings", body, other.Token, m => m.Headers.Add("Idempotency-Key", key))).ShouldBe(HttpStatusCode.Created);
        Assert.NotEqual(ids[0], theirs.Str("id"));
    }

    /// <summary>A page past the end is empty, however large its number (no arithmetic overflow into page 1 or a 500).</summary>
    protected async Task PagesPastTheEndAsync()
    {
        var filer = await app.NewFilerAsync();
        await app.CreateDraftAsync(filer.Token);
        foreach (var page in new[] { "2", "1000000", "2147483647", "1073741825" })
        {
            var list = await (await app.GetAsync($"/api/v1/filings?page={page}&pageSize=20", filer.Token)).ShouldBe(HttpStatusCode.OK, "page " + page);
            Assert.Equal(1, list.GetProperty("total").GetInt32());
            Assert.True(list.GetProperty("items").GetArrayLength() == 0, $"page {page} of a one-filing list is not empty: {list}");
        }
        foreach (var query in new[] { "page=abc", "page=99999999999", "pageSize=1.5" })
            await (await app.GetAsync("/api/v1/filings?" + query, filer.Token)).ShouldBeProblem(400, null, query);
    }

    async Task<List<JsonElement>> HistoryAsync(string id, string tok)
    {
        var history = (await (await app.GetAsync($"/api/v1/filings/{id}/history", tok)).ShouldBe(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.NotEmpty(history);
        Assert.Equal(JsonValueKind.Null, history[0].GetProperty("previousHash").ValueKind);
        for (var i = 0; i < history.Count; i++)
        {
            Assert.Equal(i + 1, history[i].GetProperty("sequence").GetInt32());
            Assert.Matches("^[0-9a-f]{64}$", history[i].Str("hash"));
            if (i > 0) Assert.Equal(history[i - 1].Str("hash"), history[i].Str("previousHash"));
        }
        return history;
    }

    async Task VerifiedAsync(string id, string tok, int events)
    {
        var v = await (await app.GetAsync($"/api/v1/filings/{id}/history/verify", tok)).ShouldBe(HttpStatusCode.OK);
        Assert.True(v.GetProperty("valid").GetBoolean(), $"chain does not verify: {v}");
        Assert.Equal(events, v.GetProperty("events").GetInt32());
    }

    static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    static string PdfText(byte[] pdf)
    {
        using var doc = PdfDocument.Open(pdf);
        return string.Concat(doc.GetPages().Select(p => string.Concat(p.Letters.Select(l => l.Value)))).Replace(" ", "");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteFilingJourneyTests(SqliteAppFactory app) : FilingJourneyTestsBase(app)
{
    [Fact]
    public Task Journey_NewFilerOnSqlite_SubmitsWithReceiptAndVerifiableHistory() => JourneyAsync();

    [Fact]
    public Task Submit_TenConcurrentRequestsOnSqlite_OneReceiptAndOneSubmitEvent() => ConcurrentSubmitsAsync();

    [Fact]
    public Task Create_ConcurrentRequestsWithOneIdempotencyKeyOnSqlite_OneFiling() => ConcurrentCreatesWithOneKeyAsync();

    [Fact]
    public Task List_PageNumbersPastTheEndOnSqlite_EmptyPage() => PagesPastTheEndAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresFilingJourneyTests(PostgresAppFactory app) : FilingJourneyTestsBase(app)
{
    [PostgresFact]
    public Task Journey_NewFilerOnPostgres_SubmitsWithReceiptAndVerifiableHistory() => JourneyAsync();

    [PostgresFact]
    public Task Submit_TenConcurrentRequestsOnPostgres_OneReceiptAndOneSubmitEvent() => ConcurrentSubmitsAsync();

    [PostgresFact]
    public Task Create_ConcurrentRequestsWithOneIdempotencyKeyOnPostgres_OneFiling() => ConcurrentCreatesWithOneKeyAsync();

    [PostgresFact]
    public Task List_PageNumbersPastTheEndOnPostgres_EmptyPage() => PagesPastTheEndAsync();
}
