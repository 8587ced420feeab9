using GutSkin.Web.Features.Account;
using GutSkin.Web.Features.Items;

namespace GutSkin.Web.Features.Journal;

/// <summary>One member's calendar day. A value that was not logged has no row: missing, never zero.</summary>
public sealed class JournalDay
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    public AppUser? User { get; set; }

    public required DateOnly Date { get; set; }

    public string? Note { get; set; }

    public required DateTime UpdatedAt { get; set; }

    /// <summary>Drawn afresh on every write of the day; the API's strong ETag (<see cref="DayETag"/>).</summary>
    public required long Revision { get; set; }

    public List<JournalValue> Values { get; set; } = [];
}

public sealed class JournalValue
{
    public long DayId { get; set; }

    public JournalDay? Day { get; set; }

    public required int ItemId { get; set; }

    public TrackedItem? Item { get; set; }

    public required double Value { get; set; }
}
