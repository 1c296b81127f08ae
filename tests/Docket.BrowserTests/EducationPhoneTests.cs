using Docket.IntegrationTests;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Docket.BrowserTests;

/// <summary>
/// An officer on a phone (应知应会, 学习登记): reads a chapter of the study materials, marks it read, takes its quiz and
/// records a study session — no horizontal scroll at 360 px, every step checked with axe.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EducationPhoneTests(SqliteAppFactory app, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(app, browser, output), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Officer_OnAPhone_ReadsAChapterTakesTheQuizAndRecordsStudy()
    {
        var title = "防止干预司法“三个规定”（" + Guid.NewGuid().ToString("N")[..6] + "）";
        var plc = await App.StaffAsync("plc.admin@demo.docket");
        await (await App.PostAsync("/api/v1/education/materials", new
        {
            title,
            markdown = "## 一、记录报告\n\n对领导干部干预司法活动、插手具体案件处理，司法人员应当**全面如实记录**，做到全程留痕、有据可查。\n\n"
                + "| 情形 | 处理 |\n|---|---|\n| 过问案件 | 记录报告 |\n| 打探案情 | 记录报告 |\n",
            questions = new[]
            {
                new { text = "对干预司法活动，司法人员应当怎么做？", kind = "single", options = new[] { "全面如实记录报告", "视情况而定", "不予理会" }, answer = new[] { 0 } },
            },
        }, plc)).ShouldBe(System.Net.HttpStatusCode.Created, "material");

        var journey = NewJourney("education", "phone");
        var page = await NewPageAsync(journey);
        await SignInAsync(page, journey, "officer.dachaigou@demo.docket", DocketAppFactory.DemoPassword, "officer-login", "/Screening");
        await page.GotoAsync("/Education/Materials");
        await journey.StepAsync(page, "materials");
        await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(page.Locator("article.chapter strong")).ToHaveTextAsync("全面如实记录");
        await journey.StepAsync(page, "chapter");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "no horizontal scroll at 360 px (chapter)");

        await page.GetByRole(AriaRole.Button, new() { Name = "标记为已读" }).ClickAsync();
        await Expect(page.GetByText("已标记为已读。")).ToBeVisibleAsync();
        await page.GetByLabel("全面如实记录报告").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "提交答卷" }).ClickAsync();
        await Expect(page.Locator("[data-score]")).ToHaveAttributeAsync("data-score", "100");
        await journey.StepAsync(page, "quiz-scored");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "no horizontal scroll at 360 px (quiz)");

        var topic = "学习“三个规定”（" + Guid.NewGuid().ToString("N")[..6] + "）";
        await page.GotoAsync("/Education/Study");
        await page.GetByLabel("学习方式").SelectOptionAsync("reading-class");
        await page.GetByLabel("学习时长（分钟）").FillAsync("40");
        await page.GetByLabel("学习内容").FillAsync(topic);
        await journey.StepAsync(page, "study-form-filled");
        await page.GetByRole(AriaRole.Button, new() { Name = "登记学习" }).ClickAsync();
        await Expect(page.GetByText("已登记 1 条学习记录。")).ToBeVisibleAsync();
        await Expect(page.Locator("ul.records")).ToContainTextAsync(topic);
        await journey.StepAsync(page, "study-recorded");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "no horizontal scroll at 360 px (study)");
        journey.AssertAccessible();
    }
}
