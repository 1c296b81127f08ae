using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Docket.IntegrationTests;

/// <summary>
/// The training-event pages (/Education/Events, /Education/Events/{id}) through HTTP with the cookie: creating an
/// event with field messages, a venue's roll upload with its row-level report, the live report handler, the QR code,
/// absentees, the workbook, and who sees which event (a unit admin sees a committee event enrolling their units, with
/// their units' figures only, on the pages and the API alike).
/// </summary>
public sealed partial class EducationEventPageTests(SqliteAppFactory app) : IClassFixture<SqliteAppFactory>
{
    const string Plc = "plc.admin@demo.docket";
    const string CourtAdmin = "unit.admin.620600@demo.docket";
    const string Officer = "officer.dachaigou@demo.docket";

    async Task<PageBrowser> SignedInAsync(string email, string password = DocketAppFactory.DemoPassword)
    {
        var b = new PageBrowser(app.Http.BaseAddress!);
        await b.LoginAsync(email, password);
        return b;
    }

    static string FieldMessage(string html, string field) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>([^<]*)<", RegexOptions.IgnoreCase).Groups[1].Value);

    static Dictionary<string, string> EventFields(string title)
    {
        var f = new Dictionary<string, string>
        {
            ["Title"] = title,
            ["StartDate"] = "2026-03-01",
            ["EndDate"] = "2026-03-03",
            ["Venues[0].Name"] = "市委党校礼堂",
            ["Venues[0].Location"] = "武威市凉州区",
            ["Venues[0].Capacity"] = "800",
            ["Venues[1].Name"] = "古浪县分会场",
            ["Venues[1].Location"] = "古浪县人民法院",
            ["Venues[1].Capacity"] = "120",
            ["Online"] = "true",
            ["OnlineName"] = "网络直播",
            ["MinWatchMinutes"] = "30",
        };
        return f;
    }

    static FormUrlEncodedContent Form(string token, Dictionary<string, string> fields, IEnumerable<string> unitIds, IEnumerable<string>? parts = null) =>
        new(fields.Concat((parts ?? ["am", "pm"]).Select(p => new KeyValuePair<string, string>("Parts", p)))
            .Concat(unitIds.Select(u => new KeyValuePair<string, string>("UnitIds", u)))
            .Append(new("__RequestVerificationToken", token)));

    async Task<string> CreatedAsync(PageBrowser b, string title, params string[] unitIds)
    {
        var page = await b.GetAsync("/Education/Events");
        var (status, body, location) = await b.SendAsync(HttpMethod.Post, "/Education/Events", Form(PageBrowser.Token(page), EventFields(title), unitIds));
        Assert.True(status == HttpStatusCode.Redirect, $"create: {(int)status} {body[..Math.Min(600, body.Length)]}");
        return Regex.Match(location!, "/Education/Events/([0-9a-f]+)$").Groups[1].Value;
    }

    static byte[] Sheet(IEnumerable<Dictionary<string, object?>> rows)
    {
        using var s = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(s, rows.ToList());
        return s.ToArray();
    }

    static async Task<(HttpStatusCode Status, string Body)> UploadRollAsync(PageBrowser b, string id, string venueId, int sessionIndex, byte[] bytes)
    {
        var page = await b.GetAsync($"/Education/Events/{id}");
        var content = new MultipartFormDataContent
        {
            // The roll form's own token: a form without one would be refused (400) in a browser.
            { new StringContent(PageBrowser.Token(page[page.IndexOf("class=\"roll-form\"", StringComparison.Ordinal)..])), "__RequestVerificationToken" },
            { new StringContent(venueId), "venueId" },
            { new StringContent(sessionIndex.ToString(System.Globalization.CultureInfo.InvariantCulture)), "sessionIndex" },
            { new ByteArrayContent(bytes), "file", "roll.xlsx" },
        };
        var (status, body, _) = await b.SendAsync(HttpMethod.Post, $"/Education/Events/{id}?handler=Roll", content);
        return (status, body);
    }

    static string Roll(string html, string what) => Regex.Match(html, $"data-roll=\"{what}\">(\\d+)<").Groups[1].Value;

