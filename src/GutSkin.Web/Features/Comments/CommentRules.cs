using System.Globalization;

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

    public const string CloseAfterDaysProblem = "A whole number of days from 1 to 3650, or empty to keep comments open.";

    /// <summary>Comments close this many days after an article is published: a whole number from 1 to 3650, else null.</summary>
    public static int? CloseAfterDays(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= 3650 ? days : null;

    /// <summary>A policy, state or action by its name, whatever the case; never by its number.</summary>
    public static bool TryParseName<T>(string? text, out T value)
        where T : struct, Enum =>
        Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(text, out _);
}
