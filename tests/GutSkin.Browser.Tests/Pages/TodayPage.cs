using System.Globalization;
using Microsoft.Playwright;

namespace GutSkin.Browser.Tests.Pages;

/// <summary>The day form: one radio group per whole-number item, a number box per decimal one, a note, one Save.</summary>
public sealed class TodayPage(IPage page)
{
    public ILocator Note => page.GetByLabel("Note");

    /// <summary>The note sits folded under "Note" until the day has one: open it, then write.</summary>
    public async Task WriteNoteAsync(string text)
    {
        if (!await Note.IsVisibleAsync())
        {
            await page.Locator("summary", new() { HasText = "Note" }).ClickAsync();
        }

        await Note.FillAsync(text);
    }

    public ILocator SaveButton => page.GetByRole(AriaRole.Button, new() { Name = "Save" });

    /// <summary>The "Saved …" message shown after a save.</summary>
    public ILocator Status => page.GetByRole(AriaRole.Status);

    /// <summary>The "Nothing was saved" box listing what to fix.</summary>
    public ILocator Errors => page.GetByRole(AriaRole.Alert);

    public async Task GotoAsync(DateOnly? date = null) =>
        await page.GotoAsync(date is { } d ? $"/today/{d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" : "/today");

    /// <summary>The fieldset of one item, named by its legend (the item's label and its logged state).</summary>
    public ILocator Item(string label) => page.GetByRole(AriaRole.Group, new() { Name = label });

    public ILocator Option(string item, string option) => Item(item).GetByRole(AriaRole.Radio, new() { Name = option, Exact = true });

    public async Task PickAsync(string item, string option) => await Option(item, option).CheckAsync();

    public ILocator Number(string label) => page.GetByRole(AriaRole.Spinbutton, new() { Name = label });

    public async Task SaveAsync() => await SaveButton.ClickAsync();

    /// <summary>After a successful save the page redirects to the saved day's own address: read the date from it.</summary>
    public DateOnly DateInAddress()
    {
        var path = new Uri(page.Url).AbsolutePath;
        return DateOnly.ParseExact(path[(path.LastIndexOf('/') + 1)..], "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
