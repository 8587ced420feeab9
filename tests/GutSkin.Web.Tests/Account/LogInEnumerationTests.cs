using System.Net;
using System.Net.Http.Json;
using GutSkin.Web.Features.Account;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using GutSkin.Web.Tests.Articles;
using GutSkin.Web.Tests.Infrastructure;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Account;

/// <summary>The default log-in limits (20 per client address, 10 per account, 15 minutes), with the client address from X-Test-Ip.</summary>
public sealed class LogInLimitsFactory : EdgeFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Accounts:RateLimits:LogIn:PerIp"] = "20",
        ["Accounts:RateLimits:LogIn:PerAccount"] = "10",
    };
}

/// <summary>
/// Log-in reveals nothing about who has an account and lets no stranger keep an owner out: an unknown address costs the
/// same hashing and gets the same answer as a wrong password; there is no lock-out, and the per-account limit that
/// replaces it does not apply to a device the owner has signed in with before.
/// </summary>
public sealed class LogInEnumerationTests(LogInLimitsFactory factory) : IClassFixture<LogInLimitsFactory>
{
    private async Task<HttpResponseMessage> ApiLogInAsync(string ip, string email, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { email, password }) };
        request.Headers.Add(ArticlesFactory.IpHeader, ip);
        return await factory.CreateClient().SendAsync(request);
    }

    /// <summary>A problem document without its trace id, which differs on every request.</summary>
    private static async Task<string> ProblemAsync(HttpResponseMessage response)
    {
        var problem = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        problem.Remove("traceId");
        return $"{(int)response.StatusCode} {problem.ToJsonString()}";
    }

    private static void From(HttpClient browser, string ip)
    {
        browser.DefaultRequestHeaders.Remove(ArticlesFactory.IpHeader);
        browser.DefaultRequestHeaders.Add(ArticlesFactory.IpHeader, ip);
    }

    [Fact]
    public async Task UnknownAddress_WrongPassword_AndManyFailures_AllGetTheSameAnswer()
    {
        var member = await factory.MemberAsync();
        var unknown = $"nobody-{Guid.NewGuid():N}@example.test";

        // Eight failures each (below the per-account limit): no lock-out message for a real account, nothing that differs.
        for (var i = 0; i < 8; i++)
        {
            var forUnknown = await ApiLogInAsync($"10.2.0.{i}", unknown, "wrong password!");
            var forWrong = await ApiLogInAsync($"10.2.1.{i}", member.Email, "wrong password!");
            Assert.Equal(await ProblemAsync(forUnknown), await ProblemAsync(forWrong));
            Assert.Equal("Failed", (await AssertProblemAsync(forWrong, HttpStatusCode.Unauthorized)).GetProperty("detail").GetString());
        }

        var pageUnknown = await factory.Browser("10.2.2.1").LogInAsync(unknown, "wrong password!");
        var pageWrong = await factory.Browser("10.2.2.2").LogInAsync(member.Email, "wrong password!");
        Assert.Equal(HttpStatusCode.OK, pageWrong.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(LoginModel.FailedMessage), await pageWrong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(LoginModel.FailedMessage), await pageUnknown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.DoesNotContain("locked", await pageWrong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.OrdinalIgnoreCase);
        // Then the per-account limit, which answers alike for both.
        var limited = new Dictionary<string, string>();
        for (var i = 0; i < 5; i++)
        {
            foreach (var email in new[] { unknown, member.Email })
            {
                var response = await ApiLogInAsync($"10.2.{3 + i}.{(email == unknown ? 1 : 2)}", email, "wrong password!");
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    limited.TryAdd(email, await ProblemAsync(response));
                }
            }
        }

        Assert.Equal(2, limited.Count);
        Assert.Equal(limited[unknown], limited[member.Email]);
    }

    [Fact]
    public async Task FiftyWrongPasswordsFromAStranger_DoNotKeepTheOwnerOut_OnADeviceTheyHaveUsed()
    {
        var owner = await factory.MemberAsync();
        var ownersPhone = factory.Browser("198.51.100.70");
        Assert.Equal("/", (await ownersPhone.LogInAsync(owner.Email)).Location());
        await ownersPhone.SendFormAsync("/today", [], "/account/logout");
        Assert.False(await ownersPhone.IsSignedInAsync());
        // The stranger has an account of their own, and a device that signed in to it.
        var strangersAccount = await factory.MemberAsync();
        var stranger = factory.Browser("203.0.113.66");
        Assert.Equal("/", (await stranger.LogInAsync(strangersAccount.Email)).Location());

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 50; i++)
        {
            answers.Add((await stranger.LogInAsync(owner.Email, $"guess number {i}")).StatusCode);
        }

        // The form again (a failure) until the limits, then 429s; never a sign-in.
        Assert.All(answers, a => Assert.True(a is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, $"{a}"));
        Assert.All(answers.Skip(10), a => Assert.Equal(HttpStatusCode.TooManyRequests, a));
        // The owner, on their phone and at another address, gets in at once with the right password.
        From(ownersPhone, "198.51.100.71");
        var signedIn = await ownersPhone.LogInAsync(owner.Email);
        Assert.Equal("/", signedIn.Location());
        Assert.True(await ownersPhone.IsSignedInAsync());
        // A device that never signed in to the account waits out the window, right password or not.
        var newDevice = await factory.Browser("198.51.100.72").LogInAsync(owner.Email);
        Assert.Equal(HttpStatusCode.TooManyRequests, newDevice.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await ApiLogInAsync("198.51.100.73", owner.Email, Password)).StatusCode);
        Assert.Null(factory.WithDb(db => db.Users.Single(u => u.Id == owner.Id).LockoutEnd));
    }

    [Fact]
    public async Task ForgedKnownDeviceCookie_CountsAsAnUnknownDevice()
    {
        var owner = await factory.MemberAsync();
        for (var i = 0; i < 10; i++)
        {
            await ApiLogInAsync($"10.4.0.{i}", owner.Email, "wrong password!");
        }

        foreach (var value in new[] { $"CfDJ8{new string('A', 120)}", "%%%not-base64%%%" })
        {
            using var forged = factory.CreateClient();
            forged.DefaultRequestHeaders.Add("Cookie", $"{KnownDevices.CookieName}={value}");
            forged.DefaultRequestHeaders.Add(ArticlesFactory.IpHeader, "10.4.1.1");

            var response = await forged.PostAsJsonAsync("/api/auth/login", new { email = owner.Email, password = Password }, cancellationToken: TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        }
    }
}

