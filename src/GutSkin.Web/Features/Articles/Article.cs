using GutSkin.Web.Features.Comments;

namespace GutSkin.Web.Features.Articles;

public enum ArticleStatus
{
    Draft,
    Published,
}

/// <summary>
/// An article. <see cref="Html"/> is rendered from <see cref="Markdown"/> once, on save, and is already
/// sanitised. Public when published, its publish date has come and it is not deleted.
/// All times are UTC <see cref="DateTime"/>s: SQLite cannot compare or order DateTimeOffset.
/// </summary>
public sealed class Article
{
    public int Id { get; set; }

    public required string Slug { get; set; }

    public required string Title { get; set; }

    public required string Markdown { get; set; }

    public required string Html { get; set; }

    public required string Excerpt { get; set; }

    public List<string> Tags { get; set; } = [];

    public string? CoverImagePath { get; set; }

    public string? CoverImageAlt { get; set; }

    public required ArticleStatus Status { get; set; }

    /// <summary>When a published article goes public; a future date schedules it.</summary>
    public DateTime? PublishAt { get; set; }

    public required DateTime CreatedAt { get; set; }

    public required DateTime UpdatedAt { get; set; }

    /// <summary>Set by delete; the article can be restored until it is purged 30 days later.</summary>
    public DateTime? DeletedAt { get; set; }

    /// <summary>Null follows the site's policy.</summary>
    public CommentPolicy? CommentPolicy { get; set; }

    /// <summary>Comments close this many days after publishing; null never closes them.</summary>
    public int? CloseCommentsAfterDays { get; set; }

    public List<Comment> Comments { get; set; } = [];
}

/// <summary>An old slug of an article: its URL answers with a 301 to the current one.</summary>
public sealed class ArticleSlugHistory
{
    public int Id { get; set; }

    public required string OldSlug { get; set; }

    public required int ArticleId { get; set; }

    public Article? Article { get; set; }

    public required DateTime ChangedAt { get; set; }
}

public static class ArticleData
{
    /// <summary>Articles any visitor may read at <paramref name="nowUtc"/>.</summary>
    public static IQueryable<Article> Public(this IQueryable<Article> articles, DateTime nowUtc) =>
        articles.Where(a => a.Status == ArticleStatus.Published && a.DeletedAt == null && a.PublishAt != null && a.PublishAt <= nowUtc);
}
