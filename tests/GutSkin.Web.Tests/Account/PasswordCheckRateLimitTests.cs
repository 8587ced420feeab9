using System.Net;
using System.Net.Http.Json;
using GutSkin.Web.Tests.Articles;
using GutSkin.Web.Tests.Infrastructure;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Account;

/// <summary>Small limits on checks of the current password (4 per client address, 3 per member), and small log-in limits.</summary>
public sealed class PasswordCheckLimitsFactory : EdgeFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Accounts:RateLimits:PasswordCheck:PerIp"] = "4",
        ["Accounts:RateLimits:PasswordCheck:PerAccount"] = "3",
        ["Accounts:RateLimits:LogIn:PerAccount"] = "3",
    };
}

/// <summary>
/// Every endpoint that checks the current password is limited like log-in: a stolen session cannot guess the password
/// on the password page or through /api/auth/manage/info, and the page and the API share the count.
/// </summary>
public sealed class PasswordCheckRateLimitTests(PasswordCheckLimitsFactory factory) : IClassFixture<PasswordCheckLimitsFactory>
{
    private const string NewPassword = "a brand new passphrase";

    private static async Task<HttpResponseMessage> ChangeThroughTheApiAsync(HttpClient client, string oldPassword, string ip)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/manage/info") { Content = JsonContent.Create(new { oldPassword, newPassword = NewPassword }) };
        request.Headers.Add(ArticlesFactory.IpHeader, ip);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task ManageInfo_WrongOldPasswords_AreLimitedPerMember_EvenFromManyAddresses()
    {
        var member = await factory.MemberAsync();

        for (var i = 0; i < 3; i++)
        {
            await AssertProblemAsync(await ChangeThroughTheApiAsync(member.Client, $"guess {i}", $"192.0.2.{100 + i}"), HttpStatusCode.BadRequest);
        }

        var refused = await ChangeThroughTheApiAsync(member.Client, Password, "192.0.2.110");

        var problem = await AssertProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.Contains("Too many password attempts", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(refused.Headers.RetryAfter is not null);
        // The password did not change: the right one still logs in, the new one does not.
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = member.Email, password = Password }, cancellationToken: TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task PasswordPage_AndTheApi_ShareTheLimit_AndThePageSaysWhy()
    {
        var member = await factory.MemberAsync();
        var browser = await factory.SignedInBrowserAsync(member.Email, ip: "192.0.2.120");

        for (var i = 0; i < 2; i++)
        {
            var wrong = await browser.SendFormAsync("/account/password", new() { ["CurrentPassword"] = $"guess {i}", ["NewPassword"] = NewPassword });
            Assert.Contains("That is not your current password.", await wrong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        await AssertProblemAsync(await ChangeThroughTheApiAsync(member.Client, "guess 2", "192.0.2.121"), HttpStatusCode.BadRequest);
        var refused = await browser.SendFormAsync("/account/password", new() { ["CurrentPassword"] = Password, ["NewPassword"] = NewPassword });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Too many password attempts. For the safety of your account, please wait 15 minutes and try again.", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = member.Email, password = Password }, cancellationToken: TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task PasswordChecks_FromOneAddress_AreLimitedAcrossMembers()
    {
        var members = new[] { await factory.MemberAsync(), await factory.MemberAsync(), await factory.MemberAsync() };
        var answers = new List<HttpStatusCode>();
        foreach (var member in members)
        {
            for (var i = 0; i < 2; i++)
            {
                answers.Add((await ChangeThroughTheApiAsync(member.Client, $"guess {i}", "192.0.2.130")).StatusCode);
            }
        }

        Assert.Equal(new[] { HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests }, answers);
    }

    [Fact]
    public async Task StrangersFailedLogIns_DoNotUseUpTheMembersPasswordChecks()
    {
        var member = await factory.MemberAsync();
        for (var i = 0; i < 6; i++)
        {
            await factory.Browser($"203.0.113.{10 + i}").LogInAsync(member.Email, $"stranger's guess {i}");
        }

        var changed = await ChangeThroughTheApiAsync(member.Client, Password, "192.0.2.140");

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
    }
}
