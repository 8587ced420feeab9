using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GutSkin.Browser.Tests.Articles;

/// <summary>
/// Hostile text in comment names and bodies and in article Markdown, shown in a real browser: on the
/// article page, in the admin preview and in the moderation inbox. No dialog may open and no element
/// or attribute the text tried to inject may exist.
/// </summary>
public sealed class XssTests(ArticlesBrowserFixture app) : IClassFixture<ArticlesBrowserFixture>
{
    public static readonly IReadOnlyList<string> Payloads =
    [
        "<script>alert('xss-1')</script>",
        "<img src=x onerror=alert('xss-2')>",
        "<svg onload=alert('xss-3')>",
        "<svg><script>alert('xss-4')</script></svg>",
        "javascript:alert('xss-5')",
        "[click me](javascript:alert('xss-6'))",
        "<a href=\"javascript:alert('xss-7')\">link</a>",
        "\"><script>alert('xss-8')</script>",
        "'><img src=x onerror=alert('xss-9')>",
        "</textarea><script>alert('xss-10')</script>",
        "</script><script>alert('xss-11')</script>",
        "<iframe src=\"javascript:alert('xss-12')\"></iframe>",
        "<body onload=alert('xss-13')>",
        "<details open ontoggle=alert('xss-14')>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert('xss-15')>",
        "<input autofocus onfocus=alert('xss-16')>",
        "<video><source onerror=alert('xss-17')></video>",
        "<object data=\"javascript:alert('xss-18')\"></object>",
        "<embed src=\"javascript:alert('xss-19')\">",
        "<style>*{background:url(\"javascript:alert('xss-20')\")}</style>",
        "<div style=\"background:url(javascript:alert('xss-21'))\">styled</div>",
        "![picture](javascript:alert('xss-22'))",
        "![x\" onerror=\"alert('xss-23')](/favicon.svg)",
        "[hover](/blog \"t\\\" onmouseover=\\\"alert('xss-24')\")",
        "<a href=\" javascript:alert('xss-25')\">spaced</a>",
        "<scr<script>ipt>alert('xss-26')</scr</script>ipt>",
        "<!--<img src=\"--><img src=x onerror=alert('xss-27')//\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert('xss-28')\">",
        "<base href=\"javascript:alert('xss-29')//\">",
        "<form action=\"javascript:alert('xss-30')\"><button>go</button></form>",
        "https://x.example/\"><script>alert('xss-31')</script>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert('xss-32')>\">",
        "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgneHNzLTMzJyk8L3NjcmlwdD4=)",
        "<x-tag onclick=alert('xss-34')>click</x-tag>",
        "# <img src=x onerror=alert('xss-35')>",
        "[<img src=x onerror=alert('xss-36')>](https://x.example)",
        "&lt;script&gt;alert('xss-37')&lt;/script&gt;",
        "<a href=\"&#106;avascript:alert('xss-38')\">entity</a>",
        "<svg><a xlink:href=\"javascript:alert('xss-39')\"><text y=\"20\">svg link</text></a></svg>",
        "<img src=\"/favicon.svg\" onload=\"alert('xss-40')\">",
    ];

