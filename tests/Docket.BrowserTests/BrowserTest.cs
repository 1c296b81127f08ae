using Docket.IntegrationTests;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Docket.BrowserTests;

/// <summary>
/// The app the browser tests share: one Docket (demo mode, SQLite) on Kestrel on a loopback port. The test classes
/// of this collection run one after another, which suits the two-core CI machines better than several apps would.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<SqliteAppFactory>
{
    public const string Name = "browser";
}

/// <summary>Base of the browser tests: pages in fresh contexts (closed after the test) and sign-in through the login page.</summary>
public abstract class BrowserTest(SqliteAppFactory app, BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    readonly List<(Journey Journey, IPage Page)> pages = [];

    protected SqliteAppFactory App => app;
    protected ITestOutputHelper Output => output;

    protected Journey NewJourney(string test, string viewport) => new(test, Viewport.Named(viewport), output);

    /// <summary>A page in a context of its own: one per person taking part (filer, clerk), as on their own devices.</summary>
    protected async Task<IPage> NewPageAsync(Journey journey)
    {
        var page = await browser.NewPageAsync(app.Http.BaseAddress!, journey.Viewport);
        pages.Add((journey, page));
        return page;
    }

    /// <summary>Signs in on /Account/Login and waits for the page the login leads to.</summary>
    protected static async Task SignInAsync(IPage page, Journey journey, string email, string password, string step, string landing)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("电子邮箱").FillAsync(email);
        await page.GetByLabel("密码").FillAsync(password);
        await journey.StepAsync(page, step, state: "login");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == landing);
    }

    /// <summary>The green message a page shows after a successful action (TempData["Flash"]).</summary>
    protected static Task ExpectFlashAsync(IPage page, string text) =>
        Expect(page.Locator("p.flash[role=status]")).ToContainTextAsync(text);

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Closes the test's contexts; when its journey stopped short, first a screenshot of each page as it was left.</summary>
    public async Task DisposeAsync()
    {
        for (var i = 0; i < pages.Count; i++)
        {
            var (journey, page) = pages[i];
            if (!journey.Finished)
            {
                try { await journey.FailureScreenshotAsync(page, i + 1); }
                catch (PlaywrightException) { /* the page itself broke: nothing to show */ }
            }
            await page.Context.CloseAsync();
        }
    }
}