    async Task<JsonElement> ReportAsync(PageBrowser b, string id)
    {
        var (status, body, _) = await b.SendAsync(HttpMethod.Get, $"/Education/Events/{id}?handler=Report");
        Assert.True(status == HttpStatusCode.OK, $"report: {(int)status} {body[..Math.Min(400, body.Length)]}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    Task<List<string>> OfficerIdsAsync(string unitId) =>
        app.ReadDbAsync(db => db.Officers.Where(o => o.UnitId == unitId).OrderBy(o => o.Id).Select(o => o.Id).ToListAsync());

    [Fact]
    public async Task CreatePage_BadInputShownNothingCreated_GoodInputOpensTheDashboard()
    {
        using var b = await SignedInAsync(Plc);
        var page = await b.GetAsync("/Education/Events");
        Assert.Contains("古浪县人民法院", page);

        var before = await app.ReadDbAsync(db => db.TrainingEvents.CountAsync());
        var bad = EventFields("");
        bad["EndDate"] = "2026-02-01";
        bad["Venues[0].Name"] = "";
        bad["Venues[1].Capacity"] = "0";
        bad["MinWatchMinutes"] = "0";
        var (status, body, _) = await b.SendAsync(HttpMethod.Post, "/Education/Events", Form(PageBrowser.Token(page), bad, [], parts: []));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("此项必填。", FieldMessage(body, "title"));
        Assert.Equal("结束日期不能早于开始日期。", FieldMessage(body, "endDate"));
        Assert.Equal("请至少安排一个场次。", FieldMessage(body, "Parts"));
        Assert.Equal("此项必填。", FieldMessage(body, "Venues[0].name"));
        Assert.Equal("会场容量应为正整数。", FieldMessage(body, "Venues[1].capacity"));
        Assert.Equal("最低观看时长应为 1 至 600 分钟。", FieldMessage(body, "minWatchMinutes"));
        Assert.Equal("请至少选择一个参训单位。", FieldMessage(body, "unitIds"));
        // A unit the caller does not know is refused the same way; the form keeps what was typed.
        var (_, unknown, _) = await b.SendAsync(HttpMethod.Post, "/Education/Events", Form(PageBrowser.Token(page), EventFields("轮训"), ["no-such-unit"]));
        Assert.Equal("查无此单位。", FieldMessage(unknown, "unitIds"));
        Assert.Contains("value=\"古浪县分会场\"", unknown);
        Assert.Equal(before, await app.ReadDbAsync(db => db.TrainingEvents.CountAsync()));

        var id = await CreatedAsync(b, "全市政法队伍教育整顿政治轮训班", "620622", "dachaigou");
        var ev = await app.ReadDbAsync(db => db.TrainingEvents.AsNoTracking().SingleAsync(e => e.Id == id));
        Assert.Equal(6, ev.Sessions.Count);
        Assert.Equal(["main", "sub", "online"], ev.Venues.Select(v => v.Kind).ToArray());
        Assert.Equal(["620622", "dachaigou"], ev.UnitIds.ToArray());
        var dashboard = await b.GetAsync($"/Education/Events/{id}");
        Assert.Contains("全市政法队伍教育整顿政治轮训班", dashboard);
        Assert.Contains("id=\"event-report\"", dashboard);
        Assert.Contains($"href=\"/Education/Events/{id}\"", await b.GetAsync("/Education/Events"));
    }

    [Fact]
    public async Task RollUpload_BadRowReportedNothingImported_ThenTheVenuesRollCounted()
    {
        using var b = await SignedInAsync(Plc);
        var id = await CreatedAsync(b, "古浪法院轮训", "620622");
        var gulang = await OfficerIdsAsync("620622");

        var (status, body) = await UploadRollAsync(b, id, "v1", 0, Sheet([new() { ["编号"] = "o-nobody", ["场次"] = 1 }, new() { ["编号"] = gulang[0], ["场次"] = 9 }]));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("0", "2"), (Roll(body, "accepted"), Roll(body, "rejected")));
        Assert.Contains("查无此干警。", body);
        Assert.Contains("该培训没有这一场次。", body);
        Assert.Equal(0, await app.ReadDbAsync(db => db.Attendances.CountAsync(a => a.EventId == id)));

        // Not a spreadsheet, no file: the message beside the file field.
        var (_, csv) = await UploadRollAsync(b, id, "v1", 0, "编号\n"u8.ToArray());
        Assert.Contains("请上传 Excel 表格（.xlsx）。", csv);

        var (_, ok) = await UploadRollAsync(b, id, "v1", 0, Sheet(gulang.Select(o => new Dictionary<string, object?> { ["编号"] = o, ["姓名"] = "" })));
        Assert.Equal((gulang.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), "0"), (Roll(ok, "accepted"), Roll(ok, "rejected")));
        var (_, again) = await UploadRollAsync(b, id, "v1", 0, Sheet(gulang.Take(3).Select(o => new Dictionary<string, object?> { ["编号"] = o })));
        Assert.Equal("3", Roll(again, "duplicates"));
        Assert.Equal(["roll"], await app.ReadDbAsync(db => db.Attendances.Where(a => a.EventId == id).Select(a => a.Method).Distinct().ToListAsync()));
        Assert.Equal(["v1"], await app.ReadDbAsync(db => db.Attendances.Where(a => a.EventId == id).Select(a => a.VenueId).Distinct().ToListAsync()));
    }

