using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Docket.IntegrationTests;

/// <summary>
/// 代为录入 at the counter (cross-region.md, steps 1, 4 and 5): a clerk of Dongying enters a Gulang case for a walk-in
/// litigant, scans the papers, submits, prints the counter receipt with a one-time claim code, forwards and records
/// the posted originals; Gulang registers; the litigant later attaches the filing with the code and an SMS code.
/// </summary>
public abstract partial class CounterEntryTestsBase(DocketAppFactory app)
{
    protected static string NewMobile() => "139" + Random.Shared.Next(0, 100_000_000).ToString("D8");

    protected static object Litigant(string phone, string? idNumber = null) => new
    {
        name = "王五", idType = "resident-id", idNumber = idNumber ?? TestIds.ResidentId("370502", "19700101"), phone,
        postalAddress = "山东省东营市东营区黄河路 1 号", electronicServiceConsent = false,
    };

    protected async Task<JsonElement> StartAsync(string clerk, string phone, string courtId = Courts.Gulang, string caseType = "civil-first-instance") =>
        await (await app.PostAsync("/api/v1/counter/filings", new { courtId, caseType, identityChecked = true, litigant = Litigant(phone) }, clerk))
            .ShouldBe(HttpStatusCode.Created, "counter start");

    protected Task<HttpResponseMessage> ScanAsync(string id, string clerk, string kind, int pages)
    {
        var form = new MultipartFormDataContent("----scans-" + Guid.NewGuid().ToString("N"));
        form.Add(new StringContent(kind), "kind");
        for (var i = 0; i < pages; i++)
        {
            var part = new ByteArrayContent(TestFiles.Png(30, 40));
            part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(part, "file", $"scan-{i + 1}.png");
        }
        return app.SendAsync(HttpMethod.Post, $"/api/v1/counter/filings/{id}/documents/scans", clerk, form);
    }

    /// <summary>A counter filing, complete (the litigant as plaintiff, a defendant, scanned complaint and ID) and submitted.</summary>
    protected async Task<(string Id, string Phone, JsonElement Receipt)> SubmittedAtCounterAsync(string clerk, string courtId = Courts.Gulang)
    {
        var phone = NewMobile();
        var started = await StartAsync(clerk, phone, courtId);
        var id = started.Str("id");
        var plaintiff = started.GetProperty("parties")[0];
        var body = TestData.FilingBody(parties: [JsonSerializer.Deserialize<object>(plaintiff.GetRawText())!, TestData.Defendant()]);
        await (await app.PutAsync($"/api/v1/counter/filings/{id}", body, clerk)).ShouldBe(HttpStatusCode.OK, "counter PUT");
        await (await ScanAsync(id, clerk, "complaint", 3)).ShouldBe(HttpStatusCode.Created, "scan complaint");
        await (await ScanAsync(id, clerk, "identity", 2)).ShouldBe(HttpStatusCode.Created, "scan identity");
        var check = await (await app.GetAsync($"/api/v1/counter/filings/{id}/check", clerk)).ShouldBe(HttpStatusCode.OK, "check");
        Assert.True(check.GetProperty("ready").GetBoolean(), check.GetRawText());
        var receipt = await (await app.PostAsync($"/api/v1/counter/filings/{id}/submit", null, clerk)).ShouldBe(HttpStatusCode.OK, "counter submit");
        return (id, phone, receipt);
    }

    protected async Task<string> ClaimCodeAsync(string id, string clerk) =>
        (await (await app.PostAsync($"/api/v1/counter/filings/{id}/counter-receipt?format=json", null, clerk)).ShouldBe(HttpStatusCode.OK, "claim code"))
            .Str("claimCode");

    protected async Task<string> SmsCodeAsync(string phone)
    {
        var outbox = await (await app.GetAsync("/api/v1/dev/sms-outbox?phone=" + phone)).ShouldBe(HttpStatusCode.OK, "outbox");
        var text = outbox.EnumerateArray().Select(m => m.Str("text")).First(t => t.Contains("验证码"));
        return SixDigits().Match(text).Value;
    }

