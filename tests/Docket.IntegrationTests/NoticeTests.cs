using System.Net;
using System.Text.Json;

namespace Docket.IntegrationTests;

/// <summary>
/// A filing's court documents (api.md, <c>GET …/notices</c>): every receipt version and every notice, each a PDF with
/// searchable Chinese text — for the owner, and for the clerks of the court through the review API; nobody else.
/// </summary>
[Collection(SqliteReviewCollection.Name)]
public sealed class NoticeTests(SqliteAppFactory app)
{
    const string Item1 = "请补充被告李四的身份证明";
    const string Item2 = "请提交证据目录及证据材料";

    static async Task<List<JsonElement>> ListAsync(DocketAppFactory app, string path, string token) =>
        [.. (await (await app.GetAsync(path, token)).ShouldBe(HttpStatusCode.OK, "notices")).EnumerateArray()];

    [Fact]
    public async Task Notices_RegisteredAfterCorrection_ReceiptsCorrectionAcceptanceAndFeeAsSearchablePdfs()
    {
        var filer = await app.SharedFilerAsync();
        var clerk = await app.ClerkAsync();
        var (id, v1) = await app.SubmittedFilingAsync(filer.Token);
        await app.ReviewAsync("claim", id, clerk);
        await app.ReviewAsync("request-correction", id, clerk, new { items = new[] { new { message = Item1 }, new { message = Item2 } } });
        await (await app.UploadAsync(id, filer.Token, "evidence", "证据目录.pdf", TestFiles.Pdf("evidence"))).ShouldBe(HttpStatusCode.Created);
        var v2 = await app.SubmitAsync(id, filer.Token);
        await app.ReviewAsync("claim", id, clerk);
        var caseNumber = (await app.ReviewAsync("register", id, clerk)).Str("caseNumber");

        var notices = await ListAsync(app, $"/api/v1/filings/{id}/notices", filer.Token);
        Assert.Equal(["acceptance", "correction", "fee", "receipt", "receipt"], notices.Select(n => n.Str("kind")).Order());
        foreach (var n in notices)
        {
            Assert.False(string.IsNullOrWhiteSpace(n.Str("id")));
            Assert.False(string.IsNullOrWhiteSpace(n.Str("title")));
            Assert.Equal(TimeSpan.FromHours(8), n.GetProperty("issuedAt").GetDateTimeOffset().Offset);
            Assert.Contains($"/api/v1/filings/{id}/notices/", n.Str("url"));
        }

        var texts = new Dictionary<string, string>();
        foreach (var n in notices)
            texts[n.Str("id")] = ReviewKit.PdfText(await app.PdfAsync(n.Str("url"), filer.Token));
        string Text(string kind) => texts[notices.Single(n => n.Str("kind") == kind).Str("id")];

        var receipts = notices.Where(n => n.Str("kind") == "receipt").Select(n => texts[n.Str("id")]).ToList();
        Assert.Contains(receipts, t => t.Contains(v1.Str("receiptNumber")));
        Assert.Contains(receipts, t => t.Contains(v2.Str("receiptNumber")));
        Assert.All(receipts, t => Assert.Contains(Courts.GulangName, t));

        Assert.Contains(Courts.GulangName, Text("correction"));
        Assert.Contains(Item1, Text("correction"));
        Assert.Contains(Item2, Text("correction"));

        Assert.Contains(caseNumber, Text("acceptance"));
        Assert.Contains(Courts.GulangName, Text("acceptance"));
        Assert.Contains("张三", Text("acceptance"));
        Assert.Contains("李四", Text("acceptance"));
        Assert.Contains("买卖合同纠纷", Text("acceptance"));

        Assert.Contains(caseNumber, Text("fee"));
        Assert.Contains(Courts.GulangName, Text("fee"));
        Assert.Contains("2,900.00", Text("fee"));

        // The court's clerks read the same documents through the review API.
        var clerkList = await ListAsync(app, $"/api/v1/review/filings/{id}/notices", clerk);
        Assert.Equal(notices.Select(n => n.Str("id")).Order(), clerkList.Select(n => n.Str("id")).Order());
        Assert.All(clerkList, n => Assert.Contains($"/api/v1/review/filings/{id}/notices/", n.Str("url")));
        foreach (var n in clerkList)
        {
            var pdf = await app.PdfAsync(n.Str("url"), clerk);
            if (n.Str("kind") == "acceptance") Assert.Contains(caseNumber, ReviewKit.PdfText(pdf));
        }

        // Another filer, a clerk of another court, and the filer on the clerk's path find nothing.
        var other = await app.NewFilerAsync();
        var stranger = await app.ClerkAsync(Courts.Minqin);
        await (await app.GetAsync($"/api/v1/filings/{id}/notices", other.Token)).ShouldBeProblem(404, "not-found", "another filer's list");
        await (await app.GetAsync($"/api/v1/review/filings/{id}/notices", stranger)).ShouldBeProblem(404, "not-found", "another court's list");
        foreach (var n in notices)
        {
            var path = new Uri(n.Str("url")).PathAndQuery;
            await (await app.GetAsync(path, other.Token)).ShouldBeProblem(404, "not-found", "another filer " + n.Str("kind"));
            await (await app.GetAsync(path.Replace("/api/v1/filings/", "/api/v1/review/filings/"), stranger)).ShouldBeProblem(404, "not-found", "another court " + n.Str("kind"));
        }
        await (await app.GetAsync(new Uri(clerkList[0].Str("url")).PathAndQuery, filer.Token)).ShouldBeProblem(403, "auth.forbidden", "filer on the review path");

        // A notice of another filing (of the same owner and court) under this filing's path.
        var (sibling, _) = await app.SubmittedFilingAsync(filer.Token);
        var acceptanceId = notices.Single(n => n.Str("kind") == "acceptance").Str("id");
        await (await app.GetAsync($"/api/v1/filings/{sibling}/notices/{acceptanceId}", filer.Token)).ShouldBeProblem(404, null, "notice of another filing");
        await (await app.GetAsync($"/api/v1/review/filings/{sibling}/notices/{acceptanceId}", clerk)).ShouldBeProblem(404, null, "clerk: notice of another filing");

        // Unknown notices of one's own filing.
        await (await app.GetAsync($"/api/v1/filings/{id}/notices/receipt-9", filer.Token)).ShouldBeProblem(404, null, "receipt-9");
        await (await app.GetAsync($"/api/v1/filings/{id}/notices/no-such-notice", filer.Token)).ShouldBeProblem(404, null, "unknown");
    }

