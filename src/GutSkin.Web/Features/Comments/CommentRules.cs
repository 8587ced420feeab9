namespace GutSkin.Web.Features.Comments;

public static class CommentRules
{
    public const int MaxNameLength = 80;
    public const int MaxEmailLength = 254;
    public const int MaxBodyLength = 5000;

    /// <summary>More links than this hold a comment for a moderator, even under auto-publish.</summary>
    public const int MaxLinksBeforeHold = 2;

    /// <summary>A form sent sooner than this after it was served was not typed by a person.</summary>
    public static readonly TimeSpan MinimumTimeToSubmit = TimeSpan.FromSeconds(3);

    /// <summary>The same text from the same sender within this time is a duplicate.</summary>
    public static readonly TimeSpan DuplicateWindow = TimeSpan.FromHours(24);

    /// <summary>Spam and trash older than this are deleted for good.</summary>
    public static readonly TimeSpan PurgeAfter = TimeSpan.FromDays(30);
}
