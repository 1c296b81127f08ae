using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using MiniExcelLibs;

namespace Docket.IntegrationTests;

/// <summary>
/// The statistics pages: /Statistics (court staff: their own court; admins: any court), its Excel export, and the
/// anonymous /Statistics/Public. A clocked app of their own, so that registrations take known times; each test that
/// files works on a fresh day (as <see cref="CourtStatsTests"/> does) and compares the pages with the API.
/// </summary>
public sealed class StatisticsPageTests(ClockedAppFactory app) : IClassFixture<ClockedAppFactory>
{
    /// <summary>A browser: cookies, no redirects followed, the antiforgery token read from the login form.</summary>
    sealed class Browser(Uri baseAddress) : PageBrowser(baseAddress)
    {
        public Task<(HttpStatusCode Status, string Body, string? Location)> StatusAsync(string path) => SendAsync(HttpMethod.Get, path);
    }

    async Task<Browser> SignedInAsync(string email, string password = DocketAppFactory.DemoPassword)
    {
        var b = new Browser(app.Http.BaseAddress!);
        await b.LoginAsync(email, password);
        return b;
    }

    /// <summary>Moves the clock to 09:00 Asia/Shanghai of a day no other test of this class used.</summary>
    DateOnly FreshDay()
    {
        var day = app.Today.AddDays(2);
        app.MoveTo(ReviewKit.ShanghaiInstant(day, new TimeOnly(9, 0)));
        return day;
    }

    static string Range(DateOnly from, DateOnly to) => $"from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";

    /// <summary>Two filings of Gulang registered after 10 and 20 minutes on <paramref name="day"/>; returns the API's figures.</summary>
    async Task<JsonElement> TwoRegistrationsAsync(DateOnly day)
    {
        var filer = await app.NewFilerAsync();
        var clerk = await app.LoginAsync(ReviewKit.ClerkEmail(Courts.Gulang));
        var ids = new List<string>();
        for (var i = 0; i < 2; i++) ids.Add((await app.SubmittedFilingAsync(filer.Token)).Id);
        foreach (var id in ids)
        {
            app.Advance(TimeSpan.FromMinutes(10));
            await app.ReviewAsync("claim", id, clerk);
            await app.ReviewAsync("register", id, clerk);
        }
        return await (await app.GetAsync($"/api/v1/stats/courts/{Courts.Gulang}?{Range(day, day)}", clerk)).ShouldBe(HttpStatusCode.OK, "stats");
    }

    static string Figure(string html, string name) =>
        Regex.Match(html, $"data-figure=\"{name}\">([^<]*)<").Groups[1].Value;

