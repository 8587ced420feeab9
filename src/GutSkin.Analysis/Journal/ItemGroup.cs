using System.Text.Json.Serialization;

namespace GutSkin.Analysis;

/// <summary>The group a tracked item belongs to; it decides which pairs the insights test.</summary>
/// <remarks>Serialises as <c>"skin"</c>, <c>"gut"</c>, <c>"habit"</c> or <c>"treatment"</c>, whatever the serializer's naming policy.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<ItemGroup>))]
public enum ItemGroup
{
    /// <summary>A skin symptom (an outcome).</summary>
    [JsonStringEnumMemberName("skin")]
    Skin,

    /// <summary>A gut symptom: an outcome of habits and a factor for skin items.</summary>
    [JsonStringEnumMemberName("gut")]
    Gut,

    /// <summary>A habit or exposure (a factor).</summary>
    [JsonStringEnumMemberName("habit")]
    Habit,

    /// <summary>A treatment or medication the member takes (yes/no or a dose): a factor, like a habit.</summary>
    [JsonStringEnumMemberName("treatment")]
    Treatment,
}
