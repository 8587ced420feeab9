using System.Text.Json;

namespace GutSkin.Analysis.Tests;

public sealed class ExperimentResultTests
{
    [Fact]
    public void Serialize_WebDefaults_HasTheSpecifiedPropertyNames()
    {
        var result = new ExperimentResult(120, 80.5, -1.1, 0.3, -1.7, -0.5, 0.001, 60, 60, 14, 0.9, ExperimentVerdict.Helped, null, 5.0, 3.9);

        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(result, JsonSerializerOptions.Web));

        var names = doc.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(
            ["n", "effectiveDays", "effect", "standardError", "ciLow", "ciHigh", "pValue", "baselineDays", "interventionDays",
                "excludedDays", "adherence", "verdict", "moreDaysNeeded", "baselineMean", "interventionMean"],
            names);
        Assert.Equal("helped", doc.RootElement.GetProperty("verdict").GetString());
    }
}
