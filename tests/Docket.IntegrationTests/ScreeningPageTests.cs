using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Docket.IntegrationTests;

/// <summary>
/// The officer's screening pages (/Screening, /Screening/Dispute/{id}, /Screening/Statistics) through HTTP with the
/// cookie, as a phone's browser posts them: logging with field messages, a follow-up, handing to mediation, the
/// referral's refusal without a phone, statistics and the workbook, and scoping.
/// </summary>
[Collection(SqliteReviewCollection.Name)]
public sealed partial class ScreeningPageTests(SqliteAppFactory app)
{
    async Task<PageBrowser> SignedInAsync(string email, string password = DocketAppFactory.DemoPassword)
    {
        var b = new PageBrowser(app.Http.BaseAddress!);
        await b.LoginAsync(email, password);
        return b;
    }

    static string FieldMessage(string html, string field) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>([^<]*)<", RegexOptions.IgnoreCase).Groups[1].Value);

    static Dictionary<string, string> LogFields(string unitId, string? claimantPhone) => new()
    {
        ["UnitId"] = unitId, ["DisputeType"] = "family-marriage", ["RiskLevel"] = "high", ["Location"] = "打柴沟镇某村",
        ["Summary"] = "婆媳矛盾引发家庭纠纷，双方多次争吵。",
        ["Parties[0].Role"] = "plaintiff", ["Parties[0].Kind"] = "person", ["Parties[0].IdType"] = "resident-id", ["Parties[0].Name"] = "马桂花",
        ["Parties[0].Phone"] = claimantPhone ?? "",
        ["Parties[1].Role"] = "defendant", ["Parties[1].Kind"] = "person", ["Parties[1].IdType"] = "resident-id", ["Parties[1].Name"] = "马春梅",
    };

    async Task<string> LoggedAsync(PageBrowser b, string unitId = "dachaigou", string? claimantPhone = null)
    {
        var page = await b.GetAsync("/Screening");
        var (status, body, location) = await b.PostFormAsync("/Screening", PageBrowser.Token(page), LogFields(unitId, claimantPhone));
        Assert.True(status == HttpStatusCode.Redirect, $"log: {(int)status} {body[..Math.Min(400, body.Length)]}");
        return Regex.Match(location!, "/Screening/Dispute/([0-9a-f]+)").Groups[1].Value;
    }

