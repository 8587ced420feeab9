namespace GutSkin.Web.Features.Articles;

public sealed record ArticleSummary(string Slug, string Title, string Excerpt, DateTime PublishedAt, IReadOnlyList<string> Tags);

public sealed record ArticleDetail(
    string Slug,
    string Title,
    string Excerpt,
    DateTime PublishedAt,
    DateTime UpdatedAt,
    IReadOnlyList<string> Tags,
    int ReadingMinutes,
    string Html,
    string? CoverImage,
    string? CoverImageAlt,
    int CommentCount,
    bool CommentsOpen);
