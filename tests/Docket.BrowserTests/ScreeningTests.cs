using Docket.IntegrationTests;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Docket.BrowserTests;

/// <summary>
/// An officer in the field on a phone (矛盾纠纷排查): logs a family dispute, records a visit, and hands it to the
/// Dajing mediation room, whose mediator then has the case.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreeningTests(SqliteAppFactory app, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(app, browser, output), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Officer_OnAPhone_LogsFollowsUpAndHandsToDajing()
    {
        var journey = NewJourney("screening", "phone");
        var page = await NewPageAsync(journey);
        var summary = $"夫妻因家庭琐事争吵，女方回娘家（{Guid.NewGuid().ToString("N")[..6]}）";
        await SignInAsync(page, journey, "officer.dachaigou@demo.docket", DocketAppFactory.DemoPassword, "officer-login", "/Screening");
        await journey.StepAsync(page, "desk");

        var form = page.Locator("#log");
        await form.GetByLabel("纠纷类型").SelectOptionAsync("family-marriage");
        await form.GetByLabel("风险等级").SelectOptionAsync("high");
        await form.GetByLabel("地点").FillAsync("打柴沟镇金强驿村");
        await form.GetByLabel("纠纷概况").FillAsync(summary);
        await form.GetByLabel("姓名").First.FillAsync("李秀兰");
        await form.GetByLabel("手机号码").First.FillAsync("13909351234");
        await form.GetByLabel("姓名").Nth(1).FillAsync("张建国");
        await journey.StepAsync(page, "log-form-filled");
        await form.GetByRole(AriaRole.Button, new() { Name = "登记" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/Screening/Dispute/", StringComparison.Ordinal));
        await ExpectFlashAsync(page, "纠纷已登记");
        await Expect(page.GetByText(summary)).ToBeVisibleAsync();
        await journey.StepAsync(page, "dispute-logged");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "no horizontal scroll at 360 px");

        // A visit, recorded with the time the form offers (now).
        await page.GetByLabel("跟进措施").FillAsync("入户走访");
        await page.GetByLabel("情况记录").FillAsync("双方同意到大靖镇人民调解工作室调解");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存跟进" }).ClickAsync();
        await ExpectFlashAsync(page, "已记录跟进情况");
        await Expect(page.Locator("ol.timeline")).ToContainTextAsync("入户走访");

        await page.GetByLabel("移交人民调解").CheckAsync();
        await page.GetByLabel("接收的调解室（移交调解时）").SelectOptionAsync("dajing");
        await page.GetByRole(AriaRole.Button, new() { Name = "办结", Exact = true }).ClickAsync();
        await ExpectFlashAsync(page, "纠纷已办结");
        await Expect(page.Locator("[data-field=status]")).ToHaveTextAsync("已移交调解");
        await journey.StepAsync(page, "handed-to-mediation");

        var mediator = await App.StaffAsync("mediator.dajing@demo.docket");
        var cases = await (await App.GetAsync("/api/v1/mediation/cases?status=open&pageSize=100", mediator)).ShouldBe(System.Net.HttpStatusCode.OK);
        Assert.Contains(cases.GetProperty("items").EnumerateArray(), c => c.Str("summary") == summary && c.Str("source") == "screening");
        journey.AssertAccessible();
    }
}