    [Fact]
    public async Task StatisticsPage_ClerkOfTheCourt_ShowsTheApiFiguresTablesAndChartData()
    {
        var day = FreshDay();
        var api = await TwoRegistrationsAsync(day);
        Assert.Equal(2, api.GetProperty("registered").GetInt32());

        using var clerk = await SignedInAsync(ReviewKit.ClerkEmail(Courts.Gulang));
        var page = await clerk.GetAsync($"/Statistics?{Range(day, day)}");
        Assert.Contains(Courts.GulangName, page);
        Assert.Equal("2", Figure(page, "submitted"));
        Assert.Equal("2", Figure(page, "registered"));
        Assert.Equal("0", Figure(page, "rejected"));
        Assert.Equal("10", Figure(page, "median"));   // 10 and 20 minutes: nearest rank
        Assert.Equal("20", Figure(page, "p90"));
        Assert.Contains("民事一审", page);              // the table per case type
        Assert.Contains($">{day:yyyy-MM-dd}</td>", page); // the table per day
        Assert.Contains("/Statistics/Export?", page);

        // Charts are progressive enhancement: the vendored ECharts (no CDN), the page's script and the data as JSON.
        Assert.Contains("src=\"/lib/echarts-6.1.0/echarts.min.js\"", page);
        Assert.Contains("/js/stats-charts.js", page);
        // Nothing is loaded from another origin (a CDN): every script and stylesheet is our own. (A plain "cdn" search
        // is not it: the page's random antiforgery token may spell it.)
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", page);
        var json = Regex.Match(page, "<script type=\"application/json\" id=\"stats-charts\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        var charts = JsonDocument.Parse(json).RootElement;
        Assert.Equal(["chart-periods", "chart-case-types"], charts.EnumerateArray().Select(c => c.Str("id")));
        var registered = charts[0].GetProperty("series")[1];
        Assert.Equal([2.0], registered.GetProperty("data").EnumerateArray().Select(d => d.GetDouble()));
        Assert.Contains("id=\"chart-periods\"", page);

        // The vendored script is served.
        var script = await clerk.ResponseAsync("/lib/echarts-6.1.0/echarts.min.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);

        // The default period is the last 30 days, up to today (Asia/Shanghai).
        var byDefault = await clerk.GetAsync("/Statistics");
        Assert.Contains($"value=\"{day.AddDays(-29):yyyy-MM-dd}\"", byDefault);
        Assert.Contains($"value=\"{day:yyyy-MM-dd}\"", byDefault);
    }

    [Fact]
    public async Task StatisticsPage_AnotherCourtsId_NotFound_AdminsPickAnyCourt()
    {
        using var clerk = await SignedInAsync(ReviewKit.ClerkEmail(Courts.Gulang));
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.StatusAsync($"/Statistics?courtId={Courts.Minqin}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.StatusAsync($"/Statistics/Export?courtId={Courts.Minqin}")).Status);
        await clerk.GetAsync($"/Statistics?courtId={Courts.Gulang}");

        using var courtAdmin = await SignedInAsync($"courtadmin.{Courts.Gulang}@demo.docket");
        Assert.Contains(Courts.GulangName, await courtAdmin.GetAsync("/Statistics"));
        Assert.Equal(HttpStatusCode.NotFound, (await courtAdmin.StatusAsync($"/Statistics?courtId={Courts.Minqin}")).Status);

        using var admin = await SignedInAsync("admin@demo.docket");
        var picker = await admin.GetAsync("/Statistics");
        Assert.Contains("name=\"courtId\"", picker);
        var minqin = await admin.GetAsync($"/Statistics?courtId={Courts.Minqin}");
        Assert.Contains($"<option value=\"{Courts.Minqin}\" selected=\"selected\">", minqin);
        Assert.Contains("data-figure=\"registered\"", minqin);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.StatusAsync("/Statistics?courtId=999999")).Status);
    }

    [Fact]
    public async Task StatisticsPage_FilerOrAnonymous_Refused()
    {
        var filer = await app.NewFilerAsync();
        using var browser = await SignedInAsync(filer.Email, filer.Password);
        foreach (var path in new[] { "/Statistics", "/Statistics/Export" })
        {
            var r = await browser.StatusAsync(path);
            Assert.True(r.Status == HttpStatusCode.Forbidden || (r.Status == HttpStatusCode.Redirect && r.Location!.Contains("/Account/Denied", StringComparison.OrdinalIgnoreCase)),
                $"filer on {path}: {(int)r.Status} {r.Location}");
        }
        using var anonymous = new Browser(app.Http.BaseAddress!);
        var a = await anonymous.StatusAsync("/Statistics");
        Assert.Equal(HttpStatusCode.Redirect, a.Status);
        Assert.Contains("/Account/Login", a.Location);
    }

    [Theory]
    [InlineData("from=yesterday", "日期格式应为 YYYY-MM-DD。")]
    [InlineData("from=2026-13-01", "日期格式应为 YYYY-MM-DD。")]
    [InlineData("to=2026-02-30", "日期格式应为 YYYY-MM-DD。")]
    [InlineData("from=2026-11-10&to=2026-11-01", "结束日期不能早于开始日期，且区间不超过十年。")]
    [InlineData("from=2000-01-01&to=2026-01-01", "结束日期不能早于开始日期，且区间不超过十年。")]
    public async Task StatisticsPage_BadPeriod_ErrorOnThePage(string query, string message)
    {
        using var clerk = await SignedInAsync(ReviewKit.ClerkEmail(Courts.Gulang));
        foreach (var path in new[] { "/Statistics?", "/Statistics/Export?" })
        {
            var page = await clerk.GetAsync(path + query);
            Assert.Contains(message, page);
            Assert.Contains("提交的内容有误", page);
            Assert.DoesNotContain("data-figure=", page);
        }
    }

    [Fact]
    public async Task StatisticsExport_ClerkOfTheCourt_WorkbookWithTheApiFigures()
    {
        var day = FreshDay();
        var api = await TwoRegistrationsAsync(day);

        using var clerk = await SignedInAsync(ReviewKit.ClerkEmail(Courts.Gulang));
        var r = await clerk.ResponseAsync($"/Statistics/Export?{Range(day, day)}");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", r.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"docket-stats-{Courts.Gulang}-{day:yyyy-MM-dd}-{day:yyyy-MM-dd}.xlsx", r.Content.Headers.ContentDisposition?.FileNameStar ?? r.Content.Headers.ContentDisposition?.FileName);
        var bytes = await r.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length > 4 && bytes[0] == 'P' && bytes[1] == 'K', "an .xlsx is a zip file");

        using var xlsx = new MemoryStream(bytes);
        Assert.Equal(["概况", "按期间", "按案件类型", "跨域"], xlsx.GetSheetNames());
        var summary = Rows(xlsx, "概况").ToDictionary(row => (string)row["项目"]!, row => row["数值"]);
        Assert.Equal(Courts.GulangName, summary["法院"]);
        Assert.Equal(api.GetProperty("registered").GetInt32(), Convert.ToInt32(summary["登记立案"]));
        Assert.Equal(api.GetProperty("submitted").GetInt32(), Convert.ToInt32(summary["提交"]));
        Assert.Equal(api.GetProperty("medianMinutesToRegistration").GetDouble(), Convert.ToDouble(summary["立案用时中位数（分钟）"]));

        var period = Assert.Single(Rows(xlsx, "按期间"));
        Assert.Equal($"{day:yyyy-MM-dd}", period["期间"]);
        Assert.Equal(2, Convert.ToInt32(period["登记立案"]));
        var type = Assert.Single(Rows(xlsx, "按案件类型"));
        Assert.Equal("民事一审", type["案件类型"]);
        Assert.Equal(2, Convert.ToInt32(type["登记立案"]));
        Assert.Empty(Rows(xlsx, "跨域"));
    }