    protected async Task ForwardedRegisteredAndClaimedAsync()
    {
        var coop = await app.ClerkAsync(Courts.Dongying);
        var comp = await app.ClerkAsync(Courts.Gulang);
        var coopId = await app.UserIdAsync(coop);
        var (id, phone, receipt) = await SubmittedAtCounterAsync(coop);

        var f = await (await app.GetAsync($"/api/v1/counter/filings/{id}", coop)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(("awaiting-forward", Courts.Gulang, Courts.Dongying), (f.Str("status"), f.Str("courtId"), f.Str("cooperatingCourtId")));
        var entry = f.GetProperty("counterEntry");
        Assert.Equal(Courts.Dongying, entry.Str("courtId"));
        Assert.Equal(coopId, entry.GetProperty("enteredBy").Str("id"));
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("attachedAt").ValueKind);
        // Three scanned pages became one PDF document.
        var docs = f.GetProperty("documents").EnumerateArray().ToList();
        Assert.Equal(2, docs.Count);
        Assert.All(docs, d => Assert.Equal("application/pdf", d.Str("mediaType")));
        Assert.Equal(2, receipt.GetProperty("documents").GetArrayLength());

        // The printed receipt carries a code; printing again voids the first one.
        var printed = await app.PostAsync($"/api/v1/counter/filings/{id}/counter-receipt", null, coop);
        Assert.Equal(HttpStatusCode.OK, printed.StatusCode);
        Assert.Equal("application/pdf", printed.Content.Headers.ContentType?.MediaType);
        var text = ReviewKit.PdfText(await printed.Content.ReadAsByteArrayAsync());
        Assert.Contains("认领码", text);
        Assert.Contains(receipt.Str("receiptNumber"), text);
        var first = await ClaimCodeAsync(id, coop);
        var code = await ClaimCodeAsync(id, coop);
        Assert.Matches("^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$", code);

        // Forward; record the originals posted to Gulang; Gulang registers.
        await app.ReviewAsync("forward", id, coop);
        var posted = await (await app.PostAsync($"/api/v1/review/filings/{id}/originals", new { carrier = "中国邮政 EMS", trackingNumber = "1187654321098" }, coop))
            .ShouldBe(HttpStatusCode.Created, "originals");
        Assert.Equal("1187654321098", posted.Str("trackingNumber"));
        await app.ReviewAsync("claim", id, comp);
        var registered = await app.ReviewAsync("register", id, comp);
        Assert.False(string.IsNullOrEmpty(registered.Str("caseNumber")));
        var seenByComp = await app.ReviewFilingAsync(id, comp);
        Assert.Equal("1187654321098", seenByComp.GetProperty("originals")[0].Str("trackingNumber"));
        Assert.Equal(coopId, seenByComp.GetProperty("counterEntry").GetProperty("enteredBy").Str("id"));

        // The litigant signs up and attaches it: claim code, then the SMS code sent to the phone the clerk recorded.
        var filer = await app.NewFilerAsync();
        await (await app.PostAsync("/api/v1/filings/claim", new { claimCode = first }, filer.Token)).ShouldBeFieldError("claimCode", "voided code");
        var started = await (await app.PostAsync("/api/v1/filings/claim", new { claimCode = code.ToLowerInvariant().Replace("-", " ") }, filer.Token))
            .ShouldBe(HttpStatusCode.Accepted, "claim start");
        Assert.Equal(phone[..3] + "****" + phone[^4..], started.Str("phone"));
        var sms = await SmsCodeAsync(phone);
        var wrong = sms == "000000" ? "111111" : "000000";
        await (await app.PostAsync("/api/v1/filings/claim/confirm", new { claimCode = code, smsCode = wrong }, filer.Token)).ShouldBeProblem(400, "sms.code-wrong");
        var attached = await (await app.PostAsync("/api/v1/filings/claim/confirm", new { claimCode = code, smsCode = sms }, filer.Token))
            .ShouldBe(HttpStatusCode.OK, "claim confirm");
        Assert.Equal(("registered", id), (attached.Str("status"), attached.Str("id")));
        Assert.NotEqual(JsonValueKind.Null, attached.GetProperty("counterEntry").GetProperty("attachedAt").ValueKind);

        // Now it is the filer's: listed, readable, with the whole history (entered and submitted by the clerk).
        var mine = await (await app.GetAsync("/api/v1/filings?pageSize=100", filer.Token)).ShouldBe(HttpStatusCode.OK);
        Assert.Contains(mine.GetProperty("items").EnumerateArray(), i => i.Str("id") == id);
        var history = await app.HistoryAsync(id, filer.Token);
        Assert.Equal(["create", "submit", "forward", "claim", "register"], history.Select(h => h.Str("action")).ToArray());
        Assert.Equal(("clerk", coopId), (history[1].GetProperty("actor").Str("role"), history[1].GetProperty("actor").Str("id")));
        await app.AssertChainVerifiesAsync(id, filer.Token);
        Assert.Contains(await app.NotificationsAsync(filer.Token), n => n.Str("kind") == "attached");

        // The code is spent, and the counter can no longer act for the litigant.
        var other = await app.NewFilerAsync();
        await (await app.PostAsync("/api/v1/filings/claim", new { claimCode = code }, other.Token)).ShouldBeFieldError("claimCode", "used code");
        await (await app.PutAsync($"/api/v1/counter/filings/{id}", TestData.FilingBody(), coop)).ShouldBeProblem(409, "counter.attached");
        await (await app.PostAsync($"/api/v1/counter/filings/{id}/counter-receipt", null, coop)).ShouldBeProblem(409, "counter.attached");
    }

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex SixDigits();
}