/// <summary>
/// The app with the real password hashing (the app's parameters, not the suites' one round) and a hasher that notes each
/// check it makes, with the parameters of the hash it checked against.
/// </summary>
public sealed class CountedHashingFactory() : GutSkinFactory(new GutSkinFactoryOptions { FastPasswordHashing = false })
{
    public List<string> Checks { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<IPasswordHasher<AppUser>>();
            services.AddScoped<IPasswordHasher<AppUser>>(provider =>
                new CountingHasher(Checks, provider.GetRequiredService<IOptions<PasswordHasherOptions>>()));
        });
    }

    private sealed class CountingHasher(List<string> checks, IOptions<PasswordHasherOptions> options) : PasswordHasher<AppUser>(options)
    {
        public override PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            // Identity's format 3: a marker byte, then the PRF, the iteration count and the salt length (13 bytes): the cost of the check.
            lock (checks)
            {
                checks.Add(Convert.ToHexString(Convert.FromBase64String(hashedPassword).AsSpan(0, 13)));
            }

            return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}

/// <summary>
/// Log-in timings tell nobody whether an address has an account: an unknown address costs one password check against a hash
/// made with the same parameters as a member's, exactly what a wrong password costs. Counted, not timed: a timing comparison on a
/// shared 2-core machine measures the machine (it failed CI once on noise alone).
/// </summary>
public sealed class LogInTimingTests(CountedHashingFactory factory) : IClassFixture<CountedHashingFactory>
{
    [Fact]
    public async Task UnknownAddressAndWrongPassword_CostTheSamePasswordCheck()
    {
        var member = await factory.MemberAsync();
        using var client = factory.CreateClient();

        var unknown = await ChecksForAsync(client, $"nobody-{Guid.NewGuid():N}@example.test");
        var wrong = await ChecksForAsync(client, member.Email);

        Assert.Single(wrong);
        Assert.Equal(wrong, unknown);
        Assert.Equal(0x01, Convert.FromHexString(wrong[0])[0]);
        Assert.True(System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(Convert.FromHexString(wrong[0]).AsSpan(5)) >= 100_000);
    }

    private async Task<List<string>> ChecksForAsync(HttpClient client, string email)
    {
        lock (factory.Checks)
        {
            factory.Checks.Clear();
        }

        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password = "not the password at all" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        lock (factory.Checks)
        {
            return [.. factory.Checks];
        }
    }
}
