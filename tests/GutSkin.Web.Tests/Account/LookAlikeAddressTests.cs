using System.Net;
using System.Net.Http.Json;
using GutSkin.Web.Features.Account;
using GutSkin.Web.Infrastructure;
using GutSkin.Web.Tests.Articles;
using GutSkin.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Account;

/// <summary>The default three reset mails per address an hour, and the client address from X-Test-Ip.</summary>
public sealed class ResetLimitFactory : EdgeFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Accounts:RateLimits:PasswordReset:PerAccount"] = "3",
    };
}

/// <summary>
/// Look-alike spellings of an address (the Kelvin sign K, the long s ſ, full-width letters, capitals) are one address:
/// they find its account, share its limits and cannot make a second one, and no mail ever goes to the spelling typed.
/// </summary>
public sealed class LookAlikeAddressTests(ResetLimitFactory factory) : IClassFixture<ResetLimitFactory>
{
    /// <summary>A member at kiss…@outlook.com, confirmed, and the spellings that look like it.</summary>
    private async Task<(string Stored, string[] LookAlikes)> KissAsync()
    {
        var local = $"kiss{Guid.NewGuid():N}"[..16];
        var stored = $"{local}@outlook.com";
        await factory.RegisterAsync(stored);
        string[] lookAlikes =
        [
            $"\u212A{local[1..]}@outlook.com",
            $"ki\u017Fs{local[4..]}@outlook.com",
            $"{local.ToUpperInvariant()}@OUTLOOK.COM",
            $"\uFF4B{local[1..]}@outlook.com",
        ];
        return (stored, lookAlikes);
    }

    private Task<HttpResponseMessage> ForgotOnThePageAsync(string email, string ip) =>
        factory.Browser(ip).SendFormAsync("/account/forgot-password", new() { ["Email"] = email });

