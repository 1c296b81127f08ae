using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Docket.IntegrationTests;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Docket.BrowserTests;

/// <summary>
/// Issue 10's training event, end to end: the committee's admin (desktop) creates the 3-day event for the whole city,
/// uploads the main venue's roll covering every officer of Gulang court, and leaves the dashboard open; an officer
/// opens the venue's QR link on a phone (360×740), signs in, comes back to the check-in page and checks in; the open
/// dashboard shows the new attendance without a reload — Gulang at 100%, the city at attended ÷ expected. No console
/// or CSP error, no page wider than the phone, axe clean.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TrainingEventTests(SqliteAppFactory app, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(app, browser, output), IClassFixture<BrowserFixture>
{
    const string Plc = "plc.admin@demo.docket";
    const string Officer = "officer.dachaigou@demo.docket";

    static async Task SignInFromRedirectAsync(IPage page, Journey journey, string email, string step)
    {
        await page.WaitForURLAsync(new Regex("/Account/Login\\?ReturnUrl=", RegexOptions.IgnoreCase));
        await page.GetByLabel("电子邮箱").FillAsync(email);
        await page.GetByLabel("密码").FillAsync(DocketAppFactory.DemoPassword);
        await journey.StepAsync(page, step, state: "login");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
    }

    [Fact]
    public async Task CommitteeEvent_RollQrCheckInOnPhone_DashboardUpdatesLive()
    {
        var errors = new List<string>();
        void Watch(IPage p)
        {
            p.Console += (_, m) => { if (m.Type == "error") errors.Add($"console: {m.Text}"); };
            p.PageError += (_, e) => errors.Add($"page error: {e}");
        }

        var desk = NewJourney("training-event", "desktop");
        var admin = await NewPageAsync(desk);
        Watch(admin);
        await admin.GotoAsync("/Education/Events");
        await SignInFromRedirectAsync(admin, desk, Plc, "admin-login");
        await admin.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/Education/Events");
        await desk.StepAsync(admin, "events");

        var title = "全市政法队伍教育整顿政治轮训班 " + Guid.NewGuid().ToString("N")[..4];
        await admin.GetByLabel("培训名称").FillAsync(title);
        await admin.GetByLabel("开始日期").FillAsync("2026-12-01");
        await admin.GetByLabel("结束日期").FillAsync("2026-12-03");
        await admin.Locator("input[name='Venues[0].Name']").FillAsync("市委党校礼堂");
        await admin.Locator("input[name='Venues[0].Location']").FillAsync("武威市凉州区");
        await admin.Locator("input[name='Venues[0].Capacity']").FillAsync("800");
        await admin.Locator("input[name='Venues[1].Name']").FillAsync("天祝县分会场");
        await admin.Locator("input[name='Venues[1].Location']").FillAsync("天祝县委政法委");
        await admin.Locator("input[name='Venues[1].Capacity']").FillAsync("300");
        await admin.GetByLabel("网络直播", new() { Exact = true }).CheckAsync();
        await admin.GetByLabel("直播名称").FillAsync("全市政法网络直播");
        await admin.Locator("input[name=UnitIds][value='wuwei-plc']").CheckAsync();
        await desk.StepAsync(admin, "create-form");
        await admin.GetByRole(AriaRole.Button, new() { Name = "创建培训" }).ClickAsync();
        await admin.WaitForURLAsync(new Regex("/Education/Events/[0-9a-f]+$"));
        var id = new Uri(admin.Url).AbsolutePath.Split('/')[^1];
        await Expect(admin.Locator("h1")).ToHaveTextAsync(title);
        await Expect(admin.Locator("#chart-units canvas")).ToHaveCountAsync(1);
        await desk.StepAsync(admin, "dashboard");

        // The main venue's signed roll: every officer of Gulang court, as the organisation API lists them.
        var token = await App.StaffAsync(Plc);
        var gulang = new List<string>();
        for (var n = 1; ; n++)
        {
            var officers = await (await App.GetAsync($"/api/v1/org/units/620622/officers?page={n}&pageSize=100", token)).ShouldBe(HttpStatusCode.OK);
            gulang.AddRange(officers.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetString()!));
            if (gulang.Count >= officers.GetProperty("total").GetInt32() || n > 10) break;
        }
        Assert.Equal(104, gulang.Count);
        var roll = Path.Combine(Path.GetTempPath(), $"gulang-roll-{id}.xlsx");
        using (var s = File.Create(roll))
            MiniExcelLibs.MiniExcel.SaveAs(s, gulang.Select(o => new Dictionary<string, object?> { ["编号"] = o }).ToList());
        var main = admin.Locator("form.roll-form[data-venue=v1]");
        await main.Locator("input[type=file]").SetInputFilesAsync(roll);
        await main.GetByRole(AriaRole.Button, new() { Name = "上传名册" }).ClickAsync();
        await Expect(admin.Locator("form.roll-form[data-venue=v1] [data-roll=accepted]")).ToHaveTextAsync(gulang.Count.ToString(CultureInfo.InvariantCulture));
        await Expect(admin.Locator("[data-figure=attended]")).ToHaveTextAsync(gulang.Count.ToString(CultureInfo.InvariantCulture));
        await desk.StepAsync(admin, "roll-uploaded");
        var checkIn = await admin.Locator("a.checkin-link[data-session='0'][data-venue=v1]").GetAttributeAsync("href");
        Assert.StartsWith("/Education/CheckIn?token=", checkIn);
        // Marks this document: a reload would lose it.
        await admin.EvaluateAsync("window.__stillOpen = true");

        var phoneJourney = NewJourney("training-event", "phone");
        var phone = await NewPageAsync(phoneJourney);
        Watch(phone);
        await phone.GotoAsync(checkIn!);
        await AssertFitsAsync(phone);
        await SignInFromRedirectAsync(phone, phoneJourney, Officer, "officer-login");
        await phone.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/Education/CheckIn");
        await AssertFitsAsync(phone);
        await phoneJourney.StepAsync(phone, "checkin-confirm");
        await phone.GetByRole(AriaRole.Button, new() { Name = "确认签到" }).ClickAsync();
        await Expect(phone.GetByRole(AriaRole.Status)).ToContainTextAsync("签到成功");
        await Expect(phone.GetByRole(AriaRole.Status)).ToContainTextAsync(title);
        await Expect(phone.GetByRole(AriaRole.Status)).ToContainTextAsync("2026-12-01 上午 · 市委党校礼堂");
        await AssertFitsAsync(phone);
        await phoneJourney.StepAsync(phone, "checked-in");

        // The dashboard, untouched, catches up by itself.
        var attended = gulang.Count + 1;
        await Expect(admin.Locator("[data-figure=attended]")).ToHaveTextAsync(attended.ToString(CultureInfo.InvariantCulture), new() { Timeout = 15_000 });
        Assert.True(await admin.EvaluateAsync<bool>("window.__stillOpen === true"), "the dashboard reloaded");
        await Expect(admin.Locator("tr[data-unit='620622'] [data-k=rate]")).ToHaveTextAsync("100.0%");
        await Expect(admin.Locator("tr[data-unit='dachaigou'] [data-k=attended]")).ToHaveTextAsync("1");
        var expected = int.Parse(await admin.Locator("[data-figure=expected]").InnerTextAsync(), CultureInfo.InvariantCulture);
        var report = await (await App.GetAsync($"/api/v1/education/events/{id}/report", token)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(report.GetProperty("expected").GetInt32(), expected);
        Assert.Equal(5798, expected);
        var rate = ((double)attended / expected * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
        await Expect(admin.Locator("[data-figure=rate]")).ToHaveTextAsync(rate);
        await Expect(admin.Locator("[data-figure=main]")).ToHaveTextAsync(attended.ToString(CultureInfo.InvariantCulture));
        await desk.StepAsync(admin, "dashboard-live");

        // Back on the phone, the same code again: already recorded.
        await phone.GotoAsync(checkIn!);
        await phone.GetByRole(AriaRole.Button, new() { Name = "确认签到" }).ClickAsync();
        await Expect(phone.GetByRole(AriaRole.Status)).ToContainTextAsync("您已签到");
        await AssertFitsAsync(phone);
        await phoneJourney.StepAsync(phone, "already");

        // The venue's QR code is an image the page draws (QRCoder, same origin).
        var qr = admin.Locator("img[src*='handler=Qr'][src*='session=0'][src*='venue=v1']");
        await qr.ScrollIntoViewIfNeededAsync();
        await Expect(qr).ToBeVisibleAsync();
        Assert.True(await qr.EvaluateAsync<int>("i => i.complete ? i.naturalWidth : 0") > 0, "the QR code did not load");

        // The intermediate court's admin on a phone: the committee's event, with the court's units only.
        var courtJourney = NewJourney("training-event-court", "phone");
        var court = await NewPageAsync(courtJourney);
        Watch(court);
        await court.GotoAsync($"/Education/Events/{id}");
        await SignInFromRedirectAsync(court, courtJourney, "unit.admin.620600@demo.docket", "court-login");
        await court.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/Education/Events/{id}");
        await Expect(court.Locator("tr[data-unit='620622'] [data-k=rate]")).ToHaveTextAsync("100.0%");
        await Expect(court.Locator("tr[data-unit]")).ToHaveCountAsync(5);
        await Expect(court.Locator("[data-figure=attended]")).ToHaveTextAsync(gulang.Count.ToString(CultureInfo.InvariantCulture));
        await Expect(court.Locator("tr[data-venue=v1] [data-k=attended]")).ToHaveTextAsync(gulang.Count.ToString(CultureInfo.InvariantCulture));
        await Expect(court.Locator("[data-figure=main]")).ToHaveTextAsync(gulang.Count.ToString(CultureInfo.InvariantCulture));
        await AssertFitsAsync(court);
        await courtJourney.StepAsync(court, "court-dashboard");

        Assert.True(errors.Count == 0, string.Join("\n", errors));
        desk.AssertAccessible();
        phoneJourney.AssertAccessible();
        courtJourney.AssertAccessible();
        File.Delete(roll);
    }

    static async Task AssertFitsAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("Math.max(document.documentElement.scrollWidth, window.innerWidth)");
        Assert.True(width <= Viewport.Phone.Width, $"{page.Url}: {width} px wide on a {Viewport.Phone.Width} px screen");
    }
}