    [Fact]
    public async Task HostileArticleMarkdown_InThePreviewAndOnThePage_RunsNothing()
    {
        Assert.True(Payloads.Count >= 30);
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var dialogs = Watch(page);
        await app.LogInAsAdminAsync(page);
        var slug = $"xss-article-{Guid.NewGuid():N}"[..24];
        await page.GotoAsync("/admin/articles/edit");
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("XSS <script>alert('title')</script> article");
        await page.Locator("#article-slug").FillAsync(slug);
        await page.Locator("#article-markdown").FillAsync(string.Join("\n\n", Payloads));
        await page.Locator("#article-tags").FillAsync("<b>tag</b>, \"><script>alert('tag')</script>");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Preview" })).ToBeVisibleAsync();
        await AssertNothingInjectedAsync(page, "admin preview", dialogs);

        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/articles");
        await AssertNothingInjectedAsync(page, "admin list", dialogs);
        await page.GotoAsync($"/blog/{slug}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 }).First).ToContainTextAsync("XSS <script>");
        await AssertNothingInjectedAsync(page, "article page", dialogs);
        await page.GotoAsync("/blog");
        await AssertNothingInjectedAsync(page, "blog list", dialogs);
        await page.GotoAsync("/blog/feed.xml");
        Assert.Empty(dialogs);
    }

    [Fact]
    public async Task HostileCommentNamesAndBodies_OnTheArticleAndInTheInbox_RunNothing()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var dialogs = Watch(page);
        await app.LogInAsAdminAsync(page);

        // An article that publishes comments at once, so every payload is public.
        var slug = $"xss-comments-{Guid.NewGuid():N}"[..25];
        await page.GotoAsync("/admin/articles/edit");
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Comments under attack");
        await page.Locator("#article-slug").FillAsync(slug);
        await page.Locator("#article-markdown").FillAsync("Say anything.");
        await page.GetByLabel("Comments", new() { Exact = true }).SelectOptionAsync("autopublish");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/articles");

        using var http = new HttpClient { BaseAddress = new Uri(app.Origin) };
        var held = 0;
        for (var i = 0; i < Payloads.Count; i++)
        {
            var name = Payloads[i].Length <= 80 ? Payloads[i] : Payloads[i][..80];
            var response = await http.PostAsJsonAsync($"/api/articles/{slug}/comments", new { name, email = $"x{i}@example.test", body = $"{Payloads[i]}\n\n{Payloads[(i + 7) % Payloads.Count]}" }, cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(response.IsSuccessStatusCode, $"payload {i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
            held += response.StatusCode == System.Net.HttpStatusCode.Accepted ? 1 : 0;
        }

        // One through the form too, name and body.
        await page.GotoAsync($"/blog/{slug}");
        var loaded = Stopwatch.StartNew();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("<img src=x onerror=alert('form-name')>");
        await page.GetByLabel("E-mail").FillAsync("form@example.test");
        await page.Locator("#comment-body").FillAsync("<script>alert('form-body')</script> https://x.example/\"onmouseover=\"alert('form-link')");
        await ArticlesBrowserFixture.WaitUntilAPersonCouldHaveWrittenItAsync(loaded);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send comment" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("published");

        await page.GotoAsync($"/blog/{slug}");
        await Expect(page.Locator(".comment")).ToHaveCountAsync(Payloads.Count - held + 1);
        await AssertNothingInjectedAsync(page, "article comments", dialogs);
        foreach (var state in new[] { "approved", "pending" })
        {
            await page.GotoAsync($"/moderation?state={state}");
            await AssertNothingInjectedAsync(page, $"moderation inbox ({state})", dialogs);
        }

        // Hovering and focusing everything would fire any handler that slipped through.
        await page.GotoAsync($"/blog/{slug}");
        foreach (var link in await page.Locator(".comment__body a").AllAsync())
        {
            await link.HoverAsync();
        }

        Assert.Empty(dialogs);
    }

    [Fact]
    public async Task TheCheck_CatchesAPlantedHandlerAndElement()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var dialogs = Watch(page);
        await page.GotoAsync($"/blog/{GutSkin.Web.Features.Articles.StarterArticle.Slug}");
        await page.EvaluateAsync("() => document.querySelector('.article-body').insertAdjacentHTML('beforeend', '<span onclick=\"x()\">a</span><iframe></iframe>')");
        var failure = await Assert.ThrowsAsync<Xunit.Sdk.TrueException>(() => AssertNothingInjectedAsync(page, "planted", dialogs));
        Assert.Contains("SPAN has onclick", failure.Message, StringComparison.Ordinal);
        Assert.Contains("IFRAME inside article-body", failure.Message, StringComparison.Ordinal);
    }

    private static ConcurrentQueue<string> Watch(IPage page)
    {
        var dialogs = new ConcurrentQueue<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Enqueue($"{page.Url}: {dialog.Type} {dialog.Message}");
            await dialog.DismissAsync();
        };
        return dialogs;
    }

    private static async Task AssertNothingInjectedAsync(IPage page, string where, ConcurrentQueue<string> dialogs)
    {
        var found = await page.EvaluateAsync<string[]>("""
            () => {
              const bad = [];
              for (const el of document.querySelectorAll('*')) {
                for (const a of el.attributes) {
                  if (a.name.toLowerCase().startsWith('on')) bad.push(`${el.tagName} has ${a.name}`);
                  if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href'].includes(a.name.toLowerCase()) && /^\s*(javascript|data|vbscript):/i.test(a.value))
                    bad.push(`${el.tagName} ${a.name}=${a.value}`);
                }
              }
              for (const s of document.scripts) {
                const ours = s.type === 'application/ld+json' || (s.src && new URL(s.src).origin === location.origin && new URL(s.src).pathname.startsWith('/js/'));
                if (!ours) bad.push(`script ${s.type} ${s.src} ${s.textContent.slice(0, 40)}`);
              }
              const forbidden = 'script, iframe, object, embed, svg, math, style, base, meta, link, form, input, button, textarea, select, video, audio, source, details, noscript, x-tag, body';
              // Markdown may make images in an article; nothing a reader types may.
              const check = (selector, extra) => {
                for (const scope of document.querySelectorAll(selector))
                  for (const el of scope.querySelectorAll(forbidden + extra)) bad.push(`${el.tagName} inside ${scope.className || scope.tagName}`);
              };
              check('.article-body, .preview', '');
              check('.comment__body, .comment__header, .mod-item__head strong, .reasons, h1, .tags', ', img');
              for (const el of document.querySelectorAll('head meta[http-equiv], base')) bad.push(`${el.tagName} in head`);
              return bad;
            }
            """);
        Assert.True(found.Length == 0, $"{where}: {string.Join("; ", found)}");
        Assert.True(dialogs.IsEmpty, $"{where}: dialogs {string.Join("; ", dialogs)}");
    }
}