    private async Task<HttpResponseMessage> ForgotThroughTheApiAsync(string email, string ip)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/forgotPassword") { Content = JsonContent.Create(new { email }) };
        request.Headers.Add(ArticlesFactory.IpHeader, ip);
        return await factory.CreateClient().SendAsync(request);
    }

    [Theory]
    [InlineData("\u212Aiss@outlook.com")]
    [InlineData("ki\u017Fs@outlook.com")]
    [InlineData("KISS@Outlook.com")]
    [InlineData("\uFF4B\uFF49\uFF53\uFF53@outlook.com")]
    [InlineData(" kiss@outlook.com ")]
    public void LookAlikes_NormalizeToTheAddressTheyImitate(string lookAlike)
    {
        var normalizer = new AddressNormalizer();

        Assert.Equal(normalizer.NormalizeEmail("kiss@outlook.com"), normalizer.NormalizeEmail(lookAlike));
        Assert.NotEqual(normalizer.NormalizeEmail("kiss@outlook.com"), normalizer.NormalizeEmail("kis@outlook.com"));
    }

    [Fact]
    public async Task ResetForALookAlike_IsMailedToTheStoredAddress_NeverToTheOneTyped()
    {
        var (stored, lookAlikes) = await KissAsync();

        Assert.Equal(HttpStatusCode.OK, (await ForgotOnThePageAsync(lookAlikes[0], "198.51.100.1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ForgotThroughTheApiAsync(lookAlikes[0], "198.51.100.2")).StatusCode);
        using (var resend = new HttpRequestMessage(HttpMethod.Post, "/api/auth/resendConfirmationEmail") { Content = JsonContent.Create(new { email = lookAlikes[1] }) })
        {
            resend.Headers.Add(ArticlesFactory.IpHeader, "198.51.100.3");
            Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().SendAsync(resend, TestContext.Current.CancellationToken)).StatusCode);
        }

        var mails = Mailbox.All(factory.MailFolder);
        Assert.DoesNotContain(mails, m => m.To.Mailboxes.Any(a => lookAlikes.Contains(a.Address, StringComparer.Ordinal)));
        var toOwner = Mailbox.To(factory.MailFolder, stored);
        Assert.Contains(toOwner, m => m.Subject == "Reset your GutSkin password");
        Assert.Contains(toOwner, m => m.Subject == "Your GutSkin password reset code");
        Assert.Equal(2, toOwner.Count(m => m.Subject == "Confirm your GutSkin account"));
        // The page's link names the stored address, and it resets the real account.
        var link = Mailbox.Link(factory.MailFolder, stored, "/account/reset-password");
        Assert.Contains($"email={Uri.EscapeDataString(stored)}", link, StringComparison.Ordinal);
        var browser = factory.Browser("198.51.100.4");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SendFormAsync(link, new() { ["Password"] = "the owner's new password" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = stored, password = "the owner's new password" }, cancellationToken: TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task FourResetRequestsInAMinute_SpreadOverLookAlikes_HitTheLimitOfThreePerAccount()
    {
        var (stored, lookAlikes) = await KissAsync();

        var first = await ForgotOnThePageAsync(lookAlikes[0], "198.51.100.11");
        var second = await ForgotThroughTheApiAsync(lookAlikes[1], "198.51.100.12");
        factory.Time.Advance(TimeSpan.FromSeconds(20));
        var third = await ForgotOnThePageAsync(lookAlikes[2], "198.51.100.13");
        var fourth = await ForgotThroughTheApiAsync(lookAlikes[3], "198.51.100.14");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], [first.StatusCode, second.StatusCode, third.StatusCode]);
        await AssertProblemAsync(fourth, HttpStatusCode.TooManyRequests);
        Assert.Equal(3, Mailbox.To(factory.MailFolder, stored).Count(m => m.Subject!.Contains("reset", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task RegisteringALookAlike_CreatesNoSecondAccount_AndAnswersAsForAnyAddress()
    {
        var (stored, lookAlikes) = await KissAsync();
        var before = factory.WithDb(db => db.Users.Count());
        var nobody = $"nobody{Guid.NewGuid():N}"[..18];

        // Capitals: a taken address, answered like a new one; the owner hears of it at the stored address.
        var capitals = await factory.CreateClient().PostAsJsonAsync("/api/auth/register", new { email = lookAlikes[2], password = Password }, cancellationToken: TestContext.Current.CancellationToken);
        var newAddress = await factory.CreateClient().PostAsJsonAsync("/api/auth/register", new { email = $"{nobody}@outlook.com", password = Password }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, capitals.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newAddress.StatusCode);
        Assert.Equal(await newAddress.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), await capitals.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Single(Mailbox.To(factory.MailFolder, stored), m => m.Subject!.StartsWith("Someone tried to create", StringComparison.Ordinal));
        // Look-alike characters: refused as an address, exactly as for a look-alike of an address nobody has.
        foreach (var lookAlike in new[] { lookAlikes[0], lookAlikes[1], lookAlikes[3] })
        {
            var taken = await AssertProblemAsync(await factory.CreateClient().PostAsJsonAsync("/api/auth/register", new { email = lookAlike, password = Password }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.BadRequest);
            var free = await AssertProblemAsync(await factory.CreateClient().PostAsJsonAsync("/api/auth/register", new { email = lookAlike.Replace("@outlook.com", "@elsewhere.test", StringComparison.Ordinal), password = Password }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.BadRequest);
            Assert.Equal(free.GetProperty("errors").EnumerateObject().Select(e => e.Name), taken.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }

        Assert.Equal(before + 1, factory.WithDb(db => db.Users.Count()));
        Assert.Single(factory.WithDb(db => db.Users.Where(u => u.NormalizedEmail == AddressNormalizer.Fold(stored)).ToList()));
        Assert.DoesNotContain(Mailbox.All(factory.MailFolder), m => m.To.Mailboxes.Any(a => lookAlikes.Contains(a.Address, StringComparer.Ordinal)));
    }

    [Fact]
    public async Task AddressesStoredByAnEarlierNormalizer_AreRenormalizedAtStart_KeepingTheOlderAccountsForm()
    {
        var local = $"kelvin{Guid.NewGuid():N}"[..18];
        var lookAlike = $"\u212A{local[1..]}@example.test";
        var older = $"zeta{Guid.NewGuid():N}"[..16] + "@example.test";
        var newerLookAlike = older.Replace("zeta", "\uFF5Aeta", StringComparison.Ordinal);
        factory.WithDb(db =>
        {
            // Rows as Identity's upper-casing normalizer left them.
            db.Users.Add(Row(older, factory.Time.GetUtcNow().AddDays(-2)));
            db.Users.Add(Row(lookAlike, factory.Time.GetUtcNow().AddDays(-1)));
            db.Users.Add(Row(newerLookAlike, factory.Time.GetUtcNow()));
            return db.SaveChanges();
        });

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await Commands.PrepareDatabaseAsync(scope.ServiceProvider, TestContext.Current.CancellationToken);
        }

        Assert.Equal(AddressNormalizer.Fold(lookAlike), factory.WithDb(db => db.Users.Single(u => u.Email == lookAlike).NormalizedEmail));
        Assert.Equal($"K{local[1..]}@EXAMPLE.TEST".ToUpperInvariant(), AddressNormalizer.Fold(lookAlike));
        // Two accounts that now fold alike: the older keeps the form, the newer keeps its old one.
        Assert.Equal(older.ToUpperInvariant(), factory.WithDb(db => db.Users.Single(u => u.Email == older).NormalizedEmail));
        Assert.Equal(newerLookAlike.ToUpperInvariant(), factory.WithDb(db => db.Users.Single(u => u.Email == newerLookAlike).NormalizedEmail));
        using var check = factory.Services.CreateScope();
        var users = check.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.Equal(lookAlike, (await users.FindByEmailAsync($"k{local[1..]}@example.test"))?.Email);
    }

    private static AppUser Row(string email, DateTimeOffset createdAt) => new()
    {
        UserName = email,
        Email = email,
        NormalizedUserName = email.ToUpperInvariant(),
        NormalizedEmail = email.ToUpperInvariant(),
        EmailConfirmed = true,
        SecurityStamp = Guid.NewGuid().ToString(),
        CreatedAt = createdAt.UtcDateTime,
    };
}
