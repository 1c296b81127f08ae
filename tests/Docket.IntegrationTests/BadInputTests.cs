using System.Net;
using System.Text;

namespace Docket.IntegrationTests;

/// <summary>Whatever a client sends, the answer is a ProblemDetails 4xx with a <c>code</c>, never a 500.</summary>
[Collection(SqliteUploadsCollection.Name)]
public sealed class BadInputTests(SqliteAppFactory app)
{
    async Task<string> TokenAsync() => (await app.SharedFilerAsync()).Token;

    // --- JSON bodies --------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("{not json")]
    [InlineData("{\"courtId\": \"620622\", ")]
    [InlineData("[1, 2")]
    public async Task CreateFiling_MalformedJson_BadRequest(string json)
    {
        var r = await app.SendAsync(HttpMethod.Post, "/api/v1/filings", await TokenAsync(), DocketAppFactory.RawJson(json));
        await r.ShouldBeProblem(400, "request.malformed");
    }

    [Theory]
    [InlineData("{\"claimAmount\": \"abc\"}")]
    [InlineData("{\"claims\": 5}")]
    [InlineData("{\"parties\": \"张三\"}")]
    [InlineData("{\"parties\": [5]}")]
    [InlineData("{\"laborRemuneration\": \"yes\"}")]
    [InlineData("{\"title\": {\"a\": 1}}")]
    [InlineData("[]")]
    public async Task UpdateFiling_WrongJsonTypes_BadRequest(string json)
    {
        var tok = await TokenAsync();
        var id = await app.CreateDraftAsync(tok);
        var r = await app.SendAsync(HttpMethod.Put, $"/api/v1/filings/{id}", tok, DocketAppFactory.RawJson(json));
        await r.ShouldBeProblem(400, null, json);
    }

