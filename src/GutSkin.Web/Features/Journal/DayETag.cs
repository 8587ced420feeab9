using System.Globalization;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace GutSkin.Web.Features.Journal;

/// <summary>
/// What a conditional write of a day asks of the stored day (RFC 9110 If-Match): that it exists (<c>*</c>), or that
/// its revision is one of <see cref="Revisions"/>; or, with <see cref="Absent"/> (If-None-Match: <c>*</c>), that the
/// day has not been logged, so a day filled in while it was empty never overwrites one logged meanwhile.
/// </summary>
public sealed record DayCondition(bool AnyExisting, IReadOnlyList<long> Revisions, bool Absent = false)
{
    public static readonly DayCondition Exists = new(true, []);

    public static readonly DayCondition Missing = new(false, [], Absent: true);
}

/// <summary>
/// The strong ETag of a journal day. Every write of a day (the API's PUT, the Today page, an import) stores a fresh
/// random 63-bit <see cref="JournalDay.Revision"/>; the tag is that number as 16 lowercase hex digits in quotes.
/// Random rather than a counter, so a day that is deleted and written again never brings back an old tag, and the tag
/// says nothing about other rows. Two writes of one day draw the same number with a chance of about 1 in 2^63.
/// </summary>
public static class DayETag
{
    public static long NewRevision() => Random.Shared.NextInt64(1, long.MaxValue);

    public static string Format(long revision) => "\"" + revision.ToString("x16", CultureInfo.InvariantCulture) + "\"";

    /// <summary>
    /// Reads If-Match: no header is no condition; <c>*</c> asks that the day exist; a list of tags asks that the
    /// day's current tag be one of them, compared strongly, so weak (<c>W/</c>) tags and tags this app never issued
    /// match nothing. False for what is not an If-Match value (an unquoted tag, <c>*</c> in a list, an empty header).
    /// </summary>
    public static bool TryParseIfMatch(StringValues header, out DayCondition? condition)
    {
        condition = null;
        if (header.Count == 0)
        {
            return true;
        }

        if (!EntityTagHeaderValue.TryParseStrictList(header, out var tags) || tags.Count == 0)
        {
            return false;
        }

        if (tags.Any(t => t.Equals(EntityTagHeaderValue.Any)))
        {
            if (tags.Count > 1)
            {
                return false;
            }

            condition = DayCondition.Exists;
            return true;
        }

        var revisions = new List<long>(tags.Count);
        foreach (var tag in tags)
        {
            if (!tag.IsWeak && TryParseTag(tag.Tag.Value, out var revision))
            {
                revisions.Add(revision);
            }
        }

        condition = new DayCondition(false, revisions);
        return true;
    }

    /// <summary>
    /// Reads If-None-Match for a write: none is no condition, <c>*</c> asks that the day not exist; anything else is
    /// refused (a write has no use for a list of tags there).
    /// </summary>
    public static bool TryParseIfNoneMatch(StringValues header, out DayCondition? condition)
    {
        condition = header.Count == 0 ? null : DayCondition.Missing;
        return header.Count == 0 || (header.Count == 1 && header[0]?.Trim() == "*");
    }

    /// <summary>Only the exact text <see cref="Format"/> writes is a tag of ours (strong comparison is octet by octet).</summary>
    private static bool TryParseTag(string? quoted, out long revision)
    {
        revision = 0;
        return quoted is { Length: 18 }
            && long.TryParse(quoted.AsSpan(1, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out revision)
            && string.Equals(Format(revision), quoted, StringComparison.Ordinal);
    }
}
