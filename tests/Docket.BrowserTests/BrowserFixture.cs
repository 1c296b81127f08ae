using Microsoft.Playwright;

namespace Docket.BrowserTests;

/// <summary>A screen size the journeys run in: a small phone and an ordinary laptop.</summary>
public sealed record Viewport(string Name, int Width, int Height, bool Mobile)
{
    public static readonly Viewport Phone = new("phone", 360, 740, Mobile: true);
    public static readonly Viewport Desktop = new("desktop", 1280, 800, Mobile: false);

    public static Viewport Named(string name) => name switch
    {
        "phone" => Phone,
        "desktop" => Desktop,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "phone or desktop"),
    };
}

/// <summary>
/// One headless Chromium per test class: Debian's own <c>chromium</c> package (never a browser Playwright downloads),
/// driven by the Node driver that ships inside the Microsoft.Playwright package. Each test opens its own contexts.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Where Debian's chromium package puts the browser; <c>DOCKET_CHROMIUM</c> overrides it.</summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("DOCKET_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>
    /// Chromium runs as root and offline on CI machines: without the sandbox, and with every background service that
    /// would call out (and stall on refused connections) turned off. The fresh <c>--user-data-dir</c> is Playwright's
    /// own: it refuses the argument and makes a new temporary profile for every launch, removing it on close.
    /// </summary>
    static readonly string[] Args =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    IPlaywright? playwright;
    IBrowser? browser;

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser has not been launched.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException(
                $"No Chromium at {ExecutablePath}: install Debian's package (apt-get install chromium) or set DOCKET_CHROMIUM. " +
                "The tests never download a browser.");
        // CI machines have two cores shared with the other suites: patience rather than flaky failures.
        Assertions.SetDefaultExpectTimeout(15_000);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Args,
            Timeout = 60_000,
        });
    }

    /// <summary>A fresh context (cookies, storage) in Chinese, on Beijing time, at the app's address.</summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress, Viewport viewport)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = baseAddress.ToString().TrimEnd('/'),
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new() { Width = viewport.Width, Height = viewport.Height },
            IsMobile = viewport.Mobile,
            HasTouch = viewport.Mobile,
            DeviceScaleFactor = 1,
        });
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(30_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.CloseAsync();
        playwright?.Dispose();
    }
}
