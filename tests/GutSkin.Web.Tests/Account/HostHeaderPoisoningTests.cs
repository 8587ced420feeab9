using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using GutSkin.Web.Tests.Articles;
using Microsoft.AspNetCore.Hosting;
using MimeKit;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Account;

/// <summary>The app as deployed: its public address is https://gutskin.example, and host filtering is left to its default.</summary>
public class PublicSiteFactory : GutSkinFactory
{
    public const string Site = "https://gutskin.example";
    public const string Attacker = "http://evil.example";

    /// <summary>The site's own host, as the test clients reach it (TLS ends at the proxy in production).</summary>
    public const string Own = "http://gutskin.example";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Site:BaseUrl", Site);
    }

    /// <summary>Clients address the site by its public host, the only one host filtering lets through.</summary>
    public PublicSiteFactory() => ClientOptions.BaseAddress = new Uri(Own);

    /// <summary>A cookie-keeping client whose requests carry <paramref name="origin"/>'s host in their Host header.</summary>
    public HttpClient ClientFor(string origin)
    {
        var client = this.Browser();
        client.BaseAddress = new Uri(origin);
        return client;
    }

    /// <summary>A member whose address is confirmed (Identity mails a reset code only to a confirmed address).</summary>
    public async Task<TestMember> ConfirmedMemberAsync()
    {
        var member = await this.MemberAsync();
        WithDb(db =>
        {
            db.Users.Single(u => u.Id == member.Id).EmailConfirmed = true;
            return db.SaveChanges();
        });
        return member;
    }

    /// <summary>Every mail in the pickup folder to <paramref name="email"/>.</summary>
    public List<MimeMessage> MailTo(string email) =>
        Directory.Exists(MailFolder)
            ? [.. Directory.GetFiles(MailFolder, "*.eml").Select(f => MimeMessage.Load(f)).Where(m => m.To.Mailboxes.Any(a => a.Address == email))]
            : [];
}

/// <summary>The same, with host filtering opened by hand (AllowedHosts=*): the links must still not follow the Host header.</summary>
public sealed class AnyHostFactory : PublicSiteFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("AllowedHosts", "*");
    }
}

