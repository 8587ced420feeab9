using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GutSkin.Browser.Tests.Pages;

/// <summary>The registration form, and the confirmation link that finishes it.</summary>
/// <param name="page">The browser tab.</param>
/// <param name="mailFolder">The app's mail pickup folder, where the confirmation link arrives.</param>
public sealed class RegisterPage(IPage page, string mailFolder)
{
    public const string Password = "a quiet walk by the sea";

    public ILocator PasswordField => page.GetByLabel("Password");

    public async Task GotoAsync() => await page.GotoAsync("/account/register");

    /// <summary>
    /// Creates the account, follows the confirmation link from the mail and presses its button: lands on Today,
    /// signed in. Returns the e-mail address used.
    /// </summary>
    public async Task<string> RegisterAsync(string name = "Ana", string? email = null, string timeZone = "UTC")
    {
        email ??= NewEmail();
        await SubmitAsync(name, email, Password, timeZone);
        await ConfirmAsync(email);
        return email;
    }

    /// <summary>After "Create account": the answer asks to check the inbox; the link in the mail and its button sign in on Today.</summary>
    public async Task ConfirmAsync(string email)
    {
        await Expect(page.GetByText("Check your inbox.")).ToBeVisibleAsync();
        await page.GotoAsync(await ConfirmationLinkAsync(email));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm and sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/today");
    }

    /// <summary>The confirmation link, once the mail is in the folder (written before the answer, but read here to be sure).</summary>
    private async Task<string> ConfirmationLinkAsync(string email)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return Mailbox.Link(mailFolder, email, "/account/confirm");
            }
            catch (InvalidOperationException) when (attempt < 50)
            {
                await Task.Delay(100);
            }
        }
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
