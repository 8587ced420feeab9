using System.Text.Json;

namespace GutSkin.Analysis.Tests;

public sealed class NotTestedKindTests
{
    [Theory]
    [InlineData(NotTestedKind.TooFewDays, "tooFewDays")]
    [InlineData(NotTestedKind.TooFewYesDays, "tooFewYesDays")]
    [InlineData(NotTestedKind.TooFewNoDays, "tooFewNoDays")]
    [InlineData(NotTestedKind.FactorConstant, "factorConstant")]
    [InlineData(NotTestedKind.OutcomeConstant, "outcomeConstant")]
    [InlineData(NotTestedKind.OutOfRange, "outOfRange")]
    public void Serialize_AnyOptions_CamelCaseString(NotTestedKind kind, string name)
    {
        Assert.Equal($"\"{name}\"", JsonSerializer.Serialize(kind));
        Assert.Equal($"\"{name}\"", JsonSerializer.Serialize(kind, JsonSerializerOptions.Web));
    }

    [Fact]
    public void Analyze_OnlyYesDays_ReportsTooFewNoDaysWithWhatIsMissing()
    {
        var day0 = new DateOnly(2026, 1, 1);
        var values = new List<JournalValue>();
        for (var i = 0; i < 20; i++)
        {
            values.Add(new(day0.AddDays(i), "probiotic_supplement", 1));
            values.Add(new(day0.AddDays(i), "redness", i % 4));
        }

        var report = InsightsAnalyzer.Analyze(new JournalData(BuiltInCatalog.SeriesItems, values), 0);

        var pair = Assert.Single(report.NotTested, p => p.Outcome == "redness");
        Assert.Equal(NotTestedKind.TooFewNoDays, pair.Kind);
        Assert.Equal(10, pair.MissingDays);
        Assert.Equal("Only 0 paired days without a probiotic supplement; log 10 more days without it.", pair.Reason);
    }
}
