using System.Text.Json;

namespace GutSkin.Analysis.Tests;

public sealed class ExperimentVerdictTests
{
    [Theory]
    [InlineData(ExperimentVerdict.NoMeaningfulChange, "noMeaningfulChange")]
    [InlineData(ExperimentVerdict.Helped, "helped")]
    [InlineData(ExperimentVerdict.Worse, "worse")]
    [InlineData(ExperimentVerdict.NotYetClear, "notYetClear")]
    [InlineData(ExperimentVerdict.NotEnoughData, "notEnoughData")]
    public void Serialize_Verdict_CamelCaseString(ExperimentVerdict verdict, string name)
    {
        Assert.Equal($"\"{name}\"", JsonSerializer.Serialize(verdict));
        Assert.Equal(verdict, JsonSerializer.Deserialize<ExperimentVerdict>($"\"{name}\""));
    }
}
