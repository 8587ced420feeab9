using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
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
        var found = new List<string>();
        var article = $"/blog/{StarterArticle.Slug}";

        await page.GotoAsync("/blog");
        await AxeAsync(page, "/blog", found);
        await page.GotoAsync(article);
        await AxeAsync(page, article, found);

        // A rejected form, then a sent one.
        await page.Locator("#comment-body").FillAsync("Nice article.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send comment" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await AxeAsync(page, $"{article} (errors)", found);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Ines");
        await page.GetByLabel("E-mail").FillAsync($"ines-{screen}-{colorScheme}@example.test");
        await page.Locator("#comment-body").FillAsync($"Thanks, this helped ({screen}, {colorScheme}).\n\nSee https://example.org/notes");
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        await page.GetByRole(AriaRole.Button, new() { Name = "Send comment" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("awaits approval");
        await AxeAsync(page, $"{article} (sent)", found);
        await page.GotoAsync("/moderation/act?token=not-a-token");
        await AxeAsync(page, "/moderation/act (invalid)", found);

        await app.LogInAsAdminAsync(page);
        foreach (var path in new[] { "/moderation", "/moderation?state=approved", "/moderation?state=spam", "/admin/articles", "/admin/articles/edit", "/admin/comments" })
        {
            await page.GotoAsync(path);
            await AxeAsync(page, path, found);
        }

        // The pending comment gets approved with a reply from the site, so the article shows a thread.
        await page.GotoAsync("/moderation");
        await page.GetByText("Reply as GutSkin").First.ClickAsync();
        await page.Locator(".reply-form textarea").First.FillAsync("Glad it helped.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish reply" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
        await AxeAsync(page, "/moderation (after reply)", found);
        await page.GotoAsync(article);
        await AxeAsync(page, $"{article} (thread)", found);
        await page.GotoAsync($"/admin/articles/edit/1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await AxeAsync(page, "/admin/articles/edit (preview)", found);

        Assert.True(found.Count == 0, $"axe, {screen}, {colorScheme}:\n{string.Join('\n', found)}");
    }

    private static async Task AxeAsync(IPage page, string name, List<string> found)
    {
        var result = await page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });
        foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            var targets = string.Join("; ", violation.Nodes.Select(n => n.Target?.ToString()));
            found.Add($"{name}: {violation.Id} ({violation.Impact}) at {targets} ({violation.Help})");
        }

        // Nothing may push the page wider than the screen (WCAG 1.4.10 reflow).
        var overflow = await page.EvaluateAsync<string>("""
            () => {
              const width = document.documentElement.clientWidth;
              if (document.documentElement.scrollWidth <= width) return '';
              const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > width + 1)
                .slice(-3).map(e => `${e.tagName}.${e.className}`);
              return `${document.documentElement.scrollWidth - width} px (${wide.join(', ')})`;
            }
            """);
        if (overflow.Length > 0)
        {
            found.Add($"{name}: scrolls sideways by {overflow}");
        }
    }
}