    [Fact]
    public async Task Dashboard_ReportJsonQrAbsenteesAndWorkbook()
    {
        using var b = await SignedInAsync(Plc);
        var id = await CreatedAsync(b, "古浪与打柴沟轮训", "620622", "dachaigou");
        var gulang = await OfficerIdsAsync("620622");
        await UploadRollAsync(b, id, "v1", 0, Sheet(gulang.Select(o => new Dictionary<string, object?> { ["编号"] = o })));

        var r = await ReportAsync(b, id);
        var dachaigou = await OfficerIdsAsync("dachaigou");
        Assert.Equal(gulang.Count + dachaigou.Count, r.GetProperty("expected").GetInt32());
        Assert.Equal(gulang.Count, r.GetProperty("attended").GetInt32());
        var byUnit = r.GetProperty("byUnit").EnumerateArray().ToDictionary(u => u.GetProperty("unitId").GetString()!, u => u.GetProperty("rate").GetDouble());
        Assert.Equal(1.0, byUnit["620622"]);
        Assert.Equal(0.0, byUnit["dachaigou"]);
        Assert.Equal(gulang.Count, r.GetProperty("byChannel").GetProperty("main").GetInt32());

        var qr = await b.ResponseAsync($"/Education/Events/{id}?handler=Qr&session=0&venue=v1");
        Assert.Equal(HttpStatusCode.OK, qr.StatusCode);
        Assert.Equal("image/png", qr.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await qr.Content.ReadAsByteArrayAsync())[..4]);
        Assert.Equal(HttpStatusCode.BadRequest, (await b.ResponseAsync($"/Education/Events/{id}?handler=Qr&session=0&venue=v3")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await b.ResponseAsync($"/Education/Events/{id}?handler=Qr&session=99&venue=v1")).StatusCode);

        var dashboard = await b.GetAsync($"/Education/Events/{id}");
        Assert.Matches("class=\"checkin-link\" href=\"/Education/CheckIn\\?token=", dashboard);
        // The QR's link on the officer's phone: sign in first, then back to the check-in page, then recorded in words.
        var link = WebUtility.HtmlDecode(Regex.Match(dashboard, "class=\"checkin-link\" href=\"([^\"]+)\" data-session=\"0\" data-venue=\"v2\"").Groups[1].Value);
        using var phone = new PageBrowser(app.Http.BaseAddress!);
        var (redirect, _, login) = await phone.SendAsync(HttpMethod.Get, link);
        Assert.Equal(HttpStatusCode.Redirect, redirect);
        Assert.Contains("/Account/Login?ReturnUrl=" + Uri.EscapeDataString(link), login!, StringComparison.OrdinalIgnoreCase);
        var signIn = await phone.GetAsync(login!);
        var (_, _, back) = await phone.PostFormAsync(login!, PageBrowser.Token(signIn), new() { ["Email"] = Officer, ["Password"] = DocketAppFactory.DemoPassword });
        Assert.Equal(link, back);
        var confirm = await phone.GetAsync(back!);
        var token = WebUtility.HtmlDecode(Regex.Match(link, "token=(.+)$").Groups[1].Value);
        var (_, done, _) = await phone.PostFormAsync("/Education/CheckIn", PageBrowser.Token(confirm), new() { ["Token"] = Uri.UnescapeDataString(token) });
        Assert.Contains("签到成功", done);
        Assert.Contains("2026-03-01 上午 · 古浪县分会场", done);
        Assert.Equal(1, (await ReportAsync(b, id)).GetProperty("byChannel").GetProperty("sub").GetInt32());
        var (_, repeat, _) = await phone.PostFormAsync("/Education/CheckIn", PageBrowser.Token(confirm), new() { ["Token"] = Uri.UnescapeDataString(token) });
        Assert.Contains("您已签到", repeat);
        // A code from an earlier day has expired: the officer is told to scan again, nothing is recorded.
        var expired = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Docket.Education.CheckIn.v1")
            .ToTimeLimitedDataProtector().Protect($"{id}|1|v2", DateTimeOffset.UtcNow.AddMinutes(-1));
        var (_, late, _) = await phone.PostFormAsync("/Education/CheckIn", PageBrowser.Token(confirm), new() { ["Token"] = expired });
        Assert.Contains("签到码无效或已过期，请重新扫码。", late);
        Assert.Equal(1, await app.ReadDbAsync(db => db.Attendances.CountAsync(a => a.EventId == id && a.Method == "qr")));

        var absent = await b.GetAsync($"/Education/Events/{id}?unit=dachaigou");
        Assert.Contains(dachaigou[1], absent);
        Assert.DoesNotContain(dachaigou[0], absent);
        Assert.DoesNotContain(gulang[0], await b.GetAsync($"/Education/Events/{id}?unit=620622"));