    static List<IDictionary<string, object?>> Rows(Stream xlsx, string sheet)
    {
        xlsx.Position = 0;
        return [.. xlsx.Query(useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object?>>()];
    }

    [Fact]
    public async Task PublicStatisticsPage_Anonymous_CourtNamesAndFiguresWithoutPersonalData()
    {
        var day = FreshDay();
        await TwoRegistrationsAsync(day);
        var pub = (await (await app.GetAsync("/api/v1/stats/public")).ShouldBe(HttpStatusCode.OK, "public")).EnumerateArray()
            .Single(c => c.Str("courtId") == Courts.Gulang);

        using var anonymous = new Browser(app.Http.BaseAddress!);
        var page = await anonymous.GetAsync("/Statistics/Public");
        var gulang = Regex.Match(page, $"<td data-label=\"[^\"]*\">{Courts.GulangName}</td>\\s*<td data-label=\"[^\"]*\">(\\d+)</td>");
        Assert.True(gulang.Success, "Gulang's row");
        Assert.Equal(pub.GetProperty("registered").GetInt32(), int.Parse(gulang.Groups[1].Value));
        Assert.Contains("民勤县人民法院", page);
        Assert.DoesNotContain("张三", page);          // the filers' name
        Assert.DoesNotContain("@it.test", page);
        Assert.Contains("src=\"/lib/echarts-6.1.0/echarts.min.js\"", page);
        Assert.Contains("id=\"chart-public\"", page);

        // Linked from every page's footer.
        Assert.Contains("href=\"/Statistics/Public\"", await anonymous.GetAsync("/"));
    }
}
