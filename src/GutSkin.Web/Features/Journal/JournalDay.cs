using GutSkin.Web.Features.Account;

namespace GutSkin.Web.Features.Journal;

/// <summary>One member's calendar day. A value that was not logged is not in <see cref="PackedValues"/>: missing, never zero.</summary>
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

    /// <summary>The day's values, packed (<see cref="ValuePacking"/>); empty when none was logged.</summary>
    public byte[] PackedValues { get; set; } = ValuePacking.Empty;
}
