using System.Text.RegularExpressions;
using GutSkin.Browser.Tests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GutSkin.Browser.Tests;

public sealed class TodayPageTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task BadInputShowsTheFormAgainWithAMessageAndSavesNothing()
    {
        await using var context = await app.NewContextAsync(Screen.Phone);
        var page = await context.NewPageAsync();
        await new RegisterPage(page, app.MailFolder).RegisterAsync();

        var today = new TodayPage(page);
        await today.GotoAsync();
        await today.PickAsync("Redness / rosacea", "4");
        await today.Number("Water").FillAsync("30");
        await today.WriteNoteAsync("Too much water?");
        await today.SaveAsync();

        await Expect(today.Errors).ToContainTextAsync("Nothing was saved");
        await Expect(today.Errors).ToContainTextAsync("Water");
        // Focus starts on the list of problems, so a screen reader reads it first; each field names its own problem.
        await Expect(today.Errors).ToBeFocusedAsync();
        await Expect(today.Number("Water")).ToHaveAccessibleDescriptionAsync(new Regex("between 0 and 10"));
        await Expect(today.Status).ToHaveCountAsync(0);
        // What the member typed comes back, so they fix one field instead of starting over.
        await Expect(today.Number("Water")).ToHaveValueAsync("30");
        await Expect(today.Number("Water")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(today.Option("Redness / rosacea", "4")).ToBeCheckedAsync();
        await Expect(today.Note).ToHaveValueAsync("Too much water?");

        var history = new HistoryPage(page);
        await history.GotoAsync();
        await Expect(page.GetByText("No days logged yet.")).ToBeVisibleAsync();
        await Expect(history.Table).ToHaveCountAsync(0);

        await today.GotoAsync();
        await Expect(today.Option("Redness / rosacea", "Not logged")).ToBeCheckedAsync();
        await Expect(today.Number("Water")).ToHaveValueAsync("");
    }

    [Fact]
    public async Task TodayCanBeFilledAndSavedWithTheKeyboardAlone()
    {
        await using var context = await app.NewContextAsync(Screen.Desktop);
        var page = await context.NewPageAsync();
        await new RegisterPage(page, app.MailFolder).RegisterAsync();
        var today = new TodayPage(page);
        await today.GotoAsync();
        var keyboard = new KeyboardWalk(page, today.SaveButton);

        // Tab from the top of the page into the first item's radio group: focus lands on its checked radio.
        var redness = today.Item("Redness / rosacea");
        await keyboard.TabUntilAsync(() => ContainsFocusAsync(redness));
        await Expect(today.Option("Redness / rosacea", "Not logged")).ToBeFocusedAsync();
        Assert.Equal("solid", await FocusedChipOutlineAsync(page));

        // Arrow keys move along the group and pick: Not logged → 0 → 1 → 2 → 3.
        for (var i = 0; i < 4; i++)
        {
            await page.Keyboard.PressAsync("ArrowRight");
        }

        await Expect(today.Option("Redness / rosacea", "3")).ToBeCheckedAsync();
        await Expect(today.Option("Redness / rosacea", "3")).ToBeFocusedAsync();
        await Expect(redness).ToHaveAccessibleNameAsync("Redness / rosacea logged");

        // On through every other item to Save, typing the water on the way.
        var water = today.Number("Water");
        await keyboard.TabUntilAsync(() => IsFocusedAsync(water));
        await page.Keyboard.TypeAsync("2");
        await keyboard.TabUntilAsync(() => IsFocusedAsync(today.SaveButton));
        Assert.True(keyboard.HiddenUnderSaveBar.Count == 0, $"Focused but hidden under the sticky Save bar: {string.Join(", ", keyboard.HiddenUnderSaveBar)}");
        await page.Keyboard.PressAsync("Enter");

        await Expect(today.Status).ToContainTextAsync("2 item(s) logged");
        await Expect(today.Option("Redness / rosacea", "3")).ToBeCheckedAsync();
        await Expect(water).ToHaveValueAsync("2");
    }

    private static Task<bool> ContainsFocusAsync(ILocator locator) => locator.EvaluateAsync<bool>("e => e.contains(document.activeElement)");

    private static Task<bool> IsFocusedAsync(ILocator locator) => locator.EvaluateAsync<bool>("e => e === document.activeElement");

    /// <summary>The radios are drawn as chips; the focus ring is on the chip beside the focused radio.</summary>
    private static Task<string> FocusedChipOutlineAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement.nextElementSibling).outlineStyle");

    /// <summary>Presses Tab, and after each press notes a focused control the sticky Save bar covers (WCAG 2.4.11).</summary>
    private sealed class KeyboardWalk(IPage page, ILocator saveButton)
    {
        private const string HiddenUnderBar = """
            button => {
                const focused = document.activeElement;
                const bar = button.parentElement;
                if (!focused || bar.contains(focused)) {
                    return null;
                }
                // A radio is drawn as the chip right after it.
                const shown = focused.type === 'radio' && focused.nextElementSibling ? focused.nextElementSibling : focused;
                const a = shown.getBoundingClientRect(), b = bar.getBoundingClientRect();
                return a.bottom > b.top && a.top < b.bottom ? (focused.name || focused.id || focused.tagName) : null;
            }
            """;

        public List<string> HiddenUnderSaveBar { get; } = [];

        public async Task TabUntilAsync(Func<Task<bool>> reached, int maxPresses = 80)
        {
            for (var i = 0; i < maxPresses; i++)
            {
                await page.Keyboard.PressAsync("Tab");
                if (await saveButton.EvaluateAsync<string?>(HiddenUnderBar) is { } hidden)
                {
                    HiddenUnderSaveBar.Add(hidden);
                }

                if (await reached())
                {
                    return;
                }
            }

            var focused = await page.EvaluateAsync<string>("() => document.activeElement?.outerHTML ?? 'nothing'");
            Assert.Fail($"Not reached after {maxPresses} Tab presses; focus is on {focused}");
        }
    }
}
