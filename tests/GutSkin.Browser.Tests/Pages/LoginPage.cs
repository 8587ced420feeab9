using Microsoft.Playwright;

namespace GutSkin.Browser.Tests.Pages;

public sealed class LoginPage(IPage page)
{
    public ILocator EmailField => page.GetByLabel("E-mail");

    public ILocator PasswordField => page.GetByLabel("Password");

    public async Task SubmitAsync(string email, string password)
    {
        await page.GotoAsync("/account/login");
        await EmailField.FillAsync(email);
        await PasswordField.FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
    }
}
