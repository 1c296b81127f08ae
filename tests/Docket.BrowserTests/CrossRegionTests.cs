using System.Net;
using System.Text.RegularExpressions;
using Docket.IntegrationTests;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Docket.BrowserTests;

/// <summary>
/// Cross-region filing (跨域立案): the wizard offers a cooperating court near the filer; that court's clerk forwards
/// the filing, and it reaches the competent court's queue.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CrossRegionTests(SqliteAppFactory app, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(app, browser, output), IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("phone")]
    [InlineData("desktop")]
    public async Task CrossRegionFiling_ForwardedByCooperatingCourt_ReachesCompetentQueue(string viewport)
    {
        var journey = NewJourney("cross-region", viewport);
        var filer = await App.NewFilerAsync();
        var title = $"买卖合同纠纷（跨域 {viewport}-{Guid.NewGuid().ToString("N")[..6]}）";

        // Step 1 of the wizard in the browser: Gulang as the competent court, Dongying as the cooperating court.
        var page = await NewPageAsync(journey);
        await SignInAsync(page, journey, filer.Email, filer.Password, "filer-login", "/Filings");
        await page.GotoAsync("/Filings/New");
        await page.GetByLabel("受理法院（管辖法院）").SelectOptionAsync(Courts.Gulang);
        await page.GetByText("跨域立案：通过离您较近的法院提交（可选）").ClickAsync();
        var cooperating = page.GetByLabel("协作法院");
        await Expect(cooperating.Locator($"option[value='{Courts.Dongying}']")).ToHaveTextAsync("东营市东营区人民法院");
        await cooperating.SelectOptionAsync(Courts.Dongying);
        await journey.StepAsync(page, "wizard-cooperating-court");
        await page.GetByRole(AriaRole.Button, new() { Name = "下一步：当事人" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/Filings/Edit\?id=[^&]+&step=parties"));
        var id = new Uri(page.Url).Query.Split('&')[0]["?id=".Length..];

        // The rest of the draft through the API (the wizard's other steps have their own journey), submitted in the browser.
        var body = TestData.FilingBody();
        body["title"] = title;
        await (await App.PutAsync($"/api/v1/filings/{id}", body, filer.Token)).ShouldBe(HttpStatusCode.OK, "update filing");
        foreach (var kind in new[] { "complaint", "identity" })
            await (await App.UploadAsync(id, filer.Token, kind, kind + ".pdf", TestFiles.Pdf(kind))).ShouldBe(HttpStatusCode.Created, "upload " + kind);
        await page.GotoAsync($"/Filings/Edit?id={id}&step=check");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交立案申请" }).ClickAsync();
        await page.WaitForURLAsync($"**/Filings/Detail?id={id}");
        await Expect(page.GetByText("目前在协作法院核验身份和材料")).ToBeVisibleAsync();
        await journey.StepAsync(page, "filer-submitted");

        // The cooperating court's clerk forwards it.
        var coop = await NewPageAsync(journey);
        await SignInAsync(coop, journey, ReviewKit.ClerkEmail(Courts.Dongying), DocketAppFactory.DemoPassword, "coop-login", "/Review");
        var link = coop.GetByRole(AriaRole.Link, new() { Name = title });
        await Expect(link).ToBeVisibleAsync();
        await journey.StepAsync(coop, "coop-queue");
        await link.ClickAsync();
        await coop.WaitForURLAsync($"**/Review/Filing?id={id}");
        var forward = coop.GetByRole(AriaRole.Button, new() { Name = "转交古浪县人民法院" });
        await Expect(forward).ToBeVisibleAsync();
        await journey.StepAsync(coop, "coop-filing");
        await forward.ClickAsync();
        await ExpectFlashAsync(coop, "已转交管辖法院审查");
        await journey.StepAsync(coop, "coop-forwarded");

        // The competent court's clerk finds it in the queue, marked as cross-region.
        var clerk = await NewPageAsync(journey);
        await SignInAsync(clerk, journey, ReviewKit.ClerkEmail(Courts.Gulang), DocketAppFactory.DemoPassword, "clerk-login", "/Review");
        var row = clerk.GetByRole(AriaRole.Row).Filter(new() { Has = clerk.GetByRole(AriaRole.Link, new() { Name = title }) });
        await Expect(row).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync("跨域");
        await Expect(row).ToContainTextAsync("已提交，待审查");
        await journey.StepAsync(clerk, "clerk-queue");

        journey.AssertAccessible();
    }
}
