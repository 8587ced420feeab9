using Microsoft.AspNetCore.OutputCaching;

namespace GutSkin.Web.Features.Articles;

/// <summary>
/// The output cache of the public article pages. Anonymous requests for an article page are answered from
/// memory for up to a second; every change a reader could see (a comment published, approved or removed,
/// an article saved, the settings changed) evicts them all at once.
/// </summary>
public sealed class BlogCache(IOutputCacheStore store)
{
    public const string ArticlePolicy = "article";
    public const string Tag = "blog";

    /// <summary>Short, because the comment form's signed stamp is part of the cached page.</summary>
    public static readonly TimeSpan ArticleLifetime = TimeSpan.FromSeconds(1);

    public ValueTask ChangedAsync(CancellationToken ct) => store.EvictByTagAsync(Tag, ct);
}
