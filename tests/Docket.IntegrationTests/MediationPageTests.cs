using System.Net;
using System.Text.RegularExpressions;
using Docket.Web.Features.Mediation;
using Docket.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

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
            ["DisputeType"] = "gossip",
            ["Amount"] = "abc",
            ["Summary"] = "",
        });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("金额应为数字", body);
        (status, body, _) = await b.PostFormAsync("/Mediation", PageBrowser.Token(page), new()
        {
            ["DisputeType"] = "gossip",
            ["Amount"] = "1",
            ["Summary"] = "",
            ["Parties[0].Name"] = "张三",
            ["Parties[1].Phone"] = "123",
        });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("请选择纠纷类型", body);
        Assert.Contains("请填写纠纷概要", body);
        Assert.Contains("请填写有效的手机号码", body);
        (status, body, _) = await b.PostFormAsync("/Mediation", PageBrowser.Token(page), new()
        {
            ["DisputeType"] = "loan",
            ["Summary"] = "借款",
            ["Parties[0].Name"] = "张三",
            ["Parties[1].Phone"] = "13700000013",
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

        using (var admin = await SignedInAsync("admin@demo.docket"))
        {
            var page = await admin.GetAsync($"/Mediation/Case/{id}");
            Assert.Contains("民诉前调", page);
            Assert.DoesNotContain("handler=Session", page);
            Assert.Contains(id, await admin.GetAsync("/Mediation"));
        }

        using var filerBrowser = await SignedInAsync(filer.Email, filer.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await filerBrowser.SendAsync(HttpMethod.Get, $"/Mediation/Case/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await filerBrowser.SendAsync(HttpMethod.Get, "/Mediation")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await filerBrowser.SendAsync(HttpMethod.Get, $"/Mediation/Case/{id}/Agreement")).Status);
    }

    /// <summary>A room of Tianzhu's with a mediator of its own (as the admin page makes them); its id, the mediator's e-mail and token.</summary>
    async Task<(string RoomId, string Email, string Token)> NewRoomAsync()
    {
        var roomId = "pt-" + Guid.NewGuid().ToString("N")[..10];
        var email = $"med{Guid.NewGuid():N}"[..15] + "@it.test";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Docket.Web.Infrastructure.Data.DocketDbContext>();
            db.MediationRooms.Add(new MediationRoom { Id = roomId, Name = "统计测试调解室" + roomId[3..7], Township = "测试镇", CourtId = Courts.Tianzhu });
            await db.SaveChangesAsync();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            var user = new User { UserName = email, Email = email, EmailConfirmed = true, FullName = "统计调解员", RoomId = roomId, CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user, MediatorPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Mediator)).Succeeded);
        }
        return (roomId, email, await app.LoginAsync(email, MediatorPassword));
    }

    const string MediatorPassword = "It-mediator-2026";

    static object ApiCase(string roomId, string disputeType, decimal amount) => new
    {
        roomId,
        source = "walk-in",
        disputeType,
        amount,
        summary = "统计用纠纷",
        parties = new object[]
        {
            new { role = "plaintiff", kind = "person", name = "统计甲", phone = "13700000031" },
            new { role = "defendant", kind = "person", name = "统计乙", phone = "13700000032" },
        },
    };

    static string Figure(string html, string name) => Regex.Match(html, $"data-figure=\"{name}\">([^<]*)<").Groups[1].Value;

    [Fact]
    public async Task StatisticsPage_RoomFiguresChartsAndWorkbook_ScopedToTheRoomsCourt()
    {
        var (roomId, email, token) = await NewRoomAsync();
        var ids = new List<string>();
        foreach (var (type, amount) in new[] { ("loan", 1000m), ("loan", 2000m), ("neighbourhood", 0m) })
            ids.Add((await (await app.PostAsync("/api/v1/mediation/cases", ApiCase(roomId, type, amount), token)).ShouldBe(HttpStatusCode.Created, "open")).Str("id"));
        await (await app.PostAsync($"/api/v1/mediation/cases/{ids[0]}/close", new
        {
            outcome = "agreement",
            agreement = new { facts = "借款未还", terms = "分期归还", performance = "三个月内还清", amount = 800.5m },
        }, token)).ShouldBe(HttpStatusCode.OK, "agreement");
        await (await app.PostAsync($"/api/v1/mediation/cases/{ids[1]}/close", new { outcome = "failed" }, token)).ShouldBe(HttpStatusCode.OK, "failed");
        await (await app.PostAsync($"/api/v1/mediation/cases/{ids[0]}/feedback", new { rating = 4 }, token)).ShouldBe(HttpStatusCode.OK, "feedback");

        using var mediator = await SignedInAsync(email, MediatorPassword);
        var page = await mediator.GetAsync("/Mediation/Statistics");
        Assert.Equal("3", Figure(page, "cases"));
        Assert.Equal("2", Figure(page, "closed"));
        Assert.Equal("1", Figure(page, "agreements"));
        Assert.Equal("50%", Figure(page, "success-rate"));
        Assert.Equal("800.50", Figure(page, "amount-resolved"));
        Assert.Equal("4", Figure(page, "average-rating"));
        Assert.Contains("data-dispute-type=\"loan\">2<", page);
        Assert.DoesNotContain("统计甲", page);                   // no party in statistics
        Assert.DoesNotContain("13700000031", page);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", page);  // nothing from a CDN
        Assert.Contains("src=\"/lib/echarts-6.1.0/echarts.min.js\"", page);
        Assert.Contains("/Mediation/Statistics/Export", page);
        var json = Regex.Match(page, "<script type=\"application/json\" id=\"stats-charts\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        var charts = System.Text.Json.JsonDocument.Parse(json).RootElement;
        Assert.Equal(["chart-months", "chart-dispute-types"], charts.EnumerateArray().Select(c => c.Str("id")));
        Assert.Equal(3.0, charts[0].GetProperty("series")[0].GetProperty("data").EnumerateArray().Sum(d => d.GetDouble()));
        // A mediator sees their room only.
        Assert.Equal(HttpStatusCode.NotFound, (await mediator.SendAsync(HttpMethod.Get, "/Mediation/Statistics?roomId=dajing")).Status);

        var xlsx = await mediator.ResponseAsync("/Mediation/Statistics/Export");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal(MediationWorkbook.MediaType, xlsx.Content.Headers.ContentType?.MediaType);
        using (var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()))
        {
            Assert.Equal(["概况", "按月份", "按纠纷类型", "按调解室"], MiniExcel.GetSheetNames(stream));
            var summary = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "概况").Cast<IDictionary<string, object?>>()
                .ToDictionary(r => (string)r["项目"]!, r => r["数值"]);
            Assert.Equal(3.0, Convert.ToDouble(summary["受理"]));
            Assert.Equal(0.5, Convert.ToDouble(summary["调解成功率"]));
            Assert.Equal(800.5, Convert.ToDouble(summary["协议金额（元）"]));
            var types = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "按纠纷类型").Cast<IDictionary<string, object?>>().ToList();
            Assert.Contains(types, t => (string?)t["纠纷类型"] == "借贷纠纷" && Convert.ToDouble(t["件数"]) == 2);
            var all = string.Join("|", MiniExcel.Query(stream, sheetName: "按调解室").Cast<IDictionary<string, object?>>().SelectMany(r => r.Values));
            Assert.DoesNotContain("统计甲", all);
        }

        // Court staff: the rooms under their court; another court's room is not found.
        using var tianzhu = await SignedInAsync(ReviewKit.ClerkEmail(Courts.Tianzhu));
        var court = await tianzhu.GetAsync($"/Mediation/Statistics?roomId={roomId}");
        Assert.Equal("3", Figure(court, "cases"));
        Assert.Contains($"data-room=\"{roomId}\"", await tianzhu.GetAsync("/Mediation/Statistics"));
        Assert.Equal(HttpStatusCode.NotFound, (await tianzhu.SendAsync(HttpMethod.Get, "/Mediation/Statistics?roomId=dajing")).Status);
        using var gulang = await SignedInAsync($"courtadmin.{Courts.Gulang}@demo.docket");
        Assert.Equal(HttpStatusCode.NotFound, (await gulang.SendAsync(HttpMethod.Get, $"/Mediation/Statistics?roomId={roomId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await gulang.SendAsync(HttpMethod.Get, $"/Mediation/Statistics/Export?roomId={roomId}")).Status);
        Assert.DoesNotContain(roomId, await gulang.GetAsync("/Mediation/Statistics"));

        // Admins pick any room.
        using var admin = await SignedInAsync("admin@demo.docket");
        var picked = await admin.GetAsync($"/Mediation/Statistics?roomId={roomId}");
        Assert.Contains($"<option value=\"{roomId}\" selected=\"selected\">", picked);
        Assert.Equal("1", Figure(picked, "agreements"));

        // A bad period: the field's message, not a 500.
        var bad = await admin.GetAsync("/Mediation/Statistics?from=2026-13-01&to=2026-01-01");
        Assert.Contains("日期格式应为 YYYY-MM-DD", bad);
    }

    // --- /Admin/Mediation ------------------------------------------------------------------------------------------

    static async Task<(HttpStatusCode Status, string Body, string? Location)> AdminPostAsync(PageBrowser b, string path, string handler,
        Dictionary<string, string> fields)
    {
        var page = await b.GetAsync(path);
        var query = path.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return await b.PostFormAsync($"{path}{query}handler={handler}", PageBrowser.Token(page), fields);
    }

    [Fact]
    public async Task AdminMediation_CourtAdminAddsRoomAndMediator_LocksThemOut_ForeignIdsNotFound()
    {
        using var admin = await SignedInAsync($"courtadmin.{Courts.Tianzhu}@demo.docket");
        var roomId = "adm-" + Guid.NewGuid().ToString("N")[..8];

        // Field messages, nothing saved.
        var (status, body, _) = await AdminPostAsync(admin, "/Admin/Mediation", "Room", new() { ["RoomId"] = "Bad Id!", ["RoomName"] = "", ["Township"] = "" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("调解室编号只能包含小写字母、数字和连字符", body);
        Assert.Contains("请填写调解室名称", body);
        (status, body, _) = await AdminPostAsync(admin, "/Admin/Mediation", "Room", new() { ["RoomId"] = "dajing", ["RoomName"] = "重名", ["Township"] = "某镇" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("该调解室编号已被使用", body);

        (status, body, _) = await AdminPostAsync(admin, "/Admin/Mediation", "Room",
            new() { ["RoomId"] = roomId, ["RoomName"] = "打柴沟镇人民调解工作室", ["Township"] = "打柴沟镇" });
        Assert.True(status == HttpStatusCode.Redirect, $"{(int)status} {Excerpt(body)}");
        var list = await admin.GetAsync("/Admin/Mediation");
        Assert.Contains($"data-room=\"{roomId}\"", list);
        Assert.Contains("打柴沟镇人民调解工作室", list);
        Assert.DoesNotContain("data-room=\"dajing\"", list); // Gulang's room is not Tianzhu's

        // The shipped rooms' seeding adds only missing rows: the admin's room stays.
        await using (var scope = app.Services.CreateAsyncScope())
            await MediationRooms.SeedAsync(scope.ServiceProvider.GetRequiredService<Docket.Web.Infrastructure.Data.DocketDbContext>(), CancellationToken.None);
        Assert.Equal(Courts.Tianzhu, await app.ReadDbAsync(db => db.MediationRooms.Where(r => r.Id == roomId).Select(r => r.CourtId).SingleAsync()));

        // A mediator for the room: a short password is refused; then the account signs in to its room.
        var email = $"med{Guid.NewGuid():N}"[..14] + "@it.test";
        (status, body, _) = await AdminPostAsync(admin, "/Admin/Mediation", "Mediator",
            new() { ["MediatorRoomId"] = roomId, ["Email"] = email, ["FullName"] = "李调解", ["Password"] = "short" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("密码至少需要 8 个字符", body);
        // Another court's room is not found.
        (status, _, _) = await AdminPostAsync(admin, "/Admin/Mediation", "Mediator",
            new() { ["MediatorRoomId"] = "dajing", ["Email"] = email, ["FullName"] = "李调解", ["Password"] = MediatorPassword });
        Assert.Equal(HttpStatusCode.NotFound, status);
        (status, body, _) = await AdminPostAsync(admin, "/Admin/Mediation", "Mediator",
            new() { ["MediatorRoomId"] = roomId, ["Email"] = email, ["FullName"] = "李调解", ["Password"] = MediatorPassword });
        Assert.True(status == HttpStatusCode.Redirect, $"{(int)status} {Excerpt(body)}");
        Assert.Contains($"data-mediator=\"{email}\"", await admin.GetAsync("/Admin/Mediation"));

        using (var mediator = await SignedInAsync(email, MediatorPassword))
            Assert.Contains("id=\"open-case\"", await mediator.GetAsync("/Mediation"));

        // Locking: another court's mediator is not found; the room's own is locked out and cannot sign in.
        var dajingMediator = await app.ReadDbAsync(db => db.Users.Where(u => u.Email == MediatorEmail).Select(u => u.Id).SingleAsync());
        (status, _, _) = await AdminPostAsync(admin, "/Admin/Mediation", "Lock", new() { ["userId"] = dajingMediator });
        Assert.Equal(HttpStatusCode.NotFound, status);
        var userId = await app.ReadDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        (status, _, _) = await AdminPostAsync(admin, "/Admin/Mediation", "Lock", new() { ["userId"] = userId });
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Contains("已锁定", await admin.GetAsync("/Admin/Mediation"));
        using (var locked = new PageBrowser(app.Http.BaseAddress!))
        {
            var login = await locked.GetAsync("/Account/Login");
            var (s, _, _) = await locked.PostFormAsync("/Account/Login", PageBrowser.Token(login), new() { ["Email"] = email, ["Password"] = MediatorPassword });
            Assert.Equal(HttpStatusCode.OK, s); // the login page again, with its message
        }

        // Court scope: another court's page is not found; a system admin picks any basic court.
        Assert.Equal(HttpStatusCode.NotFound, (await admin.SendAsync(HttpMethod.Get, $"/Admin/Mediation?court={Courts.Gulang}")).Status);
        using var gulang = await SignedInAsync($"courtadmin.{Courts.Gulang}@demo.docket");
        Assert.DoesNotContain(roomId, await gulang.GetAsync("/Admin/Mediation"));
        using var wuwei = await SignedInAsync($"courtadmin.{Courts.Wuwei}@demo.docket");
        Assert.Equal(HttpStatusCode.NotFound, (await wuwei.SendAsync(HttpMethod.Get, "/Admin/Mediation")).Status); // no rooms above basic courts
        using var system = await SignedInAsync("admin@demo.docket");
        Assert.Contains("name=\"court\"", await system.GetAsync("/Admin/Mediation"));
        var gulangRooms = await system.GetAsync($"/Admin/Mediation?court={Courts.Gulang}");
        Assert.Contains("data-room=\"dajing\"", gulangRooms);
        Assert.Contains("马调解", gulangRooms);
        using var clerk = await SignedInAsync(ReviewKit.ClerkEmail(Courts.Tianzhu));
        var (clerkStatus, _, clerkLocation) = await clerk.SendAsync(HttpMethod.Get, "/Admin/Mediation");
        Assert.True(clerkStatus is HttpStatusCode.Forbidden or HttpStatusCode.NotFound || clerkLocation?.Contains("Denied", StringComparison.Ordinal) == true);
    }

    Task<string> StatusAsync(string id) => app.ReadDbAsync(db => db.MediationCases.Where(c => c.Id == id).Select(c => c.Status).SingleAsync());

    [GeneratedRegex("^/Mediation/Case/([^/?]+)$")]
    private static partial Regex CaseLink();
}
