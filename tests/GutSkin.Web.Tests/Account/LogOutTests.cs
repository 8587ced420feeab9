using System.Net;
using System.Text.RegularExpressions;

namespace GutSkin.Web.Tests.Account;

public sealed class LogOutTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    [Fact]
    public async Task LogOutButtonInTheHeader_CarriesItsOwnAntiforgeryToken_AndSignsOut()
    {
        var member = await factory.SharedMemberAsync();
        var browser = await factory.SignedInBrowserAsync(member.Email);
        var page = await browser.GetStringAsync("/plan", TestContext.Current.CancellationToken);

        var form = Regex.Match(page, "<form method=\"post\" action=\"/account/logout\"[^>]*>(.*?)</form>", RegexOptions.Singleline);
        Assert.True(form.Success, "no log-out form in the header");
        var token = Regex.Match(form.Groups[1].Value, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"");
        Assert.True(token.Success, "the header's log-out form has no antiforgery token");

        var response = await browser.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await browser.IsSignedInAsync());
    }
}