        var xlsx = await b.ResponseAsync($"/Education/Events/{id}?handler=Export");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("PK"u8.ToArray(), (await xlsx.Content.ReadAsByteArrayAsync())[..2]);
        Assert.Equal(HttpStatusCode.NotFound, (await b.ResponseAsync("/Education/Events/nosuchevent")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.ResponseAsync("/Education/Events/nosuchevent?handler=Report")).StatusCode);
    }

    [Fact]
    public async Task Scoping_UnitAdminSeesCommitteeEventForTheirUnitsOnly_OfficerAndFilerRefused()
    {
        using var plc = await SignedInAsync(Plc);
        var shared = await CreatedAsync(plc, "全市轮训（法院与公安）", "620600", "wuwei-psb");
        var police = await CreatedAsync(plc, "公安专场", "wuwei-psb");

        using var court = await SignedInAsync(CourtAdmin);
        var list = await court.GetAsync("/Education/Events");
        Assert.Contains($"/Education/Events/{shared}", list);
        Assert.DoesNotContain($"/Education/Events/{police}", list);
        var r = await ReportAsync(court, shared);
        var units = r.GetProperty("byUnit").EnumerateArray().Select(u => u.GetProperty("unitId").GetString()!).Order().ToArray();
        Assert.Equal(["620600", "620602", "620621", "620622", "620623"], units);
        var courtOfficers = await app.ReadDbAsync(db => db.Officers.CountAsync(o => o.UnitId.StartsWith("6206")));
        Assert.Equal(courtOfficers, r.GetProperty("expected").GetInt32());
        Assert.DoesNotContain("武威市公安局", await court.GetAsync($"/Education/Events/{shared}"));
        Assert.Equal(HttpStatusCode.NotFound, (await court.ResponseAsync($"/Education/Events/{police}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await court.ResponseAsync($"/Education/Events/{police}?handler=Report")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await court.ResponseAsync($"/Education/Events/{police}?handler=Qr&session=0&venue=v1")).StatusCode);

        // The court's admin records their own officers there, not the police's.
        var (_, upload) = await UploadRollAsync(court, shared, "v1", 0,
            Sheet([new() { ["编号"] = (await OfficerIdsAsync("620602"))[0] }, new() { ["编号"] = (await OfficerIdsAsync("wuwei-psb"))[1] }]));
        Assert.Equal(("1", "1"), (Roll(upload, "accepted"), Roll(upload, "rejected")));
        Assert.Contains("该干警所在单位未报名本次培训。", upload);

        // The API keeps the same rule.
        var token = await app.StaffAsync(CourtAdmin);
        var api = await (await app.GetAsync($"/api/v1/education/events/{shared}/report", token)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(r.GetProperty("expected").GetInt32(), api.GetProperty("expected").GetInt32());
        await (await app.GetAsync($"/api/v1/education/events/{police}", token)).ShouldBeProblem(404);
        await (await app.GetAsync($"/api/v1/education/events/{shared}/absentees?unitId=wuwei-psb", token)).ShouldBeProblem(400);
        // Attendance of an officer the court's admin does not see counts nowhere in their figures, venues and channels included.
        var psb = await OfficerIdsAsync("wuwei-psb");
        await (await app.PostAsync($"/api/v1/education/events/{shared}/attendance",
            new { records = new[] { new { officerId = psb[0], sessionIndex = 0, venueId = "v1", method = "roll" } } }, await app.StaffAsync(Plc))).ShouldBe(HttpStatusCode.OK);
        var mine = await ReportAsync(court, shared);
        Assert.Equal(1, mine.GetProperty("attended").GetInt32());
        Assert.Equal(1, mine.GetProperty("byChannel").GetProperty("main").GetInt32());
        Assert.Equal(1, mine.GetProperty("byVenue").EnumerateArray().Sum(v => v.GetProperty("records").GetInt32()));
        var all = await ReportAsync(plc, shared);
        Assert.Equal(2, all.GetProperty("byChannel").GetProperty("main").GetInt32());
        Assert.Contains(all.GetProperty("byUnit").EnumerateArray(), u => u.GetProperty("unitId").GetString() == "wuwei-psb");

        using var officer = await SignedInAsync(Officer);
        Assert.NotEqual(HttpStatusCode.OK, (await officer.ResponseAsync("/Education/Events")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await officer.ResponseAsync($"/Education/Events/{shared}?handler=Report")).StatusCode);
        var filer = await app.NewFilerAsync();
        using var f = await SignedInAsync(filer.Email, filer.Password);
        Assert.NotEqual(HttpStatusCode.OK, (await f.ResponseAsync("/Education/Events")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await f.ResponseAsync($"/Education/Events/{shared}")).StatusCode);
    }
}
