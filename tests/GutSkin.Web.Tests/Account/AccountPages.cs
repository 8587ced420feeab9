using System.Net;
using System.Text.RegularExpressions;
using GutSkin.Web.Tests.Articles;

namespace GutSkin.Web.Tests.Account;

/// <summary>Forms of the account pages, sent the way a browser sends them (antiforgery token from the page the form is on).</summary>
public static partial class AccountPages
{
    /// <summary>Opens <paramref name="page"/> and sends its form to <paramref name="action"/> (the page itself unless told).</summary>
    public static async Task<HttpResponseMessage> SendFormAsync(this HttpClient browser, string page, Dictionary<string, string> fields, string? action = null)
    {
        var html = await browser.GetStringAsync(page);
        fields["__RequestVerificationToken"] = ArticleTestSupport.Antiforgery(html);
        return await browser.PostAsync(action ?? page, new FormUrlEncodedContent(fields));
    }

    public static Task<HttpResponseMessage> LogInAsync(this HttpClient browser, string email, string password = TestSupport.Password, string page = "/account/login") =>
        browser.SendFormAsync(page, new() { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>A cookie client signed in through the log-in page (no two-factor step expected).</summary>
    public static async Task<HttpClient> SignedInBrowserAsync(this GutSkinFactory factory, string email, string password = TestSupport.Password, string? ip = null)
    {
        var browser = factory.Browser(ip);
        var response = await browser.LogInAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        return browser;
    }

    /// <summary>Registers on the page; the answer is "check your inbox" (a redirect to it) whether or not the address was taken.</summary>
    public static Task<HttpResponseMessage> RegisterOnThePageAsync(this HttpClient browser, string email, string password = TestSupport.Password, string timeZone = "UTC") =>
        browser.SendFormAsync("/account/register", new() { ["Input.Email"] = email, ["Input.Password"] = password, ["Input.TimeZone"] = timeZone });

    /// <summary>Opens the confirmation link of the newest mail to <paramref name="email"/> and presses its button, as the new member would.</summary>
    public static async Task<HttpResponseMessage> ConfirmAsync(this HttpClient browser, GutSkinFactory factory, string email) =>
        await browser.SendFormAsync(Mailbox.Link(factory.MailFolder, email, "/account/confirm"), []);

    /// <summary>Whether the client is signed in, judged by a personal API endpoint (401 when not).</summary>
    public static async Task<bool> IsSignedInAsync(this HttpClient client)
    {
        var response = await client.GetAsync("/api/account/profile");
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized, $"Unexpected {(int)response.StatusCode}");
        return response.StatusCode == HttpStatusCode.OK;
    }

    public static string? Location(this HttpResponseMessage response) => response.Headers.Location?.OriginalString;

    /// <summary>The value of the input named <paramref name="name"/>, or null when it has none (a password field never has one).</summary>
    public static string? InputValue(string html, string name)
    {
        var input = Regex.Match(html, $"<input[^>]*name=\"{Regex.Escape(name)}\"[^>]*>");
        Assert.True(input.Success, $"No input named {name}");
        var value = ValueAttribute().Match(input.Value);
        return value.Success ? WebUtility.HtmlDecode(value.Groups[1].Value) : null;
    }

    [GeneratedRegex("\\svalue=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();
}
