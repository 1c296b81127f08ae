using Docket.IntegrationTests;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Docket.BrowserTests;

/// <summary>
/// The clerk's side: queue, claim, one correction request; the filer supplements and resubmits; the clerk registers
/// and the case number appears on both sides. The filing itself is prepared through the API (the filer's wizard has
/// its own journey).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ClerkReviewTests(SqliteAppFactory app, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(app, browser, output), IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("phone")]
    [InlineData("desktop")]
    public async Task CorrectionThenRegistration_ThroughThePages_ShowsCaseNumber(string viewport)
    {
        var journey = NewJourney("clerk", viewport);
        var filer = await App.NewFilerAsync();
        var title = $"买卖合同纠纷（{viewport}-{Guid.NewGuid().ToString("N")[..6]}）";
        var (id, _) = await App.SubmittedFilingAsync(filer.Token, edit: b => b["title"] = title);

        // The clerk signs in, finds the filing in the queue and claims it.
        var clerk = await NewPageAsync(journey);
        await SignInAsync(clerk, journey, ReviewKit.ClerkEmail(Courts.Gulang), DocketAppFactory.DemoPassword, "clerk-login", "/Review");
        var link = clerk.GetByRole(AriaRole.Link, new() { Name = title });
        await Expect(link).ToBeVisibleAsync();
        await journey.StepAsync(clerk, "queue");
        await link.ClickAsync();
        await clerk.WaitForURLAsync($"**/Review/Filing?id={id}");
        await journey.StepAsync(clerk, "filing");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "开始审查（由我承办）" }).ClickAsync();
        await ExpectFlashAsync(clerk, "已开始审查");

        // One correction request with one item.
        await clerk.Locator("#f-correction > summary").ClickAsync();
        await clerk.GetByLabel("补正事项（每行一项）").FillAsync("请补充原告与被告签订的买卖合同");
        await journey.StepAsync(clerk, "correction-form");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "发出补正通知" }).ClickAsync();
        await ExpectFlashAsync(clerk, "已一次性告知补正 1 项");
        await journey.StepAsync(clerk, "correction-sent");

        // The filer reads the request, adds the contract and resubmits.
        var page = await NewPageAsync(journey);
        await SignInAsync(page, journey, filer.Email, filer.Password, "filer-login", "/Filings");
        await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await page.WaitForURLAsync($"**/Filings/Detail?id={id}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "法院要求补正" })).ToBeVisibleAsync();
        await Expect(page.GetByText("请补充原告与被告签订的买卖合同", new() { Exact = true })).ToBeVisibleAsync();
        await journey.StepAsync(page, "filer-correction");
        await page.GetByRole(AriaRole.Button, new() { Name = "去补正" }).ClickAsync();
        await page.WaitForURLAsync("**step=parties");
        await page.GetByRole(AriaRole.Link, new() { Name = "4. 材料" }).ClickAsync();
        await page.WaitForURLAsync("**step=documents");
        var upload = page.Locator("form#upload");
        await upload.GetByLabel("材料类型").SelectOptionAsync("evidence");
        await upload.GetByLabel("选择文件").SetInputFilesAsync(
            new FilePayload { Name = "买卖合同.pdf", MimeType = "application/pdf", Buffer = TestFiles.Pdf("contract") });
        await upload.GetByRole(AriaRole.Button, new() { Name = "上传", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "买卖合同.pdf" })).ToBeVisibleAsync();
        await journey.StepAsync(page, "filer-supplement");
        await page.GetByRole(AriaRole.Button, new() { Name = "下一步：检查并提交" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "提交立案申请" }).ClickAsync();
        await page.WaitForURLAsync($"**/Filings/Detail?id={id}");
        await ExpectFlashAsync(page, "已提交，电子回执编号");
        await Expect(page.GetByText("（第 2 版）")).ToBeVisibleAsync();
        await journey.StepAsync(page, "filer-resubmitted", state: "receipt");

        // The clerk claims the resubmitted filing again and registers it.
        await clerk.GotoAsync("/Review");
        await clerk.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await clerk.GetByRole(AriaRole.Button, new() { Name = "开始审查（由我承办）" }).ClickAsync();
        await ExpectFlashAsync(clerk, "已开始审查");
        var register = clerk.Locator("#f-register");
        await Expect(register.GetByLabel("案由")).ToHaveValueAsync("买卖合同纠纷");
        await register.GetByLabel("普通程序").CheckAsync();
        await journey.StepAsync(clerk, "register-form");
        await register.GetByRole(AriaRole.Button, new() { Name = "登记立案" }).ClickAsync();
        await ExpectFlashAsync(clerk, "已登记立案，案号");
        var caseNumber = await clerk.Locator("dl.facts dt:text-is('案号') + dd").InnerTextAsync();
        var (_, _, type, _) = ReviewKit.ParseCaseNumber(caseNumber.Trim());
        Assert.Equal("民初", type);
        await journey.StepAsync(clerk, "registered");

        // The filer sees the case number.
        await page.ReloadAsync();
        var registered = page.GetByRole(AriaRole.Article).Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "已登记立案" }) });
        await Expect(registered).ToContainTextAsync(caseNumber.Trim());
        await journey.StepAsync(page, "filer-registered");

        journey.AssertAccessible();
    }
}
