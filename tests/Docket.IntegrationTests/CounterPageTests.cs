using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Docket.Web.Features.Filings;
using Microsoft.EntityFrameworkCore;

namespace Docket.IntegrationTests;

/// <summary>
/// The clerk's counter pages (/Counter, /Counter/Filing/{id}, /Counter/Scan/{id}) through HTTP with the cookie, as a
/// browser posts them: the start form's field messages, a whole counter entry from start to the printed receipt,
/// the read-only view once the litigant attached it, and the scoping to the counter's own court.
/// </summary>
[Collection(SqliteReviewCollection.Name)]
public sealed partial class CounterPageTests(SqliteAppFactory app)
{
    /// <summary>A browser: cookies, no redirects followed, the antiforgery token read from each form.</summary>
    sealed class Browser(Uri baseAddress) : PageBrowser(baseAddress)
    {
        public async Task<HttpResponseMessage> PostRawAsync(string path, string token, Dictionary<string, string> fields) =>
            await Http.PostAsync(path, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));

        /// <summary>
        /// Scanned pages as the page posts them: without script the token is a form field; with script
        /// (<paramref name="tokenInHeader"/>) it goes in a header and the answer is JSON.
        /// </summary>
        public Task<(HttpStatusCode Status, string Body, string? Location)> ScanAsync(string path, string token, string kind, int pages, bool tokenInHeader)
        {
            var form = new MultipartFormDataContent();
            if (!tokenInHeader) form.Add(new StringContent(token), "__RequestVerificationToken");
            form.Add(new StringContent(kind), "kind");
            for (var i = 0; i < pages; i++)
            {
                var part = new ByteArrayContent(TestFiles.Png(30, 40));
                part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
                form.Add(part, "file", $"page-{i + 1}.png");
            }
            return SendAsync(HttpMethod.Post, path, form, m =>
            {
                if (!tokenInHeader) return;
                m.Headers.Add("RequestVerificationToken", token);
                m.Headers.Accept.ParseAdd("application/json");
            });
        }
    }

    async Task<Browser> SignedInAsync(string email, string password = DocketAppFactory.DemoPassword)
    {
        var b = new Browser(app.Http.BaseAddress!);
        await b.LoginAsync(email, password);
        return b;
    }

    static string NewMobile() => "139" + Random.Shared.Next(0, 100_000_000).ToString("D8");

    /// <summary>The text of the field message shown for <paramref name="field"/> (empty when there is none).</summary>
    static string FieldMessage(string html, string field) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>([^<]*)<").Groups[1].Value);

    /// <summary>The court selected in the start form.</summary>
    static string SelectedCourt(string html)
    {
        var select = Regex.Match(html, "<select[^>]*name=\"CourtId\"[^>]*>(.*?)</select>", RegexOptions.Singleline).Groups[1].Value;
        return Regex.Match(select, "<option(?=[^>]*selected)[^>]*value=\"([^\"]+)\"").Groups[1].Value;
    }

    static Dictionary<string, string> StartFields(string phone, string idNumber) => new()
    {
        ["CourtId"] = Courts.Gulang,
        ["CaseType"] = "civil-first-instance",
        ["IdentityChecked"] = "true",
        ["Litigant.Name"] = "王五",
        ["Litigant.IdType"] = "resident-id",
        ["Litigant.IdNumber"] = idNumber,
        ["Litigant.Phone"] = phone,
        ["Litigant.PostalAddress"] = "山东省东营市东营区黄河路 1 号",
        ["Litigant.ElectronicServiceConsent"] = "false",
    };

    Task<int> CounterFilingsAsync(string courtId) => app.ReadDbAsync(db => db.Filings.CountAsync(f => f.EnteredAtCourtId == courtId));

    [Fact]
    public async Task StartForm_MissingFields_ShowsMessagesNextToFieldsAndCreatesNothing()
    {
        using var clerk = await SignedInAsync(ReviewKit.ClerkEmail(Courts.Dongying));
        var page = await clerk.GetAsync("/Counter");
        Assert.Contains("窗口代为录入", page);
        Assert.Equal(Courts.Dongying, SelectedCourt(page)); // the clerk's own court by default
        var before = await CounterFilingsAsync(Courts.Dongying);
        var users = await app.ReadDbAsync(db => db.Users.CountAsync(u => u.CounterLitigant));

        var r = await clerk.PostFormAsync("/Counter", Browser.Token(page), new() { ["CourtId"] = Courts.Gulang, ["CaseType"] = "civil-first-instance" });

        Assert.True(r.Status == HttpStatusCode.OK, $"{(int)r.Status} {r.Location}");
        Assert.Equal("请填写真实姓名。", FieldMessage(r.Body, "Litigant.Name"));
        Assert.Equal("请填写证件号码。", FieldMessage(r.Body, "Litigant.IdNumber"));
        Assert.Equal("请填写有效的手机号码。", FieldMessage(r.Body, "Litigant.Phone"));
        Assert.NotEmpty(FieldMessage(r.Body, "Litigant.PostalAddress"));
        Assert.Equal("请选择是否同意电子送达。", FieldMessage(r.Body, "Litigant.ElectronicServiceConsent"));
        Assert.StartsWith("请先当面核对当事人的身份证件原件", FieldMessage(r.Body, "IdentityChecked"));
        Assert.Equal(Courts.Gulang, SelectedCourt(r.Body)); // the choice is kept
        Assert.Equal(before, await CounterFilingsAsync(Courts.Dongying));
        Assert.Equal(users, await app.ReadDbAsync(db => db.Users.CountAsync(u => u.CounterLitigant)));
    }

    [Fact]
    public async Task CounterEntry_ThroughThePages_StartSaveScanSubmitPrint_ThenReadOnlyOnceAttached()
    {
        using var clerk = await SignedInAsync(ReviewKit.ClerkEmail(Courts.Dongying));
        var phone = NewMobile();
        var idNumber = TestIds.ResidentId("370502", "19700101");

        // Start: a Gulang case entered at Dongying's counter.
        var index = await clerk.GetAsync("/Counter");
        var started = await clerk.PostFormAsync("/Counter", Browser.Token(index), StartFields(phone, idNumber));
        Assert.True(started.Status == HttpStatusCode.Redirect, $"start: {(int)started.Status} {started.Body[..Math.Min(started.Body.Length, 600)]}");
        var id = CounterFilingPath().Match(started.Location!).Groups[1].Value;
        Assert.NotEmpty(id);
        var path = $"/Counter/Filing/{id}";
        var page = await clerk.GetAsync(path);
        Assert.Contains("王五", page);
        Assert.Contains(Courts.GulangName, page);
        Assert.Contains("东营区人民法院（本院）", page);
        Assert.Contains("status-draft", page);
        Assert.Contains(id, await clerk.GetAsync("/Counter")); // listed on the desk

        // Content: a wrong ID number of the defendant comes back next to its input, nothing saved.
        var content = new Dictionary<string, string>
        {
            ["Cause"] = "买卖合同纠纷",
            ["Title"] = "王五诉李四买卖合同纠纷",
            ["Matter"] = "property",
            ["ClaimAmount"] = "130,000",
            ["ClaimsText"] = "判令被告支付货款 130000 元\n本案诉讼费用由被告承担",
            ["FactsAndReasons"] = "原告向被告供货，被告至今未付货款。",
            ["Parties[1].Kind"] = "person",
            ["Parties[1].Name"] = "李四",
            ["Parties[1].Phone"] = "13900139000",
            ["Parties[1].Address"] = "甘肃省武威市古浪县大靖镇",
            ["Parties[1].IdType"] = "resident-id",
            ["Parties[1].IdNumber"] = TestIds.WithWrongCheckDigit(TestIds.ResidentId()),
        };
        var bad = await clerk.PostFormAsync($"{path}?handler=Save", Browser.Token(page), content);
        Assert.Equal(HttpStatusCode.OK, bad.Status);
        Assert.StartsWith("居民身份证号码不正确", FieldMessage(bad.Body, "Parties[1].IdNumber"));
        Assert.Contains("value=\"李四\"", bad.Body); // what was typed is kept
        content["Parties[1].IdNumber"] = "";
        var saved = await clerk.PostFormAsync($"{path}?handler=Save", Browser.Token(page), content);
        Assert.True(saved.Status == HttpStatusCode.Redirect, $"save: {(int)saved.Status} {saved.Body[..Math.Min(saved.Body.Length, 600)]}");

        // Scan: two pages of the complaint (as the script sends them: token in a header, JSON back) and one of the ID
        // (a plain form post).
        page = await clerk.GetAsync(path);
        Assert.Contains("action=\"/Counter/Scan/" + id + "?scans=1\"", page);
        var complaint = await clerk.ScanAsync($"/Counter/Scan/{id}?scans=1", Browser.Token(page), "complaint", 2, tokenInHeader: true);
        Assert.True(complaint.Status == HttpStatusCode.Created, $"scan complaint: {(int)complaint.Status} {complaint.Body}");
        Assert.Equal("application/pdf", JsonDocument.Parse(complaint.Body).RootElement.GetProperty("mediaType").GetString());
        var identity = await clerk.ScanAsync($"/Counter/Scan/{id}?scans=1", Browser.Token(page), "identity", 1, tokenInHeader: false);
        Assert.True(identity.Status == HttpStatusCode.Redirect, $"scan identity: {(int)identity.Status} {identity.Body}");
        Assert.Equal($"/Counter/Filing/{id}#documents", identity.Location);

        page = await clerk.GetAsync(path);
        Assert.Contains("材料已上传。", page);
        Assert.Contains("起诉状（申请书）", page);
        Assert.Contains("身份证明", page);
        Assert.Contains("材料齐全，可以提交。", page);
        Assert.Contains("value=\"李四\"", page);
        var view = WebUtility.HtmlDecode(Regex.Match(page, "href=\"(/Counter/Filing/[^\"]*handler=Document[^\"]*)\"").Groups[1].Value);
        var scanned = await clerk.SendAsync(HttpMethod.Get, view);
        Assert.True(scanned.Status == HttpStatusCode.OK && scanned.Body.StartsWith("%PDF-", StringComparison.Ordinal), $"GET {view}: {(int)scanned.Status}");

        // Submit, by the clerk for the litigant.
        var submitted = await clerk.PostFormAsync($"{path}?handler=Submit", Browser.Token(page), []);
        Assert.True(submitted.Status == HttpStatusCode.Redirect, $"submit: {(int)submitted.Status} {submitted.Body[..Math.Min(submitted.Body.Length, 600)]}");
        page = await clerk.GetAsync(path);
        var receiptNumber = await app.ReadDbAsync(db => db.Receipts.Where(r => r.FilingId == id).Select(r => r.ReceiptNumber).SingleAsync());
        Assert.Contains(receiptNumber, page);
        Assert.Contains("打印窗口回执（含认领码）", page);
        Assert.Contains($"href=\"/Review/Filing?id={id}\"", page);
        Assert.DoesNotContain("handler=Save", page); // no longer editable
        var filing = await app.ReadDbAsync(db => db.Filings.Include(f => f.Documents).SingleAsync(f => f.Id == id));
        Assert.Equal((FilingStatus.AwaitingForward, Courts.Gulang, Courts.Dongying), (filing.Status, filing.CourtId, filing.CooperatingCourtId));
        Assert.Equal(["complaint", "identity"], filing.Documents.OrderBy(d => d.AddedAt).Select(d => d.Kind).ToArray());
        Assert.All(filing.Documents, d => Assert.Equal("application/pdf", d.MediaType));
        Assert.Equal(("李四", "defendant"), (filing.Parties[1].Name, filing.Parties[1].Role));
        Assert.Equal(130000_00L, filing.ClaimAmountFen);

        // Print the counter receipt: a PDF with the claim code.
        var printed = await clerk.PostRawAsync($"{path}?handler=Receipt", Browser.Token(page), []);
        Assert.Equal(HttpStatusCode.OK, printed.StatusCode);
        Assert.Equal("application/pdf", printed.Content.Headers.ContentType?.MediaType);
        var text = ReviewKit.PdfText(await printed.Content.ReadAsByteArrayAsync());
        Assert.Contains(receiptNumber, text);
        var code = ClaimCode().Match(text).Value;
        Assert.NotEmpty(code);

        // The litigant attaches it with the code and an SMS code: the counter page turns read-only and says why.
        var filer = await app.NewFilerAsync();
        await (await app.PostAsync("/api/v1/filings/claim", new { claimCode = code }, filer.Token)).ShouldBe(HttpStatusCode.Accepted, "claim start");
        var outbox = await (await app.GetAsync("/api/v1/dev/sms-outbox?phone=" + phone)).ShouldBe(HttpStatusCode.OK, "outbox");
        var sms = SixDigits().Match(outbox.EnumerateArray().Select(m => m.Str("text")).First(t => t.Contains("验证码"))).Value;
        await (await app.PostAsync("/api/v1/filings/claim/confirm", new { claimCode = code, smsCode = sms }, filer.Token)).ShouldBe(HttpStatusCode.OK, "claim confirm");
        page = await clerk.GetAsync(path);
        Assert.Contains("当事人已将此案关联到本人账户，窗口不能再代为操作。", page);
        Assert.DoesNotContain("handler=Receipt", page);
        Assert.DoesNotContain("/Counter/Scan/", page);
        var again = await clerk.PostRawAsync($"{path}?handler=Receipt", Browser.Token(page), []);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var late = await clerk.PostFormAsync($"{path}?handler=Save", Browser.Token(page), content);
        Assert.Equal(HttpStatusCode.OK, late.Status);
        Assert.Contains("当事人已将此案关联到本人账户", late.Body);
        Assert.DoesNotContain("handler=Save", late.Body);
    }

    [Fact]
    public async Task CounterFilingPage_AnotherCourtsClerk_NotFound()
    {
        var dongying = await app.ClerkAsync(Courts.Dongying);
        var created = await (await app.PostAsync("/api/v1/counter/filings", new
        {
            courtId = Courts.Gulang,
            caseType = "civil-first-instance",
            identityChecked = true,
            litigant = new
            {
                name = "赵六",
                idType = "resident-id",
                idNumber = TestIds.ResidentId("370502", "19800101"),
                phone = NewMobile(),
                postalAddress = "山东省东营市东营区",
                electronicServiceConsent = true,
            },
        }, dongying)).ShouldBe(HttpStatusCode.Created, "counter start");
        var id = created.Str("id");

        // Gulang is the competent court, but the entry is Dongying's counter's: not Gulang's to see or change.
        using var gulang = await SignedInAsync(ReviewKit.ClerkEmail(Courts.Gulang));
        var desk = await gulang.GetAsync("/Counter");
        Assert.DoesNotContain(id, desk);
        Assert.Equal(HttpStatusCode.NotFound, (await gulang.SendAsync(HttpMethod.Get, $"/Counter/Filing/{id}")).Status);
        var token = Browser.Token(desk);
        Assert.Equal(HttpStatusCode.NotFound, (await gulang.PostFormAsync($"/Counter/Filing/{id}?handler=Save", token, new() { ["Parties[1].Name"] = "X" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await gulang.ScanAsync($"/Counter/Scan/{id}?scans=1", token, "complaint", 1, tokenInHeader: false)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await gulang.PostRawAsync($"/Counter/Filing/{id}?handler=Receipt", token, [])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gulang.SendAsync(HttpMethod.Get, "/Counter/Filing/no-such-id")).Status);
    }

    [Fact]
    public async Task CounterPages_Filer_Denied()
    {
        using var filer = await SignedInAsync("filer@demo.docket");
        foreach (var path in new[] { "/Counter", "/Counter/Filing/x" })
        {
            var r = await filer.SendAsync(HttpMethod.Get, path);
            Assert.True(r.Status == HttpStatusCode.Forbidden || (r.Status == HttpStatusCode.Redirect && r.Location!.Contains("/Account/Denied", StringComparison.OrdinalIgnoreCase)),
                $"{path}: {(int)r.Status} {r.Location}");
        }
    }

    [GeneratedRegex("^/Counter/Filing/([^/?#]+)$")]
    private static partial Regex CounterFilingPath();

    [GeneratedRegex("[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}")]
    private static partial Regex ClaimCode();

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex SixDigits();
}
