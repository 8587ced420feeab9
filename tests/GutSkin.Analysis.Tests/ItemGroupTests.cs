using System.Text.Json;

namespace GutSkin.Analysis.Tests;

public sealed class ItemGroupTests
{
    [Theory]
    [InlineData(ItemGroup.Skin, "\"skin\"")]
    [InlineData(ItemGroup.Gut, "\"gut\"")]
    [InlineData(ItemGroup.Habit, "\"habit\"")]
    [InlineData(ItemGroup.Treatment, "\"treatment\"")]
    public void Serialize_AnyOptions_LowerCaseName(ItemGroup group, string json)
    {
        Assert.Equal(json, JsonSerializer.Serialize(group));
        Assert.Equal(json, JsonSerializer.Serialize(group, JsonSerializerOptions.Web));
        Assert.Equal(group, JsonSerializer.Deserialize<ItemGroup>(json));
    }
}
