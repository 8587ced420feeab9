using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using GutSkin.Web.Features.Account;
using GutSkin.Web.Tests.Articles;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Account;

/// <summary>
/// Registration tells nobody whether an address has an account: a taken address gets the same answer as a new one,
/// its owner a mail instead of a second account; a new account signs in only through the link mailed to it.
/// </summary>
public sealed partial class RegistrationEnumerationTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    private const string StrangersPassword = "a stranger's password";

    private static string NewEmail() => $"new-{Guid.NewGuid():N}@example.test";

    /// <summary>A page as the browser shows it, without what differs on every request.</summary>
    private static async Task<string> ShownAsync(HttpClient browser, string path) =>
        Nonce().Replace(await browser.GetStringAsync(path), "");

    [GeneratedRegex("nonce=\"[^\"]*\"")]
    private static partial Regex Nonce();

    [Fact]
    public async Task RegisterPage_NewAndTakenAddress_GetTheSameAnswer_AndTheOwnerAMailInstead()
    {
        var owner = await factory.MemberAsync();
        var newcomer = factory.Browser();
        var stranger = factory.Browser();
        var fresh = NewEmail();

        var forNew = await newcomer.RegisterOnThePageAsync(fresh, StrangersPassword);
        var forTaken = await stranger.RegisterOnThePageAsync(owner.Email, StrangersPassword);

        Assert.Equal(HttpStatusCode.Redirect, forNew.StatusCode);
        Assert.Equal("/account/register?sent=True", forNew.Location());
        Assert.Equal(forNew.StatusCode, forTaken.StatusCode);
        Assert.Equal(forNew.Location(), forTaken.Location());
        var shown = await ShownAsync(newcomer, forNew.Location()!);
        Assert.Contains("Check your inbox.", shown, StringComparison.Ordinal);
        Assert.Equal(shown, await ShownAsync(stranger, forTaken.Location()!));

        // The owner hears of it, with a way to log in or choose a new password; nothing about the account changed.
        var notice = Assert.Single(Mailbox.To(factory.MailFolder, owner.Email), m => m.Subject!.StartsWith("Someone tried to create", StringComparison.Ordinal));
        Assert.Equal(["/account/login", "/account/forgot-password"], Mailbox.Links(notice).Select(l => l.AbsolutePath));
        var normalized = owner.Email.ToUpperInvariant();
        Assert.Equal(1, factory.WithDb(db => db.Users.Count(u => u.NormalizedEmail == normalized)));
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = owner.Email, password = Password }, cancellationToken: TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = owner.Email, password = StrangersPassword }, cancellationToken: TestContext.Current.CancellationToken)).StatusCode);
        // The new address got its confirmation link instead.
        Assert.Single(Mailbox.To(factory.MailFolder, fresh), m => Mailbox.Links(m).Any(l => l.AbsolutePath == "/account/confirm"));
    }

    [Fact]
    public async Task RegisterApi_NewAndTakenAddress_GetTheSameAnswer()
    {
        var owner = await factory.MemberAsync();
        var before = factory.WithDb(db => db.Users.Count());

        var forNew = await factory.CreateClient().PostAsJsonAsync("/api/auth/register", new { email = NewEmail(), password = StrangersPassword }, cancellationToken: TestContext.Current.CancellationToken);
        var forTaken = await factory.CreateClient().PostAsJsonAsync("/api/auth/register", new { email = owner.Email, password = StrangersPassword }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, forNew.StatusCode);
        Assert.Equal(forNew.StatusCode, forTaken.StatusCode);
        Assert.Equal(forNew.Content.Headers.ContentType, forTaken.Content.Headers.ContentType);
        Assert.Equal(await forNew.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), await forTaken.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(before + 1, factory.WithDb(db => db.Users.Count()));
        Assert.Single(Mailbox.To(factory.MailFolder, owner.Email), m => m.Subject!.StartsWith("Someone tried to create", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TakenAddress_WithAPasswordTooShort_IsRefusedForThePassword_AsANewOneIs()
    {
        var owner = await factory.MemberAsync();

        var forNew = await AssertProblemAsync(await factory.CreateClient().PostAsJsonAsync("/api/auth/register", new { email = NewEmail(), password = "short" }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.BadRequest);
        var forTaken = await AssertProblemAsync(await factory.CreateClient().PostAsJsonAsync("/api/auth/register", new { email = owner.Email, password = "short" }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.BadRequest);

        Assert.Equal(forNew.GetProperty("errors").ToString(), forTaken.GetProperty("errors").ToString());
        Assert.DoesNotContain(Mailbox.To(factory.MailFolder, owner.Email), m => m.Subject!.StartsWith("Someone tried to create", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConfirmationLink_AsksForOnePress_ThenSignsInOnToday_AndWorksOnce()
    {
        var email = NewEmail();
        var newcomer = factory.Browser();
        await newcomer.RegisterOnThePageAsync(email);
        Assert.False(await newcomer.IsSignedInAsync());
        var link = Mailbox.Link(factory.MailFolder, email, "/account/confirm");

        // Fetching the link (as a mail scanner does) signs nobody in.
        var opened = await factory.Browser().GetAsync(link, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Contains("Confirm and sign in", await opened.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.False(factory.WithDb(db => db.Users.Single(u => u.Email == email).EmailConfirmed));

        var confirmed = await newcomer.ConfirmAsync(factory, email);

        Assert.Equal("/today", confirmed.Location());
        Assert.True(await newcomer.IsSignedInAsync());
        Assert.Contains(ConfirmEmailModel.WelcomeWithoutPlan, WebUtility.HtmlDecode(await newcomer.GetStringAsync("/today", TestContext.Current.CancellationToken)), StringComparison.Ordinal);
        var again = factory.Browser();
        var replayed = await again.SendFormAsync(link, []);
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        Assert.Contains("This link does not work any more", await replayed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.False(await again.IsSignedInAsync());
    }

    [Fact]
    public async Task AnUnconfirmedAccount_AnswersItsOwnPasswordLikeAWrongOne_SoRegisteringRevealsNothing()
    {
        // Someone registers an address that had no account, then tries the password they chose.
        var email = NewEmail();
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().PostAsJsonAsync("/api/auth/register", new { email, password = StrangersPassword }, cancellationToken: TestContext.Current.CancellationToken)).StatusCode);

        var api = await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password = StrangersPassword }, cancellationToken: TestContext.Current.CancellationToken);
        var apiUnknown = await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = NewEmail(), password = StrangersPassword }, cancellationToken: TestContext.Current.CancellationToken);
        var page = await factory.Browser().LogInAsync(email, StrangersPassword);
        var pageUnknown = await factory.Browser().LogInAsync(NewEmail(), StrangersPassword);

        Assert.Equal("Failed", (await AssertProblemAsync(api, HttpStatusCode.Unauthorized)).GetProperty("detail").GetString());
        Assert.Equal("Failed", (await AssertProblemAsync(apiUnknown, HttpStatusCode.Unauthorized)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var message = Regex.Match(await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), "role=\"alert\"[^>]*>(.*?)</div>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains(WebUtility.HtmlEncode(LoginModel.FailedMessage), message, StringComparison.Ordinal);
        Assert.Equal(message, Regex.Match(await pageUnknown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), "role=\"alert\"[^>]*>(.*?)</div>", RegexOptions.Singleline).Groups[1].Value);
    }

    [Fact]
    public async Task AnAddressSquattedBeforeItsOwnerCame_IsTakenBackWithAPasswordReset()
    {
        var email = NewEmail();
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().PostAsJsonAsync("/api/auth/register", new { email, password = StrangersPassword }, cancellationToken: TestContext.Current.CancellationToken)).StatusCode);

        // The owner registers too: the mail tells them the address has an account, and the reset makes it theirs.
        await factory.Browser().RegisterOnThePageAsync(email, "the owner's own password");
        Assert.Single(Mailbox.To(factory.MailFolder, email), m => m.Subject!.StartsWith("Someone tried to create", StringComparison.Ordinal));
        var owner = factory.Browser();
        Assert.Equal(HttpStatusCode.OK, (await owner.SendFormAsync("/account/forgot-password", new() { ["Email"] = email })).StatusCode);
        var reset = await owner.SendFormAsync(Mailbox.Link(factory.MailFolder, email, "/account/reset-password"), new() { ["Password"] = "the owner's own password" });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password = "the owner's own password" }, cancellationToken: TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password = StrangersPassword }, cancellationToken: TestContext.Current.CancellationToken)).StatusCode);
    }
}
