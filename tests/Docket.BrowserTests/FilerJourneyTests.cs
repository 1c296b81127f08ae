using System.Text.RegularExpressions;
using Docket.IntegrationTests;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Docket.BrowserTests;

/// <summary>A filer's first visit: sign up, real-name profile and service address, the whole wizard by keyboard, the receipt.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FilerJourneyTests(SqliteAppFactory app, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(app, browser, output), IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("phone")]
    [InlineData("desktop")]
    public async Task SignUpAndFile_KeyboardOnlyWizard_ShowsReceipt(string viewport)
    {
        var journey = NewJourney("filer", viewport);
        var page = await NewPageAsync(journey);
        var autosave = new DraftAutosave(page);
        var email = $"b{Guid.NewGuid():N}"[..13] + "@browser.test";
        const string password = "Browser-pass-2026";

        // Sign up.
        await page.GotoAsync("/Account/Register");
        await page.GetByLabel("电子邮箱").FillAsync(email);
        await page.GetByLabel("密码（至少 8 个字符）").FillAsync(password);
        await journey.StepAsync(page, "register");
        await page.GetByRole(AriaRole.Button, new() { Name = "注册", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/Account/Profile");
        await ExpectFlashAsync(page, "注册成功");

        // Real-name profile, then the service address (送达地址确认书).
        var realName = page.GetByRole(AriaRole.Article).Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "实名信息", Exact = true }) });
        await realName.GetByLabel("真实姓名").FillAsync("王小明");
        await realName.GetByLabel("证件类型").SelectOptionAsync("resident-id");
        await realName.GetByLabel("证件号码").FillAsync(TestIds.ResidentId());
        await realName.GetByLabel("手机号码").FillAsync("13800138001");
        await journey.StepAsync(page, "profile");
        await realName.GetByRole(AriaRole.Button, new() { Name = "保存实名信息" }).ClickAsync();
        await ExpectFlashAsync(page, "实名信息已保存");

        var service = page.GetByRole(AriaRole.Article).Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "送达地址确认书" }) });
        await service.GetByLabel("我同意电子送达").CheckAsync();
        await Expect(service.GetByLabel("送达手机号")).ToHaveValueAsync("13800138001");
        await service.GetByLabel("邮寄地址").FillAsync("甘肃省武威市古浪县古浪镇昌松路 1 号");
        await journey.StepAsync(page, "service-address", state: "profile");
        await service.GetByRole(AriaRole.Button, new() { Name = "确认送达地址" }).ClickAsync();
        await ExpectFlashAsync(page, "送达地址已确认");
        await journey.StepAsync(page, "profile-saved");

        // The wizard, keyboard only from here to the receipt. Step 1: court and case type.
        await page.GotoAsync("/Filings/New");
        await page.ChooseAsync(page.GetByLabel("受理法院（管辖法院）"), "620622");
        await page.ChooseAsync(page.GetByLabel("案件类型"), "civil-first-instance");
        await journey.StepAsync(page, "wizard-court");
        await page.PressAsync(page.GetByRole(AriaRole.Button, new() { Name = "下一步：当事人" }));
        await page.WaitForURLAsync(new Regex(@"/Filings/Edit\?id=[^&]+&step=parties"));
        var id = new Uri(page.Url).Query.Split('&')[0]["?id=".Length..];

        // Step 2: the plaintiff comes from the profile; the defendant is typed in.
        var plaintiff = page.GetByRole(AriaRole.Group, new() { Name = "原告", Exact = true });
        await Expect(plaintiff.GetByLabel("姓名或名称")).ToHaveValueAsync("王小明");
        var defendant = page.GetByRole(AriaRole.Group, new() { Name = "被告", Exact = true });
        await page.TypeIntoAsync(defendant.GetByLabel("姓名或名称"), "李四");
        await page.TypeIntoAsync(defendant.GetByLabel("联系电话"), "13900139000");
        await page.TypeIntoAsync(defendant.GetByLabel("住所地或经常居住地"), "甘肃省武威市古浪县大靖镇");
        await journey.StepAsync(page, "wizard-parties");
        await autosave.SettleAsync();
        await page.PressAsync(page.GetByRole(AriaRole.Button, new() { Name = "保存，下一步" }));
        await page.WaitForURLAsync("**step=claims");

        // Step 3: claims, facts, the fee estimate.
        await page.TypeIntoAsync(page.GetByLabel("案由", new() { Exact = true }), "买卖合同纠纷");
        await page.ChooseAsync(page.GetByLabel("案件性质（计费类型）"), "property");
        await page.TypeIntoAsync(page.GetByLabel("诉讼标的金额（元）"), "130000");
        await Expect(page.Locator("output#fee")).ToContainTextAsync("2900");
        await page.TypeIntoAsync(page.GetByLabel("诉讼请求（每行一项）"), "判令被告支付货款 130000 元\n本案诉讼费用由被告承担");
        await page.TypeIntoAsync(page.GetByLabel("事实与理由"), "原告与被告签订买卖合同，原告已依约交付货物，被告至今未支付货款。");
        await page.ToggleAsync(page.GetByRole(AriaRole.Radio, new() { Name = "当事人本人" }));
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "当事人本人" })).ToBeCheckedAsync();
        await journey.StepAsync(page, "wizard-claims");
        await autosave.SettleAsync();
        await page.PressAsync(page.GetByRole(AriaRole.Button, new() { Name = "保存，下一步" }));
        await page.WaitForURLAsync("**step=documents");

        // Step 4: the complaint and the ID. Choosing a file is the OS's dialog, so the file is set on the
        // (keyboard-reachable) input; everything else is keys.
        var upload = page.Locator("form#upload");
        foreach (var (kind, name) in new[] { ("complaint", "起诉状.pdf"), ("identity", "身份证.pdf") })
        {
            await page.ChooseAsync(upload.GetByLabel("材料类型"), kind);
            var file = upload.GetByLabel("选择文件");
            await page.TabToAsync(file);
            await file.SetInputFilesAsync(new FilePayload { Name = name, MimeType = "application/pdf", Buffer = TestFiles.Pdf(kind) });
            await page.PressAsync(upload.GetByRole(AriaRole.Button, new() { Name = "上传", Exact = true }));
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = name })).ToBeVisibleAsync();
        }
        await journey.StepAsync(page, "wizard-documents");
        await page.PressAsync(page.GetByRole(AriaRole.Button, new() { Name = "下一步：检查并提交" }));
        await page.WaitForURLAsync("**step=check");

        // Step 5: check and submit.
        await Expect(page.GetByText("材料齐全，可以提交。")).ToBeVisibleAsync();
        await journey.StepAsync(page, "wizard-check");
        await page.PressAsync(page.GetByRole(AriaRole.Button, new() { Name = "提交立案申请" }));
        await page.WaitForURLAsync($"**/Filings/Detail?id={id}");

        // The receipt: the flash names its number, the page shows it with the documents it covers.
        await ExpectFlashAsync(page, "已提交，电子回执编号");
        var receipt = page.GetByRole(AriaRole.Article).Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "电子回执" }) });
        await Expect(receipt).ToContainTextAsync("回执编号");
        await Expect(receipt).ToContainTextAsync("起诉状.pdf");
        await Expect(receipt).ToContainTextAsync("身份证.pdf");
        await Expect(receipt.GetByRole(AriaRole.Button, new() { Name = "下载回执 PDF" })).ToBeVisibleAsync();
        await journey.StepAsync(page, "receipt");

        journey.AssertAccessible();
    }
}
