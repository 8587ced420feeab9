using System.Text.Json;

namespace GutSkin.Analysis.Tests;

public sealed class InsightsReportTests
{
    [Fact]
    public void Serialize_WebDefaults_HasExactlyTheSpecifiedPropertyNames()
    {
        var report = new InsightsReport(
            3,
            [new AssociationResult("sugary_foods", "breakouts", 2, 180, 150.5, 0.8, 0.2, 0.4, 1.2, 0.001, 0.01)],
            [new NotTestedPair("antibiotics", "redness", 0, 40, "Only 6 paired days with antibiotics; log 4 more days with it.", NotTestedKind.TooFewYesDays, 4)],
            [new Finding("sugary_foods", "breakouts", 2, "Two days after…", 0.8, 0.4, 1.2, 180, 0.001, 0.01, false)]);

        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(report, JsonSerializerOptions.Web));
        var root = doc.RootElement;

        Assert.Equal(["maxLag", "associations", "notTested", "findings"], Names(root));
        Assert.Equal(
            ["factor", "outcome", "lagDays", "n", "effectiveDays", "effect", "standardError", "ciLow", "ciHigh", "pValue", "qValue"],
            Names(root.GetProperty("associations")[0]));
        Assert.Equal(["factor", "outcome", "lagDays", "n", "reason", "kind", "missingDays"], Names(root.GetProperty("notTested")[0]));
        Assert.Equal("tooFewYesDays", root.GetProperty("notTested")[0].GetProperty("kind").GetString());
        Assert.Equal(
            ["factor", "outcome", "lagDays", "text", "effect", "ciLow", "ciHigh", "n", "pValue", "qValue", "isGutSkinLink", "plain", "strength"],
            Names(root.GetProperty("findings")[0]));
        Assert.Equal("clear", root.GetProperty("findings")[0].GetProperty("strength").GetString());
    }

    private static List<string> Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];
}
