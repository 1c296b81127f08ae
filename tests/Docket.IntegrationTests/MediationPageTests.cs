using System.Net;
using System.Text.RegularExpressions;
using Docket.Web.Features.Mediation;
using Microsoft.EntityFrameworkCore;

namespace Docket.IntegrationTests;

/// <summary>
/// The mediation pages (/Mediation, /Mediation/Case/{id}) through HTTP with the cookie, as a phone's browser posts
/// them: a walk-in case from opening to the agreement, its PDF, feedback and judicial confirmation; an incomplete
/// agreement refused with its field message and nothing changed; who reads what (the diverting court's clerk reads,
/// another court's clerk and a filer get 404).
/// </summary>
[Collection(SqliteReviewCollection.Name)]
public sealed partial class MediationPageTests(SqliteAppFactory app)
{
    const string MediatorEmail = "mediator.dajing@demo.docket";

    async Task<PageBrowser> SignedInAsync(string email, string password = DocketAppFactory.DemoPassword)
    {
        var b = new PageBrowser(app.Http.BaseAddress!);
        await b.LoginAsync(email, password);
        return b;
    }

    static string Now(int hoursAgo) =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddHours(-hoursAgo), Docket.Web.Infrastructure.Time.ChinaTime.Zone).ToString("yyyy-MM-ddTHH:mm");

    /// <summary>Opens a walk-in family case through the page; the case id from the redirect.</summary>
    static async Task<string> OpenAsync(PageBrowser b, string applicant = "李秀兰")
    {
        var page = await b.GetAsync("/Mediation");
        var (status, body, location) = await b.PostFormAsync("/Mediation", PageBrowser.Token(page), new()
        {
            ["DisputeType"] = "family-marriage",
            ["Amount"] = "12,000",
            ["Summary"] = "赡养费纠纷",
            ["Parties[0].Name"] = applicant,
            ["Parties[0].Phone"] = "13700000011",
            ["Parties[0].IdNumber"] = "",
            ["Parties[1].Name"] = "李建国",
            ["Parties[1].Phone"] = "13700000012",
            ["Parties[2].Name"] = "",
        });
        Assert.True(status == HttpStatusCode.Redirect, $"open: {(int)status} {Excerpt(body)}");
        var m = CaseLink().Match(location!);
        Assert.True(m.Success, location);
        return m.Groups[1].Value;
    }

    static async Task<string> PostCaseAsync(PageBrowser b, string id, string handler, Dictionary<string, string> fields, HttpStatusCode expected = HttpStatusCode.Redirect)
    {
        var page = await b.GetAsync($"/Mediation/Case/{id}");
        // The form's own token (not the sign-out form's): a form without one would fail in a real browser.
        var formId = handler.ToLowerInvariant() + "-form";
        var at = page.IndexOf($"id=\"{formId}\"", StringComparison.Ordinal);
        var token = at < 0 ? PageBrowser.Token(page) : PageBrowser.Token(page[at..page.IndexOf("</form>", at, StringComparison.Ordinal)]);
        var (status, body, _) = await b.PostFormAsync($"/Mediation/Case/{id}?handler={handler}", token, fields);
        Assert.True(status == expected, $"{handler}: {(int)status} {Excerpt(body)}");
        return body;
    }

    static Dictionary<string, string> Agreement(string? without = null)
    {
        var d = new Dictionary<string, string>
        {
            ["Outcome"] = "agreement",
            ["Agreement.Facts"] = "李建国未按约定支付父亲赡养费，负主要责任。",
            ["Agreement.Terms"] = "李建国每月向李秀兰支付赡养费一千元。",
            ["Agreement.Performance"] = "每月五日前通过银行转账支付。",
            ["Agreement.Amount"] = "12000",
        };
        if (without is not null) d[without] = "";
        return d;
    }

    static string Excerpt(string body) => body[..Math.Min(body.Length, 600)];

    [Fact]
    public async Task MediatorPages_WalkInToAgreementPdfFeedbackAndConfirmation_EachStepShown()
    {
        using var b = await SignedInAsync(MediatorEmail);
        var list = await b.GetAsync("/Mediation");
        Assert.Contains("href=\"/Mediation\"", list);           // the nav link 调解
        Assert.Contains("婚姻家庭纠纷", list);                   // dispute types by their Chinese names
        Assert.DoesNotContain("/Filings/New", list);           // a mediator is no filer

        var id = await OpenAsync(b);
        var detail = await b.GetAsync($"/Mediation/Case/{id}");
        Assert.Contains("李秀兰", detail);
        Assert.Contains("12000.00", detail);
        Assert.Contains("赡养费纠纷", detail);
        Assert.Contains(id, await b.GetAsync("/Mediation?status=open"));

        await PostCaseAsync(b, id, "Session", new() { ["At"] = Now(3), ["Notes"] = "第一次调解：双方到场。" });
        await PostCaseAsync(b, id, "Session", new() { ["At"] = Now(1), ["Notes"] = "第二次调解：达成一致。" });
        detail = await b.GetAsync($"/Mediation/Case/{id}");
        Assert.Contains("第一次调解：双方到场。", detail);
        Assert.Contains("第二次调解：达成一致。", detail);
        Assert.Equal(2, Regex.Count(detail, "<li class=\"session\">"));

        // No PDF before an agreement.
        Assert.Equal(HttpStatusCode.NotFound, (await b.SendAsync(HttpMethod.Get, $"/Mediation/Case/{id}/Agreement")).Status);

        // An agreement without its terms: the field's message, and the case still open.
        var refused = await PostCaseAsync(b, id, "Close", Agreement(without: "Agreement.Terms"), HttpStatusCode.OK);
        Assert.Contains("调解协议必须载明此项", refused);
        Assert.Contains("李建国未按约定支付父亲赡养费", refused); // what was typed is kept
        Assert.Equal(MediationStatus.Open, await StatusAsync(id));

        await PostCaseAsync(b, id, "Close", Agreement());
        Assert.Equal(MediationStatus.Agreement, await StatusAsync(id));
        detail = await b.GetAsync($"/Mediation/Case/{id}");
        Assert.Contains($"/Mediation/Case/{id}/Agreement", detail);
        Assert.DoesNotContain("handler=Session", detail);

        var pdf = await b.ResponseAsync($"/Mediation/Case/{id}/Agreement");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var text = ReviewKit.PdfText(await pdf.Content.ReadAsByteArrayAsync());
        foreach (var expected in new[] { "人民调解协议书", "李秀兰", "李建国每月向李秀兰支付赡养费一千元", "12000.00元" })
            Assert.Contains(expected, text);

        // Feedback: a bad rating is named; a good one is shown.
        var badRating = await PostCaseAsync(b, id, "Feedback", new() { ["Rating"] = "9" }, HttpStatusCode.OK);
        Assert.Contains("评分应为 1 至 5 分", badRating);
        await PostCaseAsync(b, id, "Feedback", new() { ["Rating"] = "5", ["Comment"] = "很满意", ["Banner"] = "true" });
        detail = await b.GetAsync($"/Mediation/Case/{id}");
        Assert.Contains("5 / 5", detail);
        Assert.Contains("很满意", detail);

        // Judicial confirmation: consent required, then the filing at the court.
        var noConsent = await PostCaseAsync(b, id, "Confirmation", new(), HttpStatusCode.OK);
        Assert.Contains("申请司法确认须经双方当事人同意", noConsent);
        await PostCaseAsync(b, id, "Confirmation", new() { ["PartiesConsent"] = "true" });
        var filingId = await app.ReadDbAsync(db => db.MediationCases.Where(c => c.Id == id).Select(c => c.ConfirmationFilingId).SingleAsync());
        Assert.NotNull(filingId);
        detail = await b.GetAsync($"/Mediation/Case/{id}");
        Assert.Contains(filingId, detail);
        Assert.Contains("已提交，待审查", detail);
        Assert.DoesNotContain("handler=Confirmation", detail);
    }

    [Fact]
    public async Task CaseForms_BadInput_FieldMessagesNeverA500()
    {
        using var b = await SignedInAsync(MediatorEmail);
        var page = await b.GetAsync("/Mediation");
        var (status, body, _) = await b.PostFormAsync("/Mediation", PageBrowser.Token(page), new()
        {
            ["DisputeType"] = "gossip", ["Amount"] = "abc", ["Summary"] = "",
        });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("金额应为数字", body);
        (status, body, _) = await b.PostFormAsync("/Mediation", PageBrowser.Token(page), new()
        {
            ["DisputeType"] = "gossip", ["Amount"] = "1", ["Summary"] = "", ["Parties[0].Name"] = "张三", ["Parties[1].Phone"] = "123",
        });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("请选择纠纷类型", body);
        Assert.Contains("请填写纠纷概要", body);
        Assert.Contains("请填写有效的手机号码", body);
        (status, body, _) = await b.PostFormAsync("/Mediation", PageBrowser.Token(page), new()
        {
            ["DisputeType"] = "loan", ["Summary"] = "借款", ["Parties[0].Name"] = "张三", ["Parties[1].Phone"] = "13700000013",
        });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("请填写当事人姓名或名称", body);

        var id = await OpenAsync(b);
        var session = await PostCaseAsync(b, id, "Session", new() { ["At"] = "yesterday", ["Notes"] = "" }, HttpStatusCode.OK);
        Assert.Contains("请填写调解时间", session);
        var close = await PostCaseAsync(b, id, "Close", new() { ["Outcome"] = "settled" }, HttpStatusCode.OK);
        Assert.Contains("请选择调解结果", close);
        var feedbackOpen = await PostCaseAsync(b, id, "Feedback", new() { ["Rating"] = "5" }, HttpStatusCode.OK);
        Assert.Contains("结案后才能评价", feedbackOpen);
        Assert.Equal(MediationStatus.Open, await StatusAsync(id));
    }

    [Fact]
    public async Task DivertedCase_DivertingCourtsClerkReadsOnly_OtherClerkAndFilerGet404()
    {
        var filer = await app.NewFilerAsync();
        var clerkToken = await app.ClerkAsync();
        var filingId = await app.ClaimedFilingAsync(filer.Token, clerkToken);
        await app.ReviewAsync("divert-to-mediation", filingId, clerkToken, new { mediationRoomId = "dajing", filerConsent = true });
        var id = await app.ReadDbAsync(db => db.MediationCases.Where(c => c.FilingId == filingId).Select(c => c.Id).SingleAsync());

        using (var mediator = await SignedInAsync(MediatorEmail))
        {
            var page = await mediator.GetAsync($"/Mediation/Case/{id}");
            Assert.Contains("民诉前调", page);
            Assert.Contains("剩余 30 天", page);
            Assert.Contains("handler=Session", page);
            Assert.Contains("data-days-left=\"30\"", await mediator.GetAsync("/Mediation"));
        }

        using (var clerk = await SignedInAsync(ReviewKit.ClerkEmail(Courts.Gulang)))
        {
            var page = await clerk.GetAsync($"/Mediation/Case/{id}");
            Assert.Contains("民诉前调", page);
            Assert.DoesNotContain("handler=Session", page);
            Assert.DoesNotContain("handler=Close", page);
            var list = await clerk.GetAsync("/Mediation");
            Assert.Contains(id, list);
            Assert.DoesNotContain("id=\"open-case\"", list);
            // Posting as if a mediator: refused, nothing recorded.
            var (status, _, location) = await clerk.PostFormAsync($"/Mediation/Case/{id}?handler=Session", PageBrowser.Token(page),
                new() { ["At"] = Now(1), ["Notes"] = "书记员不能记录" });
            Assert.True(status == HttpStatusCode.Forbidden || location?.Contains("/Account/Denied", StringComparison.Ordinal) == true, $"{(int)status} {location}");
            Assert.Equal(0, await app.ReadDbAsync(db => db.MediationCases.Where(c => c.Id == id).Select(c => c.Sessions.Count).SingleAsync()));
        }

        using (var other = await SignedInAsync(ReviewKit.ClerkEmail(Courts.Minqin)))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.SendAsync(HttpMethod.Get, $"/Mediation/Case/{id}")).Status);
            Assert.DoesNotContain(id, await other.GetAsync("/Mediation"));
        }

        using var filerBrowser = await SignedInAsync(filer.Email, filer.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await filerBrowser.SendAsync(HttpMethod.Get, $"/Mediation/Case/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await filerBrowser.SendAsync(HttpMethod.Get, "/Mediation")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await filerBrowser.SendAsync(HttpMethod.Get, $"/Mediation/Case/{id}/Agreement")).Status);
    }

    Task<string> StatusAsync(string id) => app.ReadDbAsync(db => db.MediationCases.Where(c => c.Id == id).Select(c => c.Status).SingleAsync());

    [GeneratedRegex("^/Mediation/Case/([^/?]+)$")]
    private static partial Regex CaseLink();
}
