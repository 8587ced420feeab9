using GutSkin.Web.Features.Articles;

namespace GutSkin.Web.Features.Comments;

public enum CommentPolicy
{
    Disabled,
    Moderated,
    AutoPublish,
}

public enum CommentState
{
    Pending,
    Approved,
    Spam,
    Trash,
}

/// <summary>
/// A reader's comment, or a reply written as the site. The e-mail is kept for the moderators only and is
/// never shown or handed to a public page, feed or API. The IP address is kept only as a keyed hash.
/// </summary>
public sealed class Comment
{
    public long Id { get; set; }

    public required int ArticleId { get; set; }

    public Article? Article { get; set; }

    /// <summary>The comment this one replies to; replies go one level deep.</summary>
    public long? ParentId { get; set; }

    public Comment? Parent { get; set; }

    public required string Name { get; set; }

    public required string Email { get; set; }

    public required string Body { get; set; }

    public required CommentState State { get; set; }

    /// <summary>Why the spam checks held, flagged or rejected it, one reason a line; empty when none applied.</summary>
    public required string Reasons { get; set; }

    /// <summary>HMAC-SHA256 of the sender's IP address under the site's key; null for replies written as the site.</summary>
    public string? IpHash { get; set; }

    /// <summary>True for a reply a moderator wrote as the site.</summary>
    public bool FromSite { get; set; }

    public required DateTime CreatedAt { get; set; }

    public required DateTime StateChangedAt { get; set; }

    /// <summary>When the moderators were told about it by e-mail; null while not yet.</summary>
    public DateTime? NotifiedAt { get; set; }
}

/// <summary>The site-wide comment settings: one row, id 1.</summary>
public sealed class SiteSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; }

    public required CommentPolicy CommentPolicy { get; set; }

    /// <summary>Comments close this many days after an article is published; null never. An article can override it.</summary>
    public int? CloseCommentsAfterDays { get; set; }

    /// <summary>Words, e-mail addresses and IP addresses (one a line) whose comments go straight to spam.</summary>
    public required string Blocklist { get; set; }

    /// <summary>When the last moderator digest went out: at most one every ten minutes.</summary>
    public DateTime? LastDigestAt { get; set; }
}
