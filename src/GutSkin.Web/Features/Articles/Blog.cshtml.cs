using GutSkin.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GutSkin.Web.Features.Articles;

/// <summary>The published articles, newest first, ten a page, optionally those with one tag.</summary>
public sealed class BlogModel(GutSkinDb db, TimeProvider time) : PageModel
{
    public List<Article> Articles { get; private set; } = [];

    public int PageNumber { get; private set; } = 1;

    public bool More { get; private set; }

    public string? Tag { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? page, string? tag, CancellationToken ct)
    {
        if (page is < 1 or > 100_000)
        {
            return NotFound();
        }

        PageNumber = page ?? 1;
        Tag = string.IsNullOrWhiteSpace(tag) ? null : tag.Trim().ToLowerInvariant();
        (Articles, More) = await ArticleQueries.PageAsync(db, time.GetUtcNow().UtcDateTime, PageNumber, Tag, ct);
        return Page();
    }

    public string PageLink(int page)
    {
        string?[] parts =
        [
            page > 1 ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"page={page}") : null,
            Tag is null ? null : "tag=" + Uri.EscapeDataString(Tag),
        ];
        var query = string.Join('&', parts.OfType<string>());
        return query.Length == 0 ? "/blog" : "/blog?" + query;
    }
}
