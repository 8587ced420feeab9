using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using GutSkin.Web.Tests.Articles;
using MimeKit;
using static GutSkin.Web.Tests.Account.SessionTestSupport;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Account;

/// <summary>
/// A stolen session cannot move the account to another mailbox (issue 11, finding 3): a new e-mail address needs the
/// current password or a recent authentication, and once it takes effect the old address gets a notice with a signed
/// link that, for 7 days, puts the old address back and signs out every session.
/// </summary>
public sealed partial class EmailChangeTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    private static string NewAddress() => $"thief-{Guid.NewGuid():N}@example.test";

    private string? EmailOf(string userId) => factory.WithDb(db => db.Users.Single(u => u.Id == userId).Email);

    private (string? Email, string? UserName, string? Stamp) Account(string userId) =>
        factory.WithDb(db => db.Users.Where(u => u.Id == userId).Select(u => new { u.Email, u.UserName, u.SecurityStamp }).AsEnumerable().Select(u => (u.Email, u.UserName, u.SecurityStamp)).Single());

    /// <summary>The confirmation link Identity mailed to <paramref name="newEmail"/>, made relative (the test server answers any origin).</summary>
    private string ConfirmationLink(string newEmail)
    {
        var mail = Assert.Single(factory.MailsTo(newEmail));
        // Identity hands the mailer an HTML-encoded link.
        return new Uri(WebUtility.HtmlDecode(Regex.Match(mail.TextBody ?? "", @"http\S+/api/auth/confirmEmail\S+").Value)).PathAndQuery;
    }

    private static string UndoLink(MimeMessage notice) => new Uri(UndoLinkPattern().Match(notice.TextBody ?? "").Value).PathAndQuery;

    [Fact]
    public async Task StolenSession_NewEmailWithoutThePassword_IsRefused_AndNothingChanges()
    {
        var member = await factory.MemberAsync();
        var cookie = await factory.LoginCookieAsync(member.Email);
        factory.Time.Advance(LaterThanRecent);
        var before = Account(member.Id);
        var thief = NewAddress();

        await AssertReauthenticationRequiredAsync(await member.Client.PostAsJsonAsync("/api/auth/manage/info", new { newEmail = thief }, cancellationToken: TestContext.Current.CancellationToken));
        using var browser = factory.CookieReplayer(cookie);
        await AssertReauthenticationRequiredAsync(await browser.PostAsJsonAsync("/api/auth/manage/info", new { newEmail = thief }, cancellationToken: TestContext.Current.CancellationToken));
        await AssertProblemAsync(await member.Client.PostAsJsonAsync("/api/auth/manage/info", new { newEmail = thief, oldPassword = "a guessed password" }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "oldPassword");

        Assert.Equal(before, Account(member.Id));
        Assert.Empty(factory.MailsTo(thief));
        Assert.True(await member.Client.IsSignedInAsync());
    }

    [Fact]
    public async Task NewEmailWithThePassword_TakesEffectFromTheNewMailbox_TheOldAddressIsTold_AndTheUndoLinkPutsItBackAndSignsOutEveryone()
    {
        var member = await factory.MemberAsync();
        var cookie = await factory.LoginCookieAsync(member.Email);
        factory.Time.Advance(LaterThanRecent);
        var thief = NewAddress();

        var asked = await member.Client.PostAsJsonAsync("/api/auth/manage/info", new { newEmail = thief, oldPassword = Password }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Equal(member.Email, EmailOf(member.Id));
        var confirmed = await factory.CreateClient().GetAsync(ConfirmationLink(thief), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(thief, EmailOf(member.Id));
        // The thief now holds the account: a fresh session with the new address.
        var thiefTokens = await factory.BearerLogInAsync(thief);

        var notice = Assert.Single(factory.MailsTo(member.Email), m => m.Subject == "The e-mail address of your GutSkin account was changed");
        Assert.Contains(thief, notice.TextBody, StringComparison.Ordinal);
        var undo = UndoLink(notice);
        var owner = factory.Browser();
        var asks = await owner.GetStringAsync(undo, TestContext.Current.CancellationToken);
        Assert.Equal(thief, EmailOf(member.Id));
        Assert.Contains("Undo the change and sign out everyone", asks, StringComparison.Ordinal);
        var undone = await owner.SendFormAsync(undo, []);

        Assert.Equal(HttpStatusCode.OK, undone.StatusCode);
        Assert.Equal((member.Email, member.Email), (Account(member.Id).Email, Account(member.Id).UserName));
        using var thiefClient = factory.BearerClient(thiefTokens);
        Assert.False(await thiefClient.IsSignedInAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.RefreshAsync(thiefTokens.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.ReplayAsync(cookie)).Api);
        Assert.Equal(0, factory.WithDb(db => db.AccountSessions.Count(s => s.UserId == member.Id && s.RevokedAt == null)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = thief, password = Password }, cancellationToken: TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = member.Email, password = Password }, cancellationToken: TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task AfterARecentAuthentication_NewEmailNeedsNoPassword()
    {
        var member = await factory.MemberAsync();
        var thief = NewAddress();

        Assert.Equal(HttpStatusCode.OK, (await member.Client.PostAsJsonAsync("/api/auth/manage/info", new { newEmail = thief }, cancellationToken: TestContext.Current.CancellationToken)).StatusCode);

        Assert.Single(factory.MailsTo(thief));
        Assert.Equal(member.Email, EmailOf(member.Id));
    }

    [Fact]
    public async Task UndoLink_ExpiredAfterSevenDays_OrTampered_DoesNothing()
    {
        var member = await factory.MemberAsync();
        var thief = NewAddress();
        Assert.Equal(HttpStatusCode.OK, (await member.Client.PostAsJsonAsync("/api/auth/manage/info", new { newEmail = thief, oldPassword = Password }, cancellationToken: TestContext.Current.CancellationToken)).StatusCode);
        await factory.CreateClient().GetAsync(ConfirmationLink(thief), TestContext.Current.CancellationToken);
        var undo = UndoLink(Assert.Single(factory.MailsTo(member.Email), m => m.Subject == "The e-mail address of your GutSkin account was changed"));
        var thiefTokens = await factory.BearerLogInAsync(thief);
        var before = Account(member.Id);
        var browser = factory.Browser();

        // Tampered: one character of the token changed.
        var token = undo[(undo.IndexOf("token=", StringComparison.Ordinal) + 6)..];
        var tampered = undo.Replace(token, token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..], StringComparison.Ordinal);
        Assert.Contains("not valid or has expired", await browser.GetStringAsync(tampered, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("not valid or has expired", await (await browser.SendFormAsync("/account/forgot-password", [], tampered)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        // Expired: eight days later.
        factory.Time.Advance(TimeSpan.FromDays(8));
        thiefTokens = await factory.BearerLogInAsync(thief);
        Assert.Contains("not valid or has expired", await browser.GetStringAsync(undo, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("not valid or has expired", await (await browser.SendFormAsync("/account/forgot-password", [], undo)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        Assert.Equal(before, Account(member.Id));
        using var thiefClient = factory.BearerClient(thiefTokens);
        Assert.True(await thiefClient.IsSignedInAsync());
    }

    [Fact]
    public async Task EmailPage_NeedsTheCurrentPassword_ThenMailsTheNewAddress()
    {
        var member = await factory.MemberAsync();
        var browser = await factory.SignedInBrowserAsync(member.Email);
        var newEmail = NewAddress();
        Assert.Contains("href=\"/account/email\"", await browser.GetStringAsync("/account/profile", TestContext.Current.CancellationToken), StringComparison.Ordinal);

        var wrong = await browser.SendFormAsync("/account/email", new() { ["NewEmail"] = newEmail, ["CurrentPassword"] = "not my password" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("That is not your current password.", await wrong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Empty(factory.MailsTo(newEmail));

        var sent = await browser.SendFormAsync("/account/email", new() { ["NewEmail"] = newEmail, ["CurrentPassword"] = Password });

        Assert.Equal("/account/email?sent=True", sent.Location());
        Assert.Equal(member.Email, EmailOf(member.Id));
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync(ConfirmationLink(newEmail), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(newEmail, EmailOf(member.Id));
        Assert.Single(factory.MailsTo(member.Email), m => m.Subject == "The e-mail address of your GutSkin account was changed");
    }

    [GeneratedRegex(@"http\S+/account/email/undo\?token=\S+")]
    private static partial Regex UndoLinkPattern();
}
