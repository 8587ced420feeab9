using GutSkin.Analysis;
using GutSkin.Web.Features.Account;

namespace GutSkin.Web.Features.Items;

/// <summary>A tracked item: one of the built-in catalog (no owner) or a member's custom item.</summary>
public sealed class TrackedItem : ITrackedItem
{
    public int Id { get; set; }

    /// <summary>Null for the built-in catalog.</summary>
    public string? OwnerId { get; set; }

    public AppUser? Owner { get; set; }

    public required string Key { get; set; }

    public required string Label { get; set; }

    public required ItemGroup Group { get; set; }

    public required ItemKind Kind { get; set; }

    public required double Min { get; set; }

    public required double Max { get; set; }

    public required string Unit { get; set; }

    public bool Archived { get; set; }

    public bool IsCustom => OwnerId is not null;
}