[Collection(SqliteReviewCollection.Name)]
public sealed class SqliteCounterEntryTests(SqliteAppFactory app) : CounterEntryTestsBase(app)
{
    readonly SqliteAppFactory app = app;

    [Fact]
    public Task CounterEntry_ForwardedRegisteredAndClaimedOnSqlite_EveryStepSeenByBothCourtsAndTheLitigant() => ForwardedRegisteredAndClaimedAsync();

    [Fact]
    public async Task CounterEntry_AtTheCompetentCourtItself_NoCooperatingCourtAndStraightIntoItsQueue()
    {
        var clerk = await app.ClerkAsync(Courts.Gulang);
        var (id, _, _) = await SubmittedAtCounterAsync(clerk);
        var f = await (await app.GetAsync($"/api/v1/counter/filings/{id}", clerk)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(("submitted", JsonValueKind.Null), (f.Str("status"), f.GetProperty("cooperatingCourtId").ValueKind));
        Assert.Contains(await app.QueueAsync(clerk), i => i.Str("filingId") == id);
        var list = await (await app.GetAsync("/api/v1/counter/filings?pageSize=100", clerk)).ShouldBe(HttpStatusCode.OK);
        var row = Assert.Single(list.GetProperty("items").EnumerateArray(), i => i.Str("id") == id);
        Assert.Equal("王五", row.Str("litigantName"));
        // Not cross-region: no originals to post on.
        await (await app.PostAsync($"/api/v1/review/filings/{id}/originals", new { carrier = "EMS", trackingNumber = "1187654321098" }, clerk))
            .ShouldBeProblem(409, "counter.originals-not-cooperating");
    }

    [Fact]
    public async Task CounterStart_BadInput_EachFieldNamedAndNothingCreated()
    {
        var clerk = await app.ClerkAsync(Courts.Dongying);
        var before = await app.ReadDbAsync(db => Task.FromResult(db.Users.Count(u => u.CounterLitigant)));

        var r = await app.PostAsync("/api/v1/counter/filings", new
        {
            courtId = Courts.Gulang, caseType = "civil-first-instance",
            litigant = new { name = "", idType = "resident-id", idNumber = TestIds.WithWrongCheckDigit(TestIds.ResidentId()), phone = "0931-1234567", postalAddress = "" },
        }, clerk);
        var p = await r.ShouldBeProblem(400);
        var errors = p.GetProperty("errors");
        foreach (var field in new[] { "identityChecked", "litigant.name", "litigant.idNumber", "litigant.phone", "litigant.postalAddress", "litigant.electronicServiceConsent" })
            Assert.True(errors.TryGetProperty(field, out _), $"{field} missing in {p.GetRawText()}");
        Assert.Contains("手机号码", errors.GetProperty("litigant.phone")[0].GetString());

        // The counter's court must accept the case type cross-region; an unknown court is named.
        await (await app.PostAsync("/api/v1/counter/filings", new { courtId = Courts.Gulang, caseType = "judicial-confirmation", identityChecked = true, litigant = Litigant(NewMobile()) }, clerk))
            .ShouldBeFieldError("courtId", "ineligible type");
        await (await app.PostAsync("/api/v1/counter/filings", new { courtId = "999999", caseType = "civil-first-instance", identityChecked = true, litigant = Litigant(NewMobile()) }, clerk))
            .ShouldBeFieldError("courtId", "unknown court");
        await (await app.PostAsync("/api/v1/counter/filings", null, clerk)).ShouldBeProblem(400);
        Assert.Equal(before, await app.ReadDbAsync(db => Task.FromResult(db.Users.Count(u => u.CounterLitigant))));
    }

    [Fact]
    public async Task CounterFiling_Scoping_OtherCourtsFilersAndStaffRefused()
    {
        var coop = await app.ClerkAsync(Courts.Dongying);
        var comp = await app.ClerkAsync(Courts.Gulang);
        var other = await app.ClerkAsync(Courts.Tianzhu);
        var phone = NewMobile();
        var id = (await StartAsync(coop, phone)).Str("id");
        var filer = await app.SharedFilerAsync();

        // Another court (even the competent one, before anything is forwarded) does not find it.
        foreach (var clerk in new[] { comp, other })
        {
            await (await app.GetAsync($"/api/v1/counter/filings/{id}", clerk)).ShouldBeProblem(404, "not-found");
            await (await app.PutAsync($"/api/v1/counter/filings/{id}", TestData.FilingBody(), clerk)).ShouldBeProblem(404, "not-found");
            await (await ScanAsync(id, clerk, "complaint", 1)).ShouldBeProblem(404, "not-found");
            await (await app.PostAsync($"/api/v1/counter/filings/{id}/submit", null, clerk)).ShouldBeProblem(404, "not-found");
            await (await app.GetAsync($"/api/v1/review/filings/{id}", clerk)).ShouldBeProblem(404, "not-found");
        }
        // A filer has no counter, and the counter account's filing is not theirs.
        await (await app.PostAsync("/api/v1/counter/filings", new { courtId = Courts.Gulang, caseType = "civil-first-instance", identityChecked = true, litigant = Litigant(NewMobile()) }, filer.Token))
            .ShouldBeProblem(403);
        await (await app.GetAsync($"/api/v1/filings/{id}", filer.Token)).ShouldBeProblem(404, "not-found");
        // Staff do not claim litigants' filings; nothing is printed before submission.
        await (await app.PostAsync("/api/v1/filings/claim", new { claimCode = "ABCD-EFGH-JKLM" }, coop)).ShouldBeProblem(403);
        await (await app.PostAsync($"/api/v1/counter/filings/{id}/counter-receipt", null, coop)).ShouldBeProblem(409, "counter.not-submitted");
        // Incomplete: the submit lists what is missing.
        var refused = await (await app.PostAsync($"/api/v1/counter/filings/{id}/submit", null, coop)).ShouldBeProblem(409, "filing.incomplete");
        Assert.Contains(refused.GetProperty("items").EnumerateArray(), i => i.Str("code") == "check.complaint-missing");
    }

    [Fact]
    public async Task Claim_WithoutTheCode_NeverAttaches()
    {
        var coop = await app.ClerkAsync(Courts.Dongying);
        var (id, phone, _) = await SubmittedAtCounterAsync(coop);
        var code = await ClaimCodeAsync(id, coop);
        var filer = await app.NewFilerAsync();

        // Malformed, made-up, or missing codes: refused before any SMS is sent.
        foreach (var bad in new[] { "", "1234", "ABCD-EFGH-JKLM", "0000-0000-0000" })
            await (await app.PostAsync("/api/v1/filings/claim", new { claimCode = bad }, filer.Token)).ShouldBeFieldError("claimCode", bad);
        var outbox = await (await app.GetAsync("/api/v1/dev/sms-outbox?phone=" + phone)).ShouldBe(HttpStatusCode.OK);
        Assert.DoesNotContain(outbox.EnumerateArray(), m => m.Str("text").Contains("验证码"));
        // An SMS code alone (for the right phone) without the claim code does nothing.
        await (await app.PostAsync("/api/v1/filings/claim", new { claimCode = code }, filer.Token)).ShouldBe(HttpStatusCode.Accepted);
        var sms = await SmsCodeAsync(phone);
        await (await app.PostAsync("/api/v1/filings/claim/confirm", new { claimCode = "", smsCode = sms }, filer.Token)).ShouldBeFieldError("claimCode");
        await (await app.GetAsync($"/api/v1/filings/{id}", filer.Token)).ShouldBeProblem(404, "not-found");
    }

    [Fact]
    public async Task Originals_BadInputAndDuplicates_Refused()
    {
        var coop = await app.ClerkAsync(Courts.Dongying);
        var (id, _, _) = await SubmittedAtCounterAsync(coop);
        var url = $"/api/v1/review/filings/{id}/originals";
        await (await app.PostAsync(url, new { carrier = "", trackingNumber = "12" }, coop)).ShouldBeProblem(400);
        await (await app.PostAsync(url, new { carrier = "EMS", trackingNumber = "1187654321098", postedAt = DateTimeOffset.UtcNow.AddDays(2) }, coop))
            .ShouldBeFieldError("postedAt");
        await (await app.PostAsync(url, new { carrier = "EMS", trackingNumber = "sf-1234567" }, coop)).ShouldBe(HttpStatusCode.Created);
        await (await app.PostAsync(url, new { carrier = "EMS", trackingNumber = "SF-1234567" }, coop)).ShouldBeFieldError("trackingNumber", "duplicate");
        await (await app.PostAsync(url, new { carrier = "EMS", trackingNumber = "1187654321098" }, await app.ClerkAsync(Courts.Tianzhu))).ShouldBeProblem(404, "not-found");
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresCounterEntryTests(PostgresAppFactory app) : CounterEntryTestsBase(app)
{
    [PostgresFact]
    public Task CounterEntry_ForwardedRegisteredAndClaimedOnPostgres_EveryStepSeenByBothCourtsAndTheLitigant() => ForwardedRegisteredAndClaimedAsync();
}
