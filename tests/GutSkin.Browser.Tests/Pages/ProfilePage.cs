using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GutSkin.Browser.Tests.Pages;

public sealed class ProfilePage(IPage page)
{
    public ILocator TimeZone => page.GetByLabel("Time zone");

    public async Task GotoAsync() => await page.GotoAsync("/account/profile");

    public async Task SetTimeZoneAsync(string zone)
    {
        await GotoAsync();
        await TimeZone.SelectOptionAsync(zone);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
    }
}