/// <summary>
/// Finding 1 of issue 11, replayed: a reset or confirmation requested with <c>Host: evil.example</c> mailed a link to
/// evil.example carrying the code, and a mail scanner that pre-fetched it handed the code to the attacker.
/// </summary>
public sealed partial class HostHeaderPoisoningTests(PublicSiteFactory factory) : IClassFixture<PublicSiteFactory>
{
    [Theory]
    [InlineData("/account/forgot-password")]
    [InlineData("/api/auth/forgotPassword")]
    [InlineData("/api/auth/register")]
    [InlineData("/api/auth/resendConfirmationEmail")]
    public async Task RequestForAnotherHost_Is400_AndSendsNoMail(string path)
    {
        var member = await factory.SharedAsync("confirmed member", factory.ConfirmedMemberAsync);
        var before = factory.MailTo(member.Email).Count;
        var attacker = factory.ClientFor(PublicSiteFactory.Attacker);

        var response = path.StartsWith("/api/", StringComparison.Ordinal)
            ? await attacker.PostAsJsonAsync(path, new { email = member.Email, password = Password }, cancellationToken: TestContext.Current.CancellationToken)
            : await attacker.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = member.Email }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, factory.MailTo(member.Email).Count);
        // Not even the form to start from.
        Assert.Equal(HttpStatusCode.BadRequest, (await attacker.GetAsync("/account/forgot-password", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task TheSitesOwnHost_IsServed_AndItsResetLinkIsOnTheSiteOrigin()
    {
        var member = await factory.SharedMemberAsync();
        var browser = factory.ClientFor(PublicSiteFactory.Own);

        var sent = await browser.SendFormAsync("/account/forgot-password", new() { ["Email"] = member.Email });

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var link = Assert.Single(Links(Assert.Single(factory.MailTo(member.Email), m => m.Subject?.Contains("Reset", StringComparison.Ordinal) == true)));
        Assert.StartsWith($"{PublicSiteFactory.Site}/account/reset-password?", link, StringComparison.Ordinal);
    }

    /// <summary>Every http(s) URL in a mail's text and HTML parts.</summary>
    internal static List<string> Links(MimeMessage mail) =>
        [.. Url().Matches((mail.TextBody ?? "") + " " + (mail.HtmlBody ?? "")).Select(m => WebUtility.HtmlDecode(m.Value)).Distinct()];

    [GeneratedRegex("https?://[^\\s\"<>]+")]
    private static partial Regex Url();
}

/// <summary>With the Host header let through, every mailed link is still built on Site:BaseUrl, and it works there.</summary>
public sealed class HostHeaderLinkTests(AnyHostFactory factory) : IClassFixture<AnyHostFactory>
{
    [Fact]
    public async Task ForgotPasswordPage_WithAForgedHost_MailsAResetLinkOnTheSiteOrigin_ThatResetsThePassword()
    {
        var member = await factory.MemberAsync();
        var attacker = factory.ClientFor(PublicSiteFactory.Attacker);

        var sent = await attacker.SendFormAsync("/account/forgot-password", new() { ["Email"] = member.Email });

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var mail = Assert.Single(factory.MailTo(member.Email), m => m.Subject?.Contains("Reset", StringComparison.Ordinal) == true);
        var link = AssertOnlySiteLinks(mail);
        Assert.StartsWith($"{PublicSiteFactory.Site}/account/reset-password?", link, StringComparison.Ordinal);

        // The link, opened on the site, resets the password.
        var reset = await factory.ClientFor(PublicSiteFactory.Own).SendFormAsync(new Uri(link).PathAndQuery, new() { ["Password"] = "a brand new password" });
        Assert.True(reset.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{(int)reset.StatusCode}");
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = member.Email, password = "a brand new password" }, cancellationToken: TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task ApiForgotPassword_WithAForgedHost_MailsNothingThatNamesIt()
    {
        var member = await factory.ConfirmedMemberAsync();

        var response = await factory.ClientFor(PublicSiteFactory.Attacker).PostAsJsonAsync("/api/auth/forgotPassword", new { email = member.Email }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertOnlySiteLinks(Assert.Single(factory.MailTo(member.Email), m => m.Subject?.Contains("reset", StringComparison.OrdinalIgnoreCase) == true), linkExpected: false);
    }

    [Fact]
    public async Task Register_WithAForgedHost_MailsAConfirmationLinkOnTheSiteOrigin_ThatConfirms()
    {
        var email = $"poison-{Guid.NewGuid():N}@example.test";

        var register = await factory.ClientFor(PublicSiteFactory.Attacker).PostAsJsonAsync("/api/auth/register", new { email, password = Password }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, register.StatusCode);
        var link = AssertOnlySiteLinks(Assert.Single(factory.MailTo(email)));
        Assert.StartsWith($"{PublicSiteFactory.Site}/api/auth/confirmEmail?", link, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync(new Uri(link).PathAndQuery, TestContext.Current.CancellationToken)).StatusCode);
        Assert.True(factory.WithDb(db => db.Users.Single(u => u.Email == email).EmailConfirmed));
    }

    [Fact]
    public async Task ResendConfirmation_WithAForgedHost_MailsALinkOnTheSiteOrigin()
    {
        var member = await factory.MemberAsync();
        var before = factory.MailTo(member.Email).Count;

        var resend = await factory.ClientFor(PublicSiteFactory.Attacker).PostAsJsonAsync("/api/auth/resendConfirmationEmail", new { email = member.Email }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, resend.StatusCode);
        var mails = factory.MailTo(member.Email);
        Assert.Equal(before + 1, mails.Count);
        Assert.All(mails, mail => AssertOnlySiteLinks(mail));
    }

    /// <summary>No mention of the attacker's host, and every link on the site's origin; answers the one link.</summary>
    private static string AssertOnlySiteLinks(MimeMessage mail, bool linkExpected = true)
    {
        // Decoded, so base64 or quoted-printable could not hide it.
        var whole = $"{mail.Headers}\n{mail.TextBody}\n{mail.HtmlBody}";
        Assert.DoesNotContain("evil.example", whole, StringComparison.OrdinalIgnoreCase);
        var links = HostHeaderPoisoningTests.Links(mail);
        Assert.All(links, l => Assert.StartsWith(PublicSiteFactory.Site + "/", l, StringComparison.Ordinal));
        if (!linkExpected)
        {
            Assert.Empty(links);
            return "";
        }

        return Assert.Single(links);
    }
}