    [Fact]
    public async Task CreateFiling_WrongJsonType_BadRequest()
    {
        var r = await app.SendAsync(HttpMethod.Post, "/api/v1/filings", await TokenAsync(), DocketAppFactory.RawJson("{\"courtId\": 620622, \"caseType\": [1]}"));
        await r.ShouldBeProblem(400, "request.malformed");
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"620622\"")]
    public async Task CreateFiling_JsonNotAnObject_BadRequest(string json)
    {
        var r = await app.SendAsync(HttpMethod.Post, "/api/v1/filings", await TokenAsync(), DocketAppFactory.RawJson(json));
        await r.ShouldBeProblem(400, null, json);
    }

    [Fact]
    public async Task CreateFiling_OverlongIdempotencyKey_FieldError()
    {
        var r = await app.PostAsync("/api/v1/filings", new { courtId = "620622", caseType = "civil-first-instance" }, await TokenAsync(),
            m => m.Headers.Add("Idempotency-Key", new string('k', 201)));
        await r.ShouldBeFieldError("Idempotency-Key");
    }

    [Fact]
    public async Task CreateFiling_UnknownCourt_FieldErrorCourtId()
    {
        var r = await app.PostAsync("/api/v1/filings", new { courtId = "999999", caseType = "civil-first-instance" }, await TokenAsync());
        await r.ShouldBeFieldError("courtId");
    }

    [Fact]
    public async Task CreateFiling_UnknownCaseType_FieldErrorCaseType()
    {
        var r = await app.PostAsync("/api/v1/filings", new { courtId = "620622", caseType = "divorce-by-post" }, await TokenAsync());
        await r.ShouldBeFieldError("caseType");
    }

    [Fact]
    public async Task CreateFiling_EmptyObject_FieldErrorsForBoth()
    {
        var json = await (await app.PostAsync("/api/v1/filings", new { }, await TokenAsync())).ShouldBeFieldError("courtId");
        Assert.True(json.GetProperty("errors").TryGetProperty("caseType", out _));
    }

    [Fact]
    public async Task CreateFiling_CooperatingCourtSameAsCourt_FieldError()
    {
        var r = await app.PostAsync("/api/v1/filings", new { courtId = "620622", caseType = "civil-first-instance", cooperatingCourtId = "620622" }, await TokenAsync());
        await r.ShouldBeFieldError("cooperatingCourtId");
    }

    [Theory]
    [InlineData("-100")]
    [InlineData("0")]
    [InlineData("100.001")]
    [InlineData("1e15")]
    [InlineData("1000000000000.01")]
    [InlineData("79228162514264337593543950335")]
    public async Task UpdateFiling_BadClaimAmount_FieldErrorClaimAmount(string amount)
    {
        var tok = await TokenAsync();
        var id = await app.CreateDraftAsync(tok);
        var json = "{\"title\":\"t\",\"cause\":\"买卖合同纠纷\",\"matter\":\"property\",\"claimAmount\":" + amount + ",\"claims\":[\"c\"],\"factsAndReasons\":\"f\",\"parties\":[]}";
        var r = await app.SendAsync(HttpMethod.Put, $"/api/v1/filings/{id}", tok, DocketAppFactory.RawJson(json));
        await r.ShouldBeFieldError("claimAmount", amount);
        // Nothing was saved.
        var f = await (await app.GetAsync($"/api/v1/filings/{id}", tok)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, f.GetProperty("claimAmount").ValueKind);
    }

    [Fact]
    public async Task UpdateFiling_HugeNumberBeyondDecimal_BadRequest()
    {
        var tok = await TokenAsync();
        var id = await app.CreateDraftAsync(tok);
        var r = await app.SendAsync(HttpMethod.Put, $"/api/v1/filings/{id}", tok, DocketAppFactory.RawJson("{\"claimAmount\": 1e400}"));
        await r.ShouldBeProblem(400);
    }

    [Fact]
    public async Task UpdateFiling_TwoDecimals_Accepted()
    {
        var tok = await TokenAsync();
        var id = await app.CreateDraftAsync(tok);
        var f = await (await app.PutAsync($"/api/v1/filings/{id}", TestData.FilingBody(12345.67m), tok)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(12345.67m, f.GetProperty("claimAmount").GetDecimal());
    }

    [Fact]
    public async Task UpdateProfile_BadResidentIdCheckDigit_FieldErrorIdNumber()
    {
        var tok = await TokenAsync();
        var bad = TestIds.WithWrongCheckDigit(TestIds.ResidentId());
        var r = await app.PutAsync("/api/v1/me/profile", new { fullName = "张三", idType = "resident-id", idNumber = bad, phone = "13800138000" }, tok);
        await r.ShouldBeFieldError("idNumber");
        // The profile kept its valid number and the account stays verified.
        var me = await (await app.GetAsync("/api/v1/me", tok)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal((await app.SharedFilerAsync()).IdNumber, me.GetProperty("profile").Str("idNumber"));
        Assert.True(me.GetProperty("verified").GetBoolean());
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("62062219850312001")]
    [InlineData("6206221985031200XX")]
    [InlineData("620622299903120014")]
    public async Task UpdateProfile_MalformedResidentId_FieldErrorIdNumber(string idNumber)
    {
        var r = await app.PutAsync("/api/v1/me/profile", new { fullName = "张三", idType = "resident-id", idNumber, phone = "13800138000" }, await TokenAsync());
        await r.ShouldBeFieldError("idNumber", idNumber);
    }

    [Fact]
    public async Task UpdateFiling_PartyWithBadResidentIdCheckDigit_FieldErrorOnThatParty()
    {
        var tok = await TokenAsync();
        var id = await app.CreateDraftAsync(tok);
        var bad = TestIds.WithWrongCheckDigit(TestIds.ResidentId());
        var r = await app.PutAsync($"/api/v1/filings/{id}", TestData.FilingBody(1000m, [TestData.Plaintiff(bad), TestData.Defendant()]), tok);
        await r.ShouldBeFieldError("parties[0].idNumber");
    }

    [Fact]
    public async Task UpdateFiling_OrganizationWithBadUscc_FieldErrorOnThatParty()
    {
        var tok = await TokenAsync();
        var id = await app.CreateDraftAsync(tok);
        var good = TestIds.Uscc();
        var bad = good[..^1] + (good[^1] == 'A' ? 'B' : 'A');
        object Org(string uscc) => new { role = "plaintiff", kind = "organization", name = "古浪县某某商贸有限公司", uscc, legalRepresentative = "王五", address = "古浪县" };
        await (await app.PutAsync($"/api/v1/filings/{id}", TestData.FilingBody(1000m, [TestData.Defendant(), Org(bad)]), tok))
            .ShouldBeFieldError("parties[1].uscc");
        var ok = await (await app.PutAsync($"/api/v1/filings/{id}", TestData.FilingBody(1000m, [TestData.Defendant(), Org(good)]), tok)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(good, ok.GetProperty("parties")[1].Str("uscc"));
    }

    [Fact]
    public async Task UpdateFiling_BadPartyRoleAndKind_FieldErrors()
    {
        var tok = await TokenAsync();
        var id = await app.CreateDraftAsync(tok);
        var r = await app.PutAsync($"/api/v1/filings/{id}", TestData.FilingBody(1000m, [new { role = "judge", kind = "robot", name = "x" }]), tok);
        var json = await r.ShouldBeFieldError("parties[0].role");
        Assert.True(json.GetProperty("errors").TryGetProperty("parties[0].kind", out _));
    }

    [Fact]
    public async Task CreateFiling_OversizedJsonBody_PayloadTooLarge()
    {
        // More than the 4 MiB JSON limit. Expect: 100-continue lets the server refuse before the body is sent.
        var padding = new string('x', 4 * 1024 * 1024 + 1024);
        var body = DocketAppFactory.RawJson($"{{\"courtId\":\"620622\",\"caseType\":\"civil-first-instance\",\"padding\":\"{padding}\"}}");
        var r = await app.SendAsync(HttpMethod.Post, "/api/v1/filings", await TokenAsync(), body, m => m.Headers.ExpectContinue = true);
        await r.ShouldBeProblem(413);
    }

    [Fact]
    public async Task UpdateFiling_OversizedJsonBody_PayloadTooLargeAndUnchanged()
    {
        var tok = await TokenAsync();
        var id = await app.CreateDraftAsync(tok);
        var body = TestData.FilingBody(1000m);
        body["factsAndReasons"] = new string('事', 2 * 1024 * 1024); // 6 MiB of UTF-8
        var r = await app.SendAsync(HttpMethod.Put, $"/api/v1/filings/{id}", tok, DocketAppFactory.JsonBody(body), m => m.Headers.ExpectContinue = true);
        await r.ShouldBeProblem(413);
        var f = await (await app.GetAsync($"/api/v1/filings/{id}", tok)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("", f.Str("factsAndReasons"));
    }

    [Fact]
    public async Task Register_MalformedJson_BadRequest()
    {
        await (await app.SendAsync(HttpMethod.Post, "/api/v1/auth/register", content: DocketAppFactory.RawJson("{\"email\":"))).ShouldBeProblem(400);
    }

    // --- unknown ids ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("GET", "/api/v1/filings/{unknown}")]
    [InlineData("GET", "/api/v1/filings/{unknown}/check")]
    [InlineData("GET", "/api/v1/filings/{unknown}/receipt")]
    [InlineData("GET", "/api/v1/filings/{unknown}/history")]
    [InlineData("POST", "/api/v1/filings/{unknown}/submit")]
    [InlineData("POST", "/api/v1/filings/{unknown}/withdraw")]
    [InlineData("GET", "/api/v1/filings/{id}/documents/{unknown}/content")]
    [InlineData("GET", "/api/v1/filings/{id}/documents/{unknown}/preview")]
    [InlineData("DELETE", "/api/v1/filings/{id}/documents/{unknown}")]
    [InlineData("GET", "/api/v1/filings/{id}/documents/..%2F..%2Fdocket.db/content")]
    public async Task FilingEndpoints_UnknownIds_NotFound(string method, string template)
    {
        var tok = await TokenAsync();
        var id = await app.CreateDraftAsync(tok);
        var path = template.Replace("{id}", id).Replace("{unknown}", Guid.NewGuid().ToString("N"));
        await (await app.SendAsync(new HttpMethod(method), path, tok)).ShouldBeProblem(404, null, path);
    }

    [Fact]
    public async Task Filing_UnsupportedMethod_MethodNotAllowedProblem()
    {
        var tok = await TokenAsync();
        var id = await app.CreateDraftAsync(tok);
        await (await app.SendAsync(HttpMethod.Patch, $"/api/v1/filings/{id}", tok, DocketAppFactory.JsonBody(new { title = "x" }))).ShouldBeProblem(405);
    }

    [Fact]
    public async Task UnknownApiRoute_NotFoundProblem()
    {
        await (await app.GetAsync("/api/v1/no-such-thing", await TokenAsync())).ShouldBeProblem(404);
    }

    [Fact]
    public async Task Receipt_BeforeSubmission_ConflictNotSubmitted()
    {
        var tok = await TokenAsync();
        var id = await app.CreateDraftAsync(tok);
        await (await app.GetAsync($"/api/v1/filings/{id}/receipt", tok)).ShouldBeProblem(409, "filing.not-submitted");
        await (await app.GetAsync($"/api/v1/filings/{id}/receipt", tok, m => m.Headers.Accept.ParseAdd("application/pdf"))).ShouldBeProblem(409, "filing.not-submitted");
    }

    // --- uploads ---------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Upload_ExecutableNamedPdf_UnsupportedMediaType()
    {
        var tok = await TokenAsync();
        var id = await app.CreateDraftAsync(tok);
        await (await app.UploadAsync(id, tok, "evidence", "evil.pdf", TestFiles.Executable())).ShouldBeProblem(415, "document.type-not-accepted");
    }

    [Fact]
    public async Task Upload_TextFile_UnsupportedMediaType()
    {
        var tok = await TokenAsync();
        var id = await app.CreateDraftAsync(tok);
        await (await app.UploadAsync(id, tok, "evidence", "notes.txt", TestFiles.Text(), "text/plain")).ShouldBeProblem(415, "document.type-not-accepted");
        await (await app.UploadAsync(id, tok, "evidence", "notes.pdf", TestFiles.Text())).ShouldBeProblem(415, "document.type-not-accepted");
    }

    [Fact]
    public async Task Upload_TinyFileShorterThanAnySignature_UnsupportedMediaType()
    {
        var tok = await TokenAsync();
        var id = await app.CreateDraftAsync(tok);
        await (await app.UploadAsync(id, tok, "evidence", "a.pdf", "%PD"u8.ToArray())).ShouldBeProblem(415);
    }

    [Fact]
    public async Task Upload_PathTraversalFileName_SanitizedToLastSegment()
    {
        var tok = await TokenAsync();
        var id = await app.CreateDraftAsync(tok);
        var doc = await (await app.UploadAsync(id, tok, "evidence", "../../etc/passwd.pdf", TestFiles.Pdf())).ShouldBe(HttpStatusCode.Created);
        Assert.Equal("passwd.pdf", doc.Str("fileName"));
        var win = await (await app.UploadAsync(id, tok, "evidence", "..\\..\\windows\\system.ini.pdf", TestFiles.Pdf())).ShouldBe(HttpStatusCode.Created);
        Assert.Equal("system.ini.pdf", win.Str("fileName"));
        Assert.False(File.Exists(Path.Combine(app.DataPath, "..", "etc", "passwd.pdf")));
    }

    [Fact]
    public async Task Upload_NameOfAnotherType_ExtensionFollowsContent()
    {
        var tok = await TokenAsync();
        var id = await app.CreateDraftAsync(tok);
        var doc = await (await app.UploadAsync(id, tok, "evidence", "scan.pdf", TestFiles.Png(), "application/pdf")).ShouldBe(HttpStatusCode.Created);
        Assert.Equal("image/png", doc.Str("mediaType"));
        Assert.EndsWith(".png", doc.Str("fileName"));
    }

    [Fact]
    public async Task Upload_WithoutKind_FieldErrorKind()
    {
        var tok = await TokenAsync();
        var id = await app.CreateDraftAsync(tok);
        await (await app.UploadAsync(id, tok, null, "a.pdf", TestFiles.Pdf())).ShouldBeFieldError("kind");
        await (await app.UploadAsync(id, tok, "passport-photo", "a.pdf", TestFiles.Pdf())).ShouldBeFieldError("kind");
    }

    [Fact]
    public async Task Upload_MultipartWithoutFile_FieldErrorFile()
    {
        var tok = await TokenAsync();
        var id = await app.CreateDraftAsync(tok);
        await (await app.UploadAsync(id, tok, "complaint", null, null)).ShouldBeFieldError("file");
        await (await app.UploadAsync(id, tok, "complaint", "empty.pdf", [])).ShouldBeFieldError("file");
    }

    [Fact]
    public async Task Upload_NonMultipartBody_UnsupportedMediaType()
    {
        var tok = await TokenAsync();
        var id = await app.CreateDraftAsync(tok);
        // (Routing answers these from the endpoint's Accepts metadata, with the generic code; either code will do.)
        var json = await app.SendAsync(HttpMethod.Post, $"/api/v1/filings/{id}/documents", tok, DocketAppFactory.JsonBody(new { kind = "complaint" }));
        await json.ShouldBeProblem(415);
        var raw = new ByteArrayContent(TestFiles.Pdf());
        raw.Headers.ContentType = new("application/pdf");
        await (await app.SendAsync(HttpMethod.Post, $"/api/v1/filings/{id}/documents", tok, raw)).ShouldBeProblem(415);
        await (await app.SendAsync(HttpMethod.Post, $"/api/v1/filings/{id}/documents", tok)).ShouldBeProblem(415);
        var f = await (await app.GetAsync($"/api/v1/filings/{id}", tok)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(0, f.GetProperty("documents").GetArrayLength());
    }

    [Fact]
    public async Task Upload_MultipartWithoutBoundary_BadRequest()
    {
        var tok = await TokenAsync();
        var id = await app.CreateDraftAsync(tok);
        var c = new ByteArrayContent(Encoding.ASCII.GetBytes("--x\r\n"));
        c.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data");
        await (await app.SendAsync(HttpMethod.Post, $"/api/v1/filings/{id}/documents", tok, c)).ShouldBeProblem(400);
    }

    /// <summary>Broken multipart framing is the client's fault: 400, never 500.</summary>
    [Theory]
    [InlineData("truncated file part", "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4 truncated")]
    [InlineData("truncated kind part", "--b\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nevid")]
    [InlineData("no closing boundary", "--b\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nevidence\r\n")]
    [InlineData("no boundary at all", "just some bytes that never reach a boundary line")]
    [InlineData("part headers over 16 KiB", "--b\r\nContent-Disposition: form-data; name=\"kind\"\r\nX-Padding: {pad}\r\n\r\nevidence\r\n--b--\r\n")]
    public async Task Upload_BrokenMultipartFraming_BadRequest(string what, string body)
    {
        var tok = await TokenAsync();
        var id = await app.CreateDraftAsync(tok);
        var c = new ByteArrayContent(Encoding.ASCII.GetBytes(body.Replace("{pad}", new string('p', 20 * 1024))));
        c.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b");
        await (await app.SendAsync(HttpMethod.Post, $"/api/v1/filings/{id}/documents", tok, c)).ShouldBeProblem(400, null, what);
        var f = await (await app.GetAsync($"/api/v1/filings/{id}", tok)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(0, f.GetProperty("documents").GetArrayLength());
    }

    [Fact]
    public async Task Upload_OverCourtMaxDocumentBytes_PayloadTooLarge()
    {
        var tok = await TokenAsync();
        var id = await app.CreateDraftAsync(tok);
        await WithMaxDocumentBytesAsync("620622", 1024 * 1024, async () =>
        {
            var r = await app.UploadAsync(id, tok, "evidence", "big.pdf", TestFiles.LargePdf(1536 * 1024), configure: m => m.Headers.ExpectContinue = true);
            var problem = await r.ShouldBeProblem(413, "document.too-large");
            Assert.Equal(1024 * 1024, problem.GetProperty("maxBytes").GetInt64());
            // Just under the limit is fine.
            await (await app.UploadAsync(id, tok, "evidence", "fits.pdf", TestFiles.LargePdf(1000 * 1024))).ShouldBe(HttpStatusCode.Created);
        });
    }

    [Fact]
    public async Task Upload_ExactlyTheLimitAccepted_OneByteOverRefused()
    {
        var tok = await TokenAsync();
        var id = await app.CreateDraftAsync(tok);
        const int limit = 256 * 1024;
        await WithMaxDocumentBytesAsync("620622", limit, async () =>
        {
            await (await app.UploadAsync(id, tok, "evidence", "over.pdf", TestFiles.LargePdf(limit + 1))).ShouldBeProblem(413, "document.too-large");
            var doc = await (await app.UploadAsync(id, tok, "evidence", "exact.pdf", TestFiles.LargePdf(limit))).ShouldBe(HttpStatusCode.Created);
            Assert.Equal(limit, doc.GetProperty("bytes").GetInt64());
        });
    }

    public static TheoryData<string, string> UnsafePdfs => new()
    {
        { "document.pdf-encrypted", "trailer\n<< /Size 3 /Root 1 0 R /Encrypt 2 0 R /ID [<00><00>] >>" },
        { "document.pdf-active-content", "3 0 obj\n<< /Type /Action /S /JavaScript /JS (app.alert(1)) >>\nendobj" },
        { "document.pdf-active-content", "3 0 obj\n<< /S /Launch /F (calc.exe) >>\nendobj" },
        { "document.pdf-active-content", "3 0 obj\n<< /Type /EmbeddedFile /Length 1 >>\nstream\nx\nendstream\nendobj" },
        { "document.polyglot", "PK\u0005\u0006\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0" },
    };

    [Theory]
    [MemberData(nameof(UnsafePdfs))]
    public async Task Upload_EncryptedActiveOrPolyglotPdf_RefusedAndNothingKept(string code, string body)
    {
        var tok = await TokenAsync();
        var id = await app.CreateDraftAsync(tok);
        var pdf = System.Text.Encoding.Latin1.GetBytes(System.Text.RegularExpressions.Regex.Unescape(
            "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" + body + "\n%%EOF\n"));
        await (await app.UploadAsync(id, tok, "evidence", "x.pdf", pdf)).ShouldBeProblem(415, code);
        var f = await (await app.GetAsync($"/api/v1/filings/{id}", tok)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(0, f.GetProperty("documents").GetArrayLength());
    }

    [Fact]
    public async Task Upload_PhotoWithAZipAppended_RefusedAsPolyglot()
    {
        var tok = await TokenAsync();
        var id = await app.CreateDraftAsync(tok);
        byte[] zipEnd = [(byte)'P', (byte)'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        var form = TestFiles.Multipart("identity", "id.png", [.. TestFiles.Png(4, 4), .. zipEnd], "image/png");
        await (await app.SendAsync(HttpMethod.Post, $"/api/v1/filings/{id}/documents/photos", tok, form)).ShouldBeProblem(415, "document.polyglot");
        await (await app.UploadAsync(id, tok, "identity", "id.png", [.. TestFiles.Png(4, 4), .. zipEnd], "image/png")).ShouldBeProblem(415, "document.polyglot");
    }

    [Fact]
    public async Task Download_AttachmentAndNoSniffing_ControlCharactersGoneFromTheName()
    {
        var tok = await TokenAsync();
        var id = await app.CreateDraftAsync(tok);
        var doc = await (await app.UploadAsync(id, tok, "evidence", "a\u0007b\r\nc\u202Egnp.pdf", TestFiles.Pdf("d"))).ShouldBe(HttpStatusCode.Created);
        Assert.DoesNotMatch("[\\p{C}]", doc.Str("fileName"));
        var r = await app.GetAsync($"/api/v1/filings/{id}/documents/{doc.Str("id")}/content", tok);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("nosniff", string.Join("", r.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("attachment", r.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task Upload_InSubmittedFiling_Conflict()
    {
        var tok = await TokenAsync();
        var id = await app.CompleteFilingAsync(tok);
        await app.SubmitAsync(id, tok);
        await (await app.UploadAsync(id, tok, "evidence", "late.pdf", TestFiles.Pdf())).ShouldBeProblem(409, "filing.invalid-transition");
    }

    [Fact]
    public async Task DeleteDocument_AfterSubmit_ConflictAndKept()
    {
        var tok = await TokenAsync();
        var id = await app.CompleteFilingAsync(tok);
        await app.SubmitAsync(id, tok);
        var f = await (await app.GetAsync($"/api/v1/filings/{id}", tok)).ShouldBe(HttpStatusCode.OK);
        var docId = f.GetProperty("documents")[0].Str("id");
        await (await app.DeleteAsync($"/api/v1/filings/{id}/documents/{docId}", tok)).ShouldBeProblem(409, "filing.invalid-transition");
        await (await app.GetAsync($"/api/v1/filings/{id}/documents/{docId}/content", tok)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DeleteDocument_AfterWithdraw_Conflict()
    {
        var tok = await TokenAsync();
        var id = await app.CompleteFilingAsync(tok);
        await (await app.PostAsync($"/api/v1/filings/{id}/withdraw", null, tok)).ShouldBe(HttpStatusCode.OK);
        var f = await (await app.GetAsync($"/api/v1/filings/{id}", tok)).ShouldBe(HttpStatusCode.OK);
        await (await app.DeleteAsync($"/api/v1/filings/{id}/documents/{f.GetProperty("documents")[0].Str("id")}", tok)).ShouldBeProblem(409);
        await (await app.UploadAsync(id, tok, "evidence", "late.pdf", TestFiles.Pdf())).ShouldBeProblem(409);
        await (await app.PutAsync($"/api/v1/filings/{id}", TestData.FilingBody(), tok)).ShouldBeProblem(409);
    }

    [Fact]
    public async Task Withdraw_OverlongReason_FieldError()
    {
        var tok = await TokenAsync();
        var id = await app.CreateDraftAsync(tok);
        await (await app.PostAsync($"/api/v1/filings/{id}/withdraw", new { reason = new string('理', 2001) }, tok)).ShouldBeFieldError("reason");
        Assert.Equal("draft", (await (await app.GetAsync($"/api/v1/filings/{id}", tok)).ShouldBe(HttpStatusCode.OK)).Str("status"));
    }

    /// <summary>Lowers one court's per-document limit for the duration of <paramref name="body"/>, then restores it.</summary>
    async Task WithMaxDocumentBytesAsync(string courtId, long bytes, Func<Task> body)
    {
        long original = 0;
        await app.WithDbAsync(async db =>
        {
            var court = await db.Courts.FindAsync(courtId) ?? throw new InvalidOperationException("no court " + courtId);
            original = court.Policy.MaxDocumentBytes;
            court.Policy.MaxDocumentBytes = bytes;
        });
        try
        {
            var policy = await (await app.GetAsync($"/api/v1/courts/{courtId}/policy")).ShouldBe(HttpStatusCode.OK);
            Assert.Equal(bytes, policy.GetProperty("maxDocumentBytes").GetInt64());
            await body();
        }
        finally
        {
            await app.WithDbAsync(async db => (await db.Courts.FindAsync(courtId))!.Policy.MaxDocumentBytes = original);
        }
    }
}
