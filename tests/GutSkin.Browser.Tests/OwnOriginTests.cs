using System.Collections.Concurrent;
using GutSkin.Browser.Tests.Pages;
using Microsoft.Playwright;

namespace GutSkin.Browser.Tests;

/// <summary>Health data never leaves the site, and nothing is loaded from elsewhere.</summary>
public sealed class OwnOriginTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task NoPageRequestsAnotherHost()
    {
        await using var context = await app.NewContextAsync(Screen.Desktop);
        var requests = Requests.Record(context);
        var page = await context.NewPageAsync();
        // A load the Content-Security-Policy blocks may never show as a request, but the console tells.
        var refused = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                refused.Enqueue($"{page.Url}: {message.Text}");
            }
        };

        // The blog is public and renders Markdown: a remote image in an article would leak its readers' visits.
        foreach (var path in SitePages.Anonymous.Append("/blog"))
        {
            await page.GotoAsync(path);
        }

        await new RegisterPage(page, app.MailFolder).RegisterAsync();
        foreach (var path in SitePages.Member)
        {
            await page.GotoAsync(path);
        }

        // The API reference, linked from every page's footer, is a script-built page: wait until it stops fetching.
        await page.GotoAsync("/api/reference", new() { WaitUntil = WaitUntilState.NetworkIdle });

        Requests.AssertAllTo(app.Origin, requests);
        Assert.True(refused.IsEmpty, $"Blocked by the Content-Security-Policy:\n{string.Join('\n', refused)}");
    }
}