    [Fact]
    public async Task Notices_Rejected_RulingPdfWithReasonsAndAppealCourt()
    {
        var filer = await app.SharedFilerAsync();
        var clerk = await app.ClerkAsync();
        var id = await app.ClaimedFilingAsync(filer.Token, clerk);
        await app.ReviewAsync("reject", id, clerk, new { reasons = "原告不是与本案有直接利害关系的公民" });

        var notices = await ListAsync(app, $"/api/v1/filings/{id}/notices", filer.Token);
        Assert.Equal(["receipt", "rejection"], notices.Select(n => n.Str("kind")).Order());
        var ruling = notices.Single(n => n.Str("kind") == "rejection");
        Assert.Contains("裁定书", ruling.Str("title"));
        var text = ReviewKit.PdfText(await app.PdfAsync(ruling.Str("url"), filer.Token));
        Assert.Contains(Courts.GulangName, text);
        Assert.Contains("原告不是与本案有直接利害关系的公民", text);
        Assert.Contains("甘肃省武威市中级人民法院", text);
        Assert.Contains("十日", text);
    }

    [Fact]
    public async Task Notices_JustSubmitted_OnlyTheReceipt()
    {
        var filer = await app.SharedFilerAsync();
        var (id, receipt) = await app.SubmittedFilingAsync(filer.Token);
        var only = Assert.Single(await ListAsync(app, $"/api/v1/filings/{id}/notices", filer.Token));
        Assert.Equal("receipt", only.Str("kind"));
        Assert.Contains(receipt.Str("receiptNumber"), ReviewKit.PdfText(await app.PdfAsync(only.Str("url"), filer.Token)));
        var draft = await app.DraftFilingAsync(filer.Token);
        Assert.Empty(await ListAsync(app, $"/api/v1/filings/{draft}/notices", filer.Token));
        await (await app.GetAsync($"/api/v1/filings/{id}/notices")).ShouldBeProblem(401, "auth.required");
    }
}