    [Fact]
    public async Task Officer_LogsFollowsUpAndHandsToDajing_ThroughThePages()
    {
        using var b = await SignedInAsync("officer.dachaigou@demo.docket");
        var page = await b.GetAsync("/Screening");
        Assert.Contains("天祝县公安局打柴沟派出所", page);

        // An empty form: each field's message, nothing logged.
        var before = await app.ReadDbAsync(db => db.Disputes.CountAsync());
        var (status, body, _) = await b.PostFormAsync("/Screening", PageBrowser.Token(page), new() { ["UnitId"] = "dachaigou", ["RiskLevel"] = "low" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("请选择纠纷类型。", FieldMessage(body, "DisputeType"));
        Assert.Equal("请填写纠纷发生地点。", FieldMessage(body, "Location"));
        Assert.Equal(before, await app.ReadDbAsync(db => db.Disputes.CountAsync()));

        var id = await LoggedAsync(b);
        var detail = await b.GetAsync($"/Screening/Dispute/{id}");
        Assert.Contains("婆媳矛盾", detail);
        Assert.Contains("跟进中", detail);

        // A follow-up in the future is refused next to its field; one now is recorded.
        var future = DateTime.UtcNow.AddHours(8 + 48).ToString("yyyy-MM-ddTHH:mm");
        (status, body, _) = await b.PostFormAsync($"/Screening/Dispute/{id}?handler=Action", PageBrowser.Token(detail), new() { ["At"] = future, ["Action"] = "入户走访" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("跟进时间不能晚于现在，也不能早于一年前。", FieldMessage(body, "At"));
        var now = DateTime.UtcNow.AddHours(8).AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm");
        (status, _, _) = await b.PostFormAsync($"/Screening/Dispute/{id}?handler=Action", PageBrowser.Token(detail),
            new() { ["At"] = now, ["Action"] = "入户走访", ["Notes"] = "双方同意到大靖镇调解室调解" });
        Assert.Equal(HttpStatusCode.Redirect, status);

        detail = await b.GetAsync($"/Screening/Dispute/{id}");
        Assert.Contains("入户走访", detail);
        (status, _, _) = await b.PostFormAsync($"/Screening/Dispute/{id}?handler=Resolve", PageBrowser.Token(detail),
            new() { ["How"] = "mediation", ["MediationRoomId"] = "dajing", ["CourtId"] = Courts.Tianzhu, ["ResolutionNotes"] = "移交大靖镇人民调解工作室" });
        Assert.Equal(HttpStatusCode.Redirect, status);
        detail = await b.GetAsync($"/Screening/Dispute/{id}");
        Assert.Contains("已移交调解", detail);
        Assert.DoesNotContain("handler=Resolve", detail);
        var caseId = await app.ReadDbAsync(db => db.Disputes.Where(d => d.Id == id).Select(d => d.MediationCaseId).SingleAsync());
        Assert.Equal(("screening", "dajing"), await app.ReadDbAsync(db => db.MediationCases.Where(c => c.Id == caseId).Select(c => new ValueTuple<string, string>(c.Source, c.RoomId)).SingleAsync()));
    }

    [Fact]
    public async Task Resolve_ReferralWithoutClaimantPhone_MessageShown_StillOpen()
    {
        using var b = await SignedInAsync("officer.dachaigou@demo.docket");
        var id = await LoggedAsync(b);
        var detail = await b.GetAsync($"/Screening/Dispute/{id}");
        var (status, body, _) = await b.PostFormAsync($"/Screening/Dispute/{id}?handler=Resolve", PageBrowser.Token(detail),
            new() { ["How"] = "court", ["MediationRoomId"] = "dajing", ["CourtId"] = Courts.Tianzhu });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("引导诉讼需要申请方", FieldMessage(body, "resolve.parties"));
        Assert.Equal("open", await app.ReadDbAsync(db => db.Disputes.Where(d => d.Id == id).Select(d => d.Status).SingleAsync()));
    }

    [Fact]
    public async Task Pages_AnotherUnitsOfficer_NotFound_OtherRolesDenied()
    {
        using var b = await SignedInAsync("officer.dachaigou@demo.docket");
        var id = await LoggedAsync(b);
        var (email, password) = await app.NewOfficerAsync("gulang-psb");
        using var other = await SignedInAsync(email, password);
        Assert.Equal(HttpStatusCode.NotFound, (await other.SendAsync(HttpMethod.Get, $"/Screening/Dispute/{id}")).Status);
        var token = PageBrowser.Token(await other.GetAsync("/Screening"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostFormAsync($"/Screening/Dispute/{id}?handler=Action", token,
            new() { ["At"] = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-ddTHH:mm"), ["Action"] = "走访" })).Status);
        Assert.DoesNotContain(id, await other.GetAsync("/Screening"));

        using var clerk = await SignedInAsync(ReviewKit.ClerkEmail(Courts.Gulang));
        foreach (var path in new[] { "/Screening", $"/Screening/Dispute/{id}", "/Screening/Statistics" })
        {
            var r = await clerk.SendAsync(HttpMethod.Get, path);
            Assert.True(r.Status == HttpStatusCode.Forbidden || (r.Status == HttpStatusCode.Redirect && r.Location!.Contains("/Account/Denied", StringComparison.OrdinalIgnoreCase)),
                $"{path}: {(int)r.Status}");
        }
        using var admin = await SignedInAsync("admin@demo.docket");
        Assert.Contains("婆媳矛盾", await admin.GetAsync($"/Screening/Dispute/{id}"));
    }

    [Fact]
    public async Task Statistics_FiguresChartsAndWorkbook_NoNames_BadDateShown()
    {
        var (email, password) = await app.NewOfficerAsync("wuwei-justice");
        using var b = await SignedInAsync(email, password);
        var first = await LoggedAsync(b, "wuwei-justice");
        await LoggedAsync(b, "wuwei-justice");
        var detail = await b.GetAsync($"/Screening/Dispute/{first}");
        await b.PostFormAsync($"/Screening/Dispute/{first}?handler=Resolve", PageBrowser.Token(detail), new() { ["How"] = "on-the-spot", ["ResolutionNotes"] = "当场化解" });

        var html = await b.GetAsync("/Screening/Statistics?unitId=wuwei-justice");
        Assert.Matches("data-figure=\"total\">2<", html);
        Assert.Matches("data-figure=\"resolved-share\">50%<", html);
        Assert.Matches("data-figure=\"open-high-risk\">1<", html);
        Assert.Contains("id=\"stats-charts\"", html);
        Assert.Contains("婚姻家庭纠纷", html);
        Assert.DoesNotContain("马桂花", html);

        var xlsx = await b.ResponseAsync("/Screening/Statistics?handler=Export&unitId=wuwei-justice");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var summary = stream.Query(useHeaderRow: true, sheetName: "概况").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(2d, Convert.ToDouble(summary.Single(r => (string?)r["项目"] == "纠纷总数")["数值"]));
        stream.Position = 0;
        var byType = stream.Query(useHeaderRow: true, sheetName: "按类型").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal("婚姻家庭纠纷", (string?)byType.Single()["纠纷类型"]);

        var bad = await b.GetAsync("/Screening/Statistics?from=2026-13-40");
        Assert.Equal("日期格式应为 YYYY-MM-DD。", FieldMessage(bad, "from"));
        Assert.DoesNotContain("data-figure=\"total\"", bad);
        Assert.Equal(HttpStatusCode.NotFound, (await b.SendAsync(HttpMethod.Get, "/Screening/Statistics?unitId=dachaigou")).Status);
    }
}
