using Microsoft.Playwright;

namespace GutSkin.Browser.Tests.Pages;

public sealed class RegisterPage(IPage page)
{
    public const string Password = "a quiet walk by the sea";

    public async Task GotoAsync() => await page.GotoAsync("/account/register");

    /// <summary>Creates the account and lands on Today, signed in. Returns the e-mail address used.</summary>
    public async Task<string> RegisterAsync(string name = "Ana", string? email = null, string timeZone = "UTC")
    {
        email ??= $"member-{Guid.NewGuid():N}@example.test";
        await GotoAsync();
        await page.GetByLabel("Your name").FillAsync(name);
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByLabel("Time zone").SelectOptionAsync(timeZone);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.WaitForURLAsync("**/today");
        return email;
    }
}
