using System.Diagnostics;
using Microsoft.Playwright;

namespace Docket.BrowserTests;

/// <summary>
/// Watches the wizard's autosave (filing.js posts the form with <c>X-Autosave: 1</c> 1.5 s after the last change).
/// An autosave still in flight when the step's own "保存，下一步" arrives writes the same draft version, and one of the
/// two fails on the concurrency token; so before leaving a step the tests wait until the changes have been autosaved.
/// </summary>
public sealed class DraftAutosave
{
    readonly IPage page;
    int inFlight;
    long lastStart;

    public DraftAutosave(IPage page)
    {
        this.page = page;
        page.Request += (_, r) =>
        {
            if (!IsAutosave(r)) return;
            Interlocked.Increment(ref inFlight);
            Interlocked.Exchange(ref lastStart, Stopwatch.GetTimestamp());
        };
        page.RequestFinished += (_, r) => { if (IsAutosave(r)) Interlocked.Decrement(ref inFlight); };
        page.RequestFailed += (_, r) => { if (IsAutosave(r)) Interlocked.Decrement(ref inFlight); };
    }

    /// <summary>
    /// Waits until an autosave has started after the last change made through <see cref="KeyboardOnly"/> and none is
    /// in flight: then no save is pending either (filing.js saves again only for changes made during a save).
    /// </summary>
    public async Task SettleAsync()
    {
        if (KeyboardOnly.LastChangeAt(page) is not { } changed) return;
        var waited = Stopwatch.StartNew();
        while (Interlocked.Read(ref lastStart) < changed || Volatile.Read(ref inFlight) > 0)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(15))
                throw new Xunit.Sdk.XunitException($"the draft was not autosaved within 15 s of the last change on {page.Url}");
            await Task.Delay(50);
        }
    }

    static bool IsAutosave(IRequest r) => r.Method == "POST" && r.Headers.ContainsKey("x-autosave");
}
