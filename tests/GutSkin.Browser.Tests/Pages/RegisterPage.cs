using Microsoft.Playwright;

namespace GutSkin.Browser.Tests.Pages;

public sealed class RegisterPage(IPage page)
{
    public const string Password = "a quiet walk by the sea";

    public ILocator PasswordField => page.GetByLabel("Password");

    public async Task GotoAsync() => await page.GotoAsync("/account/register");

    /// <summary>Creates the account and lands on Today, signed in. Returns the e-mail address used.</summary>
    public async Task<string> RegisterAsync(string name = "Ana", string? email = null, string timeZone = "UTC")
    {
        email ??= NewEmail();
        await SubmitAsync(name, email, Password, timeZone);
        await page.WaitForURLAsync("**/today");
        return email;
    }

    /// <summary>Fills the form and presses "Create account", whatever comes of it.</summary>
    public async Task SubmitAsync(string name, string email, string password, string timeZone = "UTC")
    {
        await GotoAsync();
        await page.GetByLabel("Your name").FillAsync(name);
        await page.GetByLabel("E-mail").FillAsync(email);
        await PasswordField.FillAsync(password);
        await page.GetByLabel("Time zone").SelectOptionAsync(timeZone);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
    }

    public static string NewEmail() => $"member-{Guid.NewGuid():N}@example.test";
}
