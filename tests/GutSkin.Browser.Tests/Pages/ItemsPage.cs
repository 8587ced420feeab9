using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GutSkin.Browser.Tests.Pages;

/// <summary>The member's items: the add form and the table, where each custom item has a rename box.</summary>
public sealed class ItemsPage(IPage page)
{
    public async Task GotoAsync() => await page.GotoAsync("/items");

    /// <summary>Adds a habit item and waits for its row (with its visually hidden "New label" box).</summary>
    public async Task AddAsync(string label, string key)
    {
        await GotoAsync();
        await page.GetByLabel("Label", new() { Exact = true }).FillAsync(label);
        await page.Locator("#key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add item" }).ClickAsync();
        await Expect(page.GetByLabel($"New label for {label}")).ToHaveCountAsync(1);
    }
}
