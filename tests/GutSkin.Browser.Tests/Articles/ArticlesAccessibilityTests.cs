using System.Diagnostics;
using GutSkin.Web.Features.Articles;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GutSkin.Browser.Tests.Articles;

/// <summary>axe and sideways scrolling on the blog, article (with comments, a sent comment and a rejected form), moderation and admin pages.</summary>
public sealed class ArticlesAccessibilityTests(ArticlesBrowserFixture app) : IClassFixture<ArticlesBrowserFixture>
{
    [Theory]
    [InlineData(Screen.Phone, ColorScheme.Light)]
    [InlineData(Screen.Phone, ColorScheme.Dark)]
    [InlineData(Screen.Desktop, ColorScheme.Light)]
    [InlineData(Screen.Desktop, ColorScheme.Dark)]
    public async Task ArticleAndModerationPages_HaveNoSeriousOrCriticalAxeViolation(Screen screen, ColorScheme colorScheme)
    {
        await using var context = await app.NewContextAsync(screen, colorScheme);
        var page = await context.NewPageAsync();
        var found = await Findings.ForAsync(context, $"axe, {screen}, {colorScheme}");
        var article = $"/blog/{StarterArticle.Slug}";

        await page.GotoAsync("/blog");
        await found.AxeAndReflowAsync(page, "/blog");
        await page.GotoAsync(article);
        var loaded = Stopwatch.StartNew();
        await found.AxeAndReflowAsync(page, article);

        // A rejected form (it keeps the form's first time stamp), then a sent one.
        await page.Locator("#comment-body").FillAsync("Nice article.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send comment" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await found.AxeAndReflowAsync(page, $"{article} (errors)");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Ines");
        await page.GetByLabel("E-mail").FillAsync($"ines-{screen}-{colorScheme}@example.test");
        await page.Locator("#comment-body").FillAsync($"Thanks, this helped ({screen}, {colorScheme}).\n\nSee https://example.org/notes");
        await ArticlesBrowserFixture.WaitUntilAPersonCouldHaveWrittenItAsync(loaded);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send comment" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("awaits approval");
        await found.AxeAndReflowAsync(page, $"{article} (sent)");
        await page.GotoAsync("/moderation/act?token=not-a-token");
        await found.AxeAndReflowAsync(page, "/moderation/act (invalid)");

        await app.LogInAsAdminAsync(page);
        foreach (var path in new[] { "/moderation", "/moderation?state=approved", "/moderation?state=spam", "/admin/articles", "/admin/articles/edit", "/admin/comments" })
        {
            await page.GotoAsync(path);
            await found.AxeAndReflowAsync(page, path);
        }

        // The pending comment gets approved with a reply from the site, so the article shows a thread.
        await page.GotoAsync("/moderation");
        await page.GetByText("Reply as GutSkin").First.ClickAsync();
        await page.Locator(".reply-form textarea").First.FillAsync("Glad it helped.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish reply" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
        await found.AxeAndReflowAsync(page, "/moderation (after reply)");
        await page.GotoAsync(article);
        await found.AxeAndReflowAsync(page, $"{article} (thread)");
        await page.GotoAsync($"/admin/articles/edit/1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await found.AxeAndReflowAsync(page, "/admin/articles/edit (preview)");

        found.AssertNone();
    }
}
