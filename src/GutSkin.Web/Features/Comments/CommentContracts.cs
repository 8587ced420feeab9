namespace GutSkin.Web.Features.Comments;

/// <summary>A comment as anyone may see it: no e-mail, no IP hash, no reasons.</summary>
public sealed record PublicComment(long Id, long? ParentId, string Name, string Body, DateTime CreatedAt, bool FromSite);

public sealed record CommentRequest(string? Name, string? Email, string? Body, long? ParentId = null);

public sealed record CommentAccepted(long Id, string State, string Message);

/// <summary>A comment as the moderators see it: with its state and reasons, still without the e-mail.</summary>
public sealed record ModerationComment(
    long Id,
    string ArticleSlug,
    string ArticleTitle,
    long? ParentId,
    string Name,
    string Body,
    string State,
    IReadOnlyList<string> Reasons,
    DateTime CreatedAt,
    DateTime StateChangedAt,
    bool FromSite);

public sealed record ModerationResult(long Id, string State);
