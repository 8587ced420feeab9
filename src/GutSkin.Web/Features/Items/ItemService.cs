using System.Text.Json.Serialization;
using GutSkin.Analysis;
using GutSkin.Web.Data;
using GutSkin.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Features.Items;

public sealed record ItemResponse(string Key, string Label, string Group, string Kind, double Min, double Max, string Unit, bool Custom, bool Archived)
{
    public static ItemResponse From(TrackedItem i) =>
        new(i.Key, i.Label, i.Group.ToString().ToLowerInvariant(), i.Kind.Name, i.Min, i.Max, i.Unit, i.IsCustom, i.Archived);
}

/// <remarks>Min and max are JSON numbers: a string such as "0" is the wrong type (the web defaults would accept it).</remarks>
public sealed record CreateItemRequest(
    string? Key,
    string? Label,
    string? Group,
    string? Kind,
    [property: JsonNumberHandling(JsonNumberHandling.Strict)] double? Min = null,
    [property: JsonNumberHandling(JsonNumberHandling.Strict)] double? Max = null,
    string? Unit = null);

public sealed record UpdateItemRequest(
    [property: TrimmedLength(1, ItemService.MaxLabel, ErrorMessage = ItemService.LabelRule), NoNul] string? Label = null,
    bool? Archived = null);

/// <summary>The built-in catalog plus a member's own items, and the rules for adding one.</summary>
public sealed class ItemService(GutSkinDb db) : IMemberErasure
{
    public const int MaxLabel = 80;

    public const string LabelRule = "A label of 1 to 80 characters is required.";

    public Task EraseMemberAsync(string userId, CancellationToken ct) => db.Items.Where(i => i.OwnerId == userId).ExecuteDeleteAsync(ct);

    /// <summary>Adds custom items (checked already), within whatever transaction the caller holds.</summary>
    public async Task AddAsync(IReadOnlyCollection<TrackedItem> added, CancellationToken ct)
    {
        db.Items.AddRange(added);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Built-in first, then custom items; archived ones included (their values stay readable).</summary>
    public async Task<List<TrackedItem>> AllAsync(string userId, CancellationToken ct)
    {
        var custom = await db.Items.AsNoTracking().Where(i => i.OwnerId == userId).OrderBy(i => i.Id).ToListAsync(ct);
        return [.. Catalog.BuiltIn, .. custom];
    }

    public async Task<Dictionary<string, TrackedItem>> ByKeyAsync(string userId, CancellationToken ct) =>
        (await AllAsync(userId, ct)).ToDictionary(i => i.Key, StringComparer.Ordinal);

    /// <summary>Checks a new custom item against the member's existing keys; field keys follow the JSON body.</summary>
    public static Dictionary<string, string[]> Validate(CreateItemRequest request, IReadOnlyDictionary<string, TrackedItem> existing, out TrackedItem? item, string ownerId)
    {
        var errors = new Dictionary<string, string[]>();
        item = null;
        if (!ItemKeys.IsValid(request.Key))
        {
            errors["key"] = ["The key is lower-case snake_case (letters, digits and underscores, starting with a letter), at most 40 characters."];
        }
        else if (request.Key is JournalData.SkinScoreKey or JournalData.GutScoreKey)
        {
            errors["key"] = [$"'{request.Key}' is a score GutSkin derives from your items; choose another key."];
        }
        else if (existing.ContainsKey(request.Key))
        {
            errors["key"] = [$"'{request.Key}' is already one of your items; keys are never reused for a different meaning."];
        }

        if (string.IsNullOrWhiteSpace(request.Label) || request.Label.Trim().Length > MaxLabel)
        {
            errors["label"] = [LabelRule];
        }
        else if (TextInput.HasNul(request.Label))
        {
            errors["label"] = [TextInput.NulMessage];
        }

        if (!Enum.TryParse<ItemGroup>(request.Group, ignoreCase: true, out var group) || !Enum.IsDefined(group) || int.TryParse(request.Group, out _))
        {
            errors["group"] = ["The group is one of skin, gut, habit or treatment."];
        }

        if (!ItemKinds.TryParse(request.Kind, out var kind))
        {
            errors["kind"] = ["The kind is one of severity, scale, yesno, servings, litres, hours or dose."];
        }
        else if (!errors.ContainsKey("group") && TreatmentRule(group, kind, request.Unit) is { } rule)
        {
            errors[rule.Field] = [rule.Message];
        }

        var (defaultMin, defaultMax) = errors.ContainsKey("kind") ? (0, 0) : kind.DefaultRange;
        var min = request.Min ?? defaultMin;
        var max = request.Max ?? defaultMax;
        if (!errors.ContainsKey("kind"))
        {
            if (kind is ItemKind.YesNo && (min != 0 || max != 1))
            {
                errors["max"] = ["A yes/no item always ranges from 0 to 1."];
            }
            else if (!double.IsFinite(min) || !double.IsFinite(max) || min >= max || min < -1000 || max > 100000)
            {
                errors["max"] = ["The range needs min < max, both between -1000 and 100000."];
            }
            else if (kind.IsWholeNumber && (min != Math.Floor(min) || max != Math.Floor(max)))
            {
                errors["min"] = ["This kind takes whole numbers, so its range ends must be whole too."];
            }
        }

        if (errors.ContainsKey("unit"))
        {
            // Said already: a dose without its unit.
        }
        else if (request.Unit is { Length: > 20 })
        {
            errors["unit"] = ["The unit is at most 20 characters."];
        }
        else if (TextInput.HasNul(request.Unit))
        {
            errors["unit"] = [TextInput.NulMessage];
        }

        if (errors.Count == 0)
        {
            item = new TrackedItem
            {
                OwnerId = ownerId,
                Key = request.Key!,
                Label = request.Label!.Trim(),
                Group = group,
                Kind = kind,
                Min = min,
                Max = max,
                Unit = request.Unit?.Trim() ?? kind.Unit,
            };
        }

        return errors;
    }

    /// <summary>A treatment is taken or not (yes/no) or taken in a dose with its unit; a dose is only ever a treatment's.</summary>
    private static (string Field, string Message)? TreatmentRule(ItemGroup group, ItemKind kind, string? unit) => (group, kind) switch
    {
        (ItemGroup.Treatment, not (ItemKind.YesNo or ItemKind.Dose)) => ("kind", "A treatment is yes/no (taken or not) or a dose."),
        (not ItemGroup.Treatment, ItemKind.Dose) => ("kind", "A dose is for treatments; choose the group treatment."),
        (_, ItemKind.Dose) when string.IsNullOrWhiteSpace(unit) => ("unit", "A dose needs its unit, such as mg, tablets or ml."),
        _ => null,
    };
}
