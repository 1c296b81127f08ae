using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Docket.BrowserTests;

/// <summary>
/// One journey of one test in one viewport: after each step a full-page screenshot (numbered, in
/// <see cref="ScreenshotFolder"/>) and an axe-core run. Serious and critical violations are collected over the whole
/// journey and asserted at its end by <see cref="AssertAccessible"/>, so that one run reports every page's findings.
/// </summary>
/// <remarks>
/// An axe run costs most of a second (Deque's <c>RunAxe</c> injects axe-core twice, into the page and into a scratch
/// page where it merges the results), so a step that shows a page state already checked in this viewport (same path,
/// same state name: the login page each journey starts with, a form only filled in) is screenshotted but not checked
/// again.
/// </remarks>
public sealed partial class Journey(string test, Viewport viewport, ITestOutputHelper output)
{
    static readonly string[] Blocking = ["serious", "critical"];

    /// <summary>
    /// Only violations come back in full (passes and the like would be serialised three times for nothing); the pages
    /// have no frames of their own (the PDF previews are not HTML).
    /// </summary>
    static readonly AxeRunOptions Options = new() { ResultTypes = [ResultType.Violations], Iframes = false };
    static readonly ConcurrentDictionary<string, bool> Checked = new();

    int step;
    readonly Stopwatch clock = Stopwatch.StartNew();
    readonly List<string> findings = [];

    public Viewport Viewport => viewport;

    /// <summary>The journey reached its end (<see cref="AssertAccessible"/>); otherwise a step failed.</summary>
    public bool Finished { get; private set; }

    /// <summary><c>DOCKET_SCREENSHOTS</c>, or <c>TestResults/screenshots</c> under the test output folder.</summary>
    public static string ScreenshotFolder { get; } = Path.GetFullPath(
        Environment.GetEnvironmentVariable("DOCKET_SCREENSHOTS") is { Length: > 0 } folder
            ? folder
            : Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots"));

    /// <summary>
    /// Screenshot and axe run of the page as it is now. <paramref name="name"/> is a short kebab-case step name;
    /// <paramref name="state"/> names the page state for axe when several steps show the same one (default: the name).
    /// </summary>
    public async Task StepAsync(IPage page, string name, string? state = null)
    {
        var n = Interlocked.Increment(ref step);
        await page.WaitForLoadStateAsync(LoadState.Load);
        Directory.CreateDirectory(ScreenshotFolder);
        var file = Path.Combine(ScreenshotFolder, $"{test}-{viewport.Name}-{n:D2}-{name}.png");
        await page.ScreenshotAsync(new() { Path = file, FullPage = true, Animations = ScreenshotAnimations.Disabled });
        var path = new Uri(page.Url).PathAndQuery;
        if (!Checked.TryAdd($"{viewport.Name} {new Uri(page.Url).AbsolutePath} {state ?? name}", true))
        {
            output.WriteLine($"{n:D2} {name} at {clock.Elapsed.TotalSeconds:0.0} s: {path} (checked before in this viewport) → {Path.GetFileName(file)}");
            return;
        }

        var result = await page.RunAxe(Options);
        foreach (var v in result.Violations.Where(v => Blocking.Contains(v.Impact)))
        {
            var line = new StringBuilder($"[{viewport.Name} {n:D2} {name}] {path}: {v.Id} ({v.Impact}): {v.Help} — {v.HelpUrl}");
            foreach (var node in v.Nodes.Take(5))
                line.Append($"\n      at {node.Target}: {Squeeze(node.Html)}");
            if (v.Nodes.Length > 5) line.Append($"\n      … and {v.Nodes.Length - 5} more");
            findings.Add(line.ToString());
        }
        var all = string.Join(", ", result.Violations.Select(v => $"{v.Id} ({v.Impact})"));
        output.WriteLine($"{n:D2} {name} at {clock.Elapsed.TotalSeconds:0.0} s: {path}: axe: {(all.Length == 0 ? "no violations" : all)} → {Path.GetFileName(file)}");
    }

    /// <summary>Fails with every serious or critical axe violation the journey's pages had.</summary>
    public void AssertAccessible()
    {
        Finished = true;
        foreach (var f in findings) output.WriteLine(f);
        Assert.True(findings.Count == 0,
            $"{findings.Count} serious or critical axe-core violation(s) in {test} ({viewport.Name}):\n" + string.Join("\n", findings));
    }

    /// <summary>A screenshot of a page where a failed journey left it: <c>…-failed-{n}.png</c>, n numbering the test's pages.</summary>
    public async Task FailureScreenshotAsync(IPage page, int n)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var file = Path.Combine(ScreenshotFolder, $"{test}-{viewport.Name}-failed-{n}.png");
        await page.ScreenshotAsync(new() { Path = file, FullPage = true, Timeout = 10_000 });
        output.WriteLine($"failed at {page.Url} → {Path.GetFileName(file)}");
    }

    static string Squeeze(string html)
    {
        var s = Whitespace().Replace(html, " ");
        return s.Length > 200 ? s[..200] + "…" : s;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
