using System.Text.RegularExpressions;
using Docket.IntegrationTests;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Docket.BrowserTests;

/// <summary>
/// A mediator on a phone (360×740) in the township room: a walk-in family dispute from opening through two sessions
/// to the agreement and its PDF — no page wider than the screen, no console or CSP error, axe clean.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MediationPhoneTests(SqliteAppFactory app, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(app, browser, output), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task MediatorOnPhone_WalkInTwoSessionsAgreement_PdfLinkNoOverflowNoConsoleErrors()
    {
        var journey = NewJourney("mediation", "phone");
        var page = await NewPageAsync(journey);
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add($"console: {m.Text}"); };
        page.PageError += (_, e) => errors.Add($"page error: {e}");

        await SignInAsync(page, journey, "mediator.dajing@demo.docket", DocketAppFactory.DemoPassword, "mediator-login", "/Mediation");
        await AssertFitsAsync(page);
        await journey.StepAsync(page, "cases");

        var applicant = "王桂" + Guid.NewGuid().ToString("N")[..4];
        var form = page.Locator("#open-case");
        if (!await form.IsVisibleAsync()) await page.GetByText("登记来访纠纷").ClickAsync();
        await form.GetByLabel("纠纷类型").SelectOptionAsync("family-marriage");
        await form.GetByLabel("争议金额（元，可不填）").FillAsync("6000");
        await form.GetByLabel("纠纷概要").FillAsync("子女赡养费分担纠纷");
        var parties = form.Locator("fieldset.party");
        await parties.Nth(0).GetByLabel("姓名").FillAsync(applicant);
        await parties.Nth(0).GetByLabel("手机号码").FillAsync("13700000021");
        await parties.Nth(1).GetByLabel("姓名").FillAsync("王建军");
        await parties.Nth(1).GetByLabel("手机号码").FillAsync("13700000022");
        await AssertFitsAsync(page);
        await journey.StepAsync(page, "open-form");
        await form.GetByRole(AriaRole.Button, new() { Name = "登记调解案件" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Mediation/Case/[^/]+$"));
        await ExpectFlashAsync(page, "已登记调解案件");
        await Expect(page.Locator("#parties")).ToContainTextAsync(applicant);
        await AssertFitsAsync(page);
        await journey.StepAsync(page, "case-opened");

        foreach (var (notes, hoursAgo) in new[] { ("第一次调解：听取双方意见。", 3), ("第二次调解：双方同意分担。", 1) })
        {
            var session = page.Locator("#session-form");
            var at = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddHours(-hoursAgo), Docket.Web.Infrastructure.Time.ChinaTime.Zone);
            await session.GetByLabel("调解时间").FillAsync(at.ToString("yyyy-MM-ddTHH:mm"));
            await session.GetByLabel("调解情况").FillAsync(notes);
            await session.GetByRole(AriaRole.Button, new() { Name = "保存调解记录" }).ClickAsync();
            await ExpectFlashAsync(page, "已记录调解情况");
            await Expect(page.Locator("#sessions")).ToContainTextAsync(notes);
        }
        await Expect(page.Locator("li.session")).ToHaveCountAsync(2);
        await AssertFitsAsync(page);
        await journey.StepAsync(page, "two-sessions");

        var close = page.Locator("#close-form");
        await close.GetByLabel("达成协议").CheckAsync();
        await close.GetByLabel("纠纷主要事实、争议事项及各方当事人责任").FillAsync("王建军未按约定分担母亲赡养费。");
        await close.GetByLabel("协议内容").FillAsync("王建军每月分担赡养费五百元。");
        await close.GetByLabel("履行方式、时限").FillAsync("每月十日前转账支付。");
        await close.GetByLabel("协议金额（元，无给付填 0）").FillAsync("6000");
        await journey.StepAsync(page, "close-form");
        page.Dialog += (_, d) => d.AcceptAsync();
        await close.GetByRole(AriaRole.Button, new() { Name = "结案" }).ClickAsync();
        await ExpectFlashAsync(page, "调解案件已结案");
        await Expect(page.Locator("[data-field=status]")).ToHaveTextAsync("达成协议");
        var pdf = page.GetByRole(AriaRole.Link, new() { Name = "下载人民调解协议书（PDF）" });
        await Expect(pdf).ToBeVisibleAsync();
        await AssertFitsAsync(page);
        await journey.StepAsync(page, "agreement");

        var download = await page.RunAndWaitForDownloadAsync(() => pdf.ClickAsync());
        Assert.EndsWith(".pdf", download.SuggestedFilename);
        var file = await download.PathAsync();
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(file!)[..4]));

        // The room's statistics on the phone: the chart drawn by the vendored ECharts (CSP 'self'), the page no wider.
        await page.GotoAsync("/Mediation/Statistics");
        await Expect(page.Locator("#chart-months")).ToBeVisibleAsync();
        await Expect(page.Locator("#chart-months canvas")).ToHaveCountAsync(1);
        await AssertFitsAsync(page);
        await journey.StepAsync(page, "statistics");

        Assert.True(errors.Count == 0, string.Join("\n", errors));
        journey.AssertAccessible();
    }

    /// <summary>
    /// No horizontal scrolling: the page is no wider than the phone's screen. Measured against the screen's own width:
    /// a mobile browser widens its layout viewport (and innerWidth) to fit content that is too wide.
    /// </summary>
    static async Task AssertFitsAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("Math.max(document.documentElement.scrollWidth, window.innerWidth)");
        Assert.True(width <= Viewport.Phone.Width, $"{page.Url}: {width} px wide on a {Viewport.Phone.Width} px screen");
    }
}
