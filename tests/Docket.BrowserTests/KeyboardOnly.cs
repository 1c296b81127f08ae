using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace Docket.BrowserTests;

/// <summary>
/// Filling forms the way a keyboard user does: focus moves only with Tab and Shift+Tab (so a field that cannot be
/// reached in the tab order fails the test), text is typed, options are picked with the arrow keys, checkboxes and
/// radios are toggled with Space, and buttons and links are activated with Enter. Reading the page (which option is
/// selected, which element has focus) is only observation.
/// </summary>
public static class KeyboardOnly
{
    const int MaxTabs = 120;

    static readonly ConditionalWeakTable<IPage, StrongBox<long>> LastChange = new();

    /// <summary>When these helpers last changed a field on the page (a <see cref="Stopwatch"/> timestamp), if ever.</summary>
    public static long? LastChangeAt(IPage page) => LastChange.TryGetValue(page, out var t) ? t.Value : null;

    static void Changed(IPage page) => LastChange.AddOrUpdate(page, new StrongBox<long>(Stopwatch.GetTimestamp()));

    /// <summary>Moves the focus to <paramref name="target"/> with Tab (or Shift+Tab when it lies before the focus).</summary>
    public static async Task TabToAsync(this IPage page, ILocator target)
    {
        await target.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        var backwards = await target.EvaluateAsync<bool>(
            "e => { const a = document.activeElement; return !!a && a !== document.body && a !== e && " +
            "!!(a.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_PRECEDING); }");
        for (var i = 0; i < MaxTabs; i++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement")) return;
            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
        }
        var focused = await page.EvaluateAsync<string>(
            "() => { const a = document.activeElement; return a ? a.outerHTML.slice(0, 160) : '(none)'; }");
        var wanted = await target.EvaluateAsync<string>("e => e.outerHTML.slice(0, 160)");
        throw new Xunit.Sdk.XunitException(
            $"{MaxTabs} presses of {(backwards ? "Shift+Tab" : "Tab")} did not reach {wanted} on {page.Url}; the focus is on {focused}");
    }

    /// <summary>
    /// Tabs to a text field, selects what it holds (Ctrl+A) and types <paramref name="text"/> over it, a line at a time
    /// with Enter between lines. A line with Chinese characters is committed at once, as an input method commits it;
    /// other lines are typed key by key.
    /// </summary>
    public static async Task TypeIntoAsync(this IPage page, ILocator field, string text)
    {
        await page.TabToAsync(field);
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.PressAsync("Delete");
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0) await page.Keyboard.PressAsync("Enter");
            if (lines[i].All(char.IsAscii)) await page.Keyboard.TypeAsync(lines[i]);
            else await page.Keyboard.InsertTextAsync(lines[i]);
        }
        Changed(page);
        Assert.Equal(text, await field.InputValueAsync());
    }

    /// <summary>Tabs to a closed &lt;select&gt; and moves its selection with the arrow keys to the option with this value.</summary>
    public static async Task ChooseAsync(this IPage page, ILocator select, string value)
    {
        await page.TabToAsync(select);
        var delta = await select.EvaluateAsync<int>(
            "(e, v) => { const i = [...e.options].findIndex(o => o.value === v); return i < 0 ? 100000 : i - e.selectedIndex; }", value);
        Assert.True(delta != 100000, $"no option '{value}' in {await select.EvaluateAsync<string>("e => e.outerHTML.slice(0, 200)")}");
        for (var i = 0; i < Math.Abs(delta); i++) await page.Keyboard.PressAsync(delta > 0 ? "ArrowDown" : "ArrowUp");
        if (delta != 0) Changed(page);
        Assert.Equal(value, await select.InputValueAsync());
    }

    /// <summary>Tabs to a checkbox or radio button and presses Space (radios: the focused one of its group).</summary>
    public static async Task ToggleAsync(this IPage page, ILocator box)
    {
        await page.TabToAsync(box);
        await page.Keyboard.PressAsync("Space");
        Changed(page);
    }

    /// <summary>Tabs to a button, link or summary and presses Enter.</summary>
    public static async Task PressAsync(this IPage page, ILocator control)
    {
        await page.TabToAsync(control);
        await page.Keyboard.PressAsync("Enter");
    }
}
