using AngleSharp.Dom;
using Ganss.Xss;
using Markdig;
using Markdig.Extensions.AutoIdentifiers;

namespace GutSkin.Web.Features.Articles;

/// <summary>
/// Markdown to safe HTML, once, when an article is saved: CommonMark via Markdig with raw HTML off,
/// headings given ids, then HtmlSanitizer's allow-list; links to other sites get rel="noopener".
/// </summary>
public static class ArticleRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .Build();

    // Ids the page itself uses: a heading must not take them.
    private static readonly HashSet<string> ReservedIds = new(StringComparer.OrdinalIgnoreCase)
    {
        "main", "comments", "comment-form", "comment-status", "comment-name", "comment-email", "comment-body", "comment-website", "errors",
    };

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static string Render(string markdown) => Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "em", "strong", "code", "pre", "blockquote",
                "ul", "ol", "li", "hr", "br", "img",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "title", "id", "alt", "src", "start", "class" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src" },
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        });
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is not IElement element)
            {
                return;
            }

            // Only Markdig's "language-x" classes on code blocks survive.
            if (element.GetAttribute("class") is { } classes && (element.LocalName != "code" || !classes.StartsWith("language-", StringComparison.Ordinal) || classes.Contains(' ', StringComparison.Ordinal)))
            {
                element.RemoveAttribute("class");
            }

            if (element.GetAttribute("id") is { } id)
            {
                if (element.LocalName is not ("h1" or "h2" or "h3" or "h4" or "h5" or "h6"))
                {
                    element.RemoveAttribute("id");
                }
                else if (ReservedIds.Contains(id))
                {
                    element.SetAttribute("id", "section-" + id);
                }
            }

            if (element.LocalName == "a" && element.GetAttribute("href") is { } href
                && Uri.TryCreate(href, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                element.SetAttribute("rel", "noopener");
            }
        };
        return sanitizer;
    }
}
