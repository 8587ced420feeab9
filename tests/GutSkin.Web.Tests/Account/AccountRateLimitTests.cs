using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using GutSkin.Web.Tests.Articles;
using GutSkin.Web.Tests.Infrastructure;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Account;

/// <summary>
/// Log-in, registration and password reset are rate limited per client address and, for log-in and reset mails,
/// per e-mail address; the pages and /api/auth share the limits. Each test uses addresses of its own, since the
/// limits live as long as the database (log-in 3 per address and 6 per account, registration 2, reset 3 and 2 per account).
/// </summary>
public sealed class AccountRateLimitTests(SmallAccountLimitsFactory factory) : IClassFixture<SmallAccountLimitsFactory>
{
    private static string Nobody() => $"nobody-{Guid.NewGuid():N}@example.test";

    private async Task<HttpResponseMessage> ApiAsync(string ip, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add(ArticlesFactory.IpHeader, ip);
        return await factory.CreateClient().SendAsync(request);
    }

    /// <summary>A confirmed member registered from an address of its own, without logging in (which would count against the account).</summary>
    private async Task<string> MemberAsync(string ip)
    {
        var email = $"member-{Guid.NewGuid():N}@example.test";
        Assert.Equal(HttpStatusCode.OK, (await ApiAsync(ip, "/api/auth/register", new { email, password = Password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync(Mailbox.Link(factory.MailFolder, email, "/api/auth/confirmEmail"))).StatusCode);
        return email;
    }

    private static async Task AssertTooManyAsync(HttpResponseMessage response)
    {
        var problem = await AssertProblemAsync(response, HttpStatusCode.TooManyRequests);
        Assert.Equal("Too many attempts", problem.GetProperty("title").GetString());
        AssertRetryAfter(response);
    }

    private static void AssertRetryAfter(HttpResponseMessage response)
    {
        var seconds = int.Parse(Assert.Single(response.Headers.GetValues("Retry-After")), CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 1, 3600);
    }

    [Fact]
    public async Task ApiLogIn_BeyondTheLimitFromOneAddress_Is429WithRetryAfter_AndOtherAddressesGoOn()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await ApiAsync("192.0.2.10", "/api/auth/login", new { email = Nobody(), password = Password })).StatusCode);
        }

        await AssertTooManyAsync(await ApiAsync("192.0.2.10", "/api/auth/login", new { email = Nobody(), password = Password }));
        Assert.Equal(HttpStatusCode.Unauthorized, (await ApiAsync("192.0.2.11", "/api/auth/login", new { email = Nobody(), password = Password })).StatusCode);
    }

    [Fact]
    public async Task LogInPage_BeyondTheLimit_ShowsTheFormAgainWithAMessage_KeepingTheEmailButNotThePassword()
    {
        var browser = factory.Browser("192.0.2.20");
        var email = Nobody();
        for (var i = 0; i < 3; i++)
        {
            var wrong = await browser.LogInAsync(email, "wrong password " + i);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("do not match an account", await wrong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        var refused = await browser.LogInAsync(email, "typed but never shown again");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        AssertRetryAfter(refused);
        var html = await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("<form", html, StringComparison.Ordinal);
        Assert.Matches("role=\"alert\"[^>]*>.*Too many log-in attempts. For the safety of your account, please wait 15 minutes and try again.", html.ReplaceLineEndings(" "));
        Assert.Equal(email, AccountPages.InputValue(html, "Input.Email"));
        Assert.Null(AccountPages.InputValue(html, "Input.Password"));
        Assert.DoesNotContain("typed but never shown again", html, StringComparison.Ordinal);
        // The page and the API share the limit.
        await AssertTooManyAsync(await ApiAsync("192.0.2.20", "/api/auth/login", new { email, password = Password }));
    }

    [Fact]
    public async Task LogIn_OneAccountFromManyAddresses_IsLimitedPerAccount()
    {
        var email = Nobody();
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await ApiAsync($"192.0.2.3{i}", "/api/auth/login", new { email, password = Password })).StatusCode);
        }

        // Capitals or spaces do not make it another account.
        await AssertTooManyAsync(await ApiAsync("192.0.2.36", "/api/auth/login", new { email = $" {email.ToUpperInvariant()}", password = Password }));
        var page = await factory.Browser("192.0.2.37").LogInAsync(email);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ApiAsync("192.0.2.36", "/api/auth/login", new { email = Nobody(), password = Password })).StatusCode);
    }

    [Fact]
    public async Task Registration_BeyondTheLimit_PageAndApi_AreRefused_AndCreateNobody()
    {
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await ApiAsync("192.0.2.40", "/api/auth/register", new { email = Nobody(), password = Password })).StatusCode);
        }

        var email = Nobody();
        var page = await factory.Browser("192.0.2.40").SendFormAsync("/account/register", new()
        {
            ["Input.DisplayName"] = "Rosa",
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
            ["Input.TimeZone"] = "Europe/Berlin",
        });
        var api = await ApiAsync("192.0.2.40", "/api/auth/register", new { email, password = Password });

        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        AssertRetryAfter(page);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Too many new accounts from your connection. Please wait an hour and try again.", html, StringComparison.Ordinal);
        Assert.Equal("Rosa", AccountPages.InputValue(html, "Input.DisplayName"));
        Assert.Equal(email, AccountPages.InputValue(html, "Input.Email"));
        Assert.Null(AccountPages.InputValue(html, "Input.Password"));
        Assert.Contains("<option selected=\"selected\" value=\"Europe/Berlin\">", html, StringComparison.Ordinal);
        await AssertTooManyAsync(api);
        Assert.False(factory.WithDb(db => db.Users.Any(u => u.Email == email)));
        Assert.Equal(HttpStatusCode.OK, (await ApiAsync("192.0.2.41", "/api/auth/register", new { email, password = Password })).StatusCode);
    }

    [Fact]
    public async Task ResetMails_ToOneAddressFromManyAddresses_AreLimitedPerAccount()
    {
        var email = await MemberAsync("192.0.2.59");

        var first = await factory.Browser("192.0.2.50").SendFormAsync("/account/forgot-password", new() { ["Email"] = email });
        var second = await ApiAsync("192.0.2.51", "/api/auth/forgotPassword", new { email });
        var third = await factory.Browser("192.0.2.52").SendFormAsync("/account/forgot-password", new() { ["Email"] = email });
        var api = await ApiAsync("192.0.2.53", "/api/auth/forgotPassword", new { email });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        var html = await third.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Too many password-reset requests. Please wait an hour and try again.", html, StringComparison.Ordinal);
        Assert.Equal(email, AccountPages.InputValue(html, "Email"));
        await AssertTooManyAsync(api);
        Assert.Equal(2, ResetMailsTo(email));
    }

    [Fact]
    public async Task ResetPasswordPage_BeyondTheLimitFromOneAddress_Is429()
    {
        var browser = factory.Browser("192.0.2.60");
        for (var i = 0; i < 3; i++)
        {
            var bogus = await browser.SendFormAsync("/account/reset-password?email=x%40example.test&code=bogus", new() { ["Email"] = "x@example.test", ["Code"] = "bogus", ["Password"] = Password });
            Assert.Equal(HttpStatusCode.OK, bogus.StatusCode);
            Assert.Contains("This link is not valid any more", await bogus.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        var refused = await browser.SendFormAsync("/account/reset-password?email=x%40example.test&code=bogus", new() { ["Email"] = "x@example.test", ["Code"] = "bogus", ["Password"] = Password });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Too many password-reset requests", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        await AssertTooManyAsync(await ApiAsync("192.0.2.60", "/api/auth/resetPassword", new { email = "x@example.test", resetCode = "bogus", newPassword = Password }));
    }

    private int ResetMailsTo(string email) =>
        Directory.GetFiles(factory.MailFolder, "*.eml").Select(f => MimeKit.MimeMessage.Load(f))
            .Count(m => m.Subject?.Contains("reset", StringComparison.OrdinalIgnoreCase) == true && m.To.Mailboxes.Any(a => a.Address == email));
}
