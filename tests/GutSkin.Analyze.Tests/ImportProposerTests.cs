using GutSkin.Analysis;
using GutSkin.Interchange.Importing;
using static GutSkin.Analyze.Tests.ImportTestItems;

namespace GutSkin.Analyze.Tests;

/// <summary>The proposed mapping: catalog synonyms when the kinds fit, new items otherwise, stated scales and day rules; and the plan it makes.</summary>
public sealed class ImportProposerTests
{
    private static ImportMapping Of(List<ImportEntry> entries, string name) => entries.Single(e => e.Name == name).Mapping;

    [Fact]
    public void Flaredown_SymptomsGoToTheCatalogTimesTwoAndAHalf_TheDaysHighest()
    {
        var (_, entries, _) = Run(ImportFixtures.Flaredown(10).Text);

        Assert.Equal(new ImportMapping("item", "breakouts", "Breakouts / acne", "skin", "severity", 2.5, 0, "max"), Of(entries, "Acne"));
        Assert.Equal(("item", "redness", 2.5), (Of(entries, "Rosacea").Action, Of(entries, "Rosacea").Item, Of(entries, "Rosacea").Multiply));
        Assert.Equal(("probiotic_supplement", "any"), (Of(entries, "Probiotic").Item, Of(entries, "Probiotic").Combine));
        Assert.Equal(("sugary_foods", "sum"), (Of(entries, "Sugar").Item, Of(entries, "Sugar").Combine));
        Assert.Equal(new ImportMapping("new", "dry_flaky_skin", "Dry, flaky skin", "skin", "severity", 2.5, 0, "max", 0, 10), Of(entries, "Dry, flaky skin"));
        Assert.Equal(new ImportMapping("new", "stressed", "stressed", "habit", "yesno", 1, 0, "any", 0, 1), Of(entries, "stressed"));
        Assert.Equal("skip", Of(entries, "icon").Action);
        Assert.Equal("skip", Of(entries, "temperature_max").Action);
        var acne = entries.Single(e => e.Name == "Acne");
        Assert.Equal((10, 0.0, 4.0), (acne.Days, acne.Min, acne.Max));
        Assert.Equal(["0", "1", "2"], acne.Samples);
    }

    [Fact]
    public void Bearable_MoodEnergySleepWaterAndSupplements_HaveTheirScales()
    {
        var (_, entries, _) = Run(ImportFixtures.Bearable(10).Text);

        Assert.Equal(new ImportMapping("new", "mood", "Mood", "habit", "scale", 1, 0, "mean", 1, 10), Of(entries, "Mood"));
        Assert.Equal(new ImportMapping("new", "energy", "Energy", "habit", "scale", 1, 0, "mean", 1, 5), Of(entries, "Energy"));
        Assert.Equal(("sleep", "sum"), (Of(entries, "Sleep").Item, Of(entries, "Sleep").Combine));
        Assert.Equal("water", Of(entries, "Water").Item);
        Assert.Equal(("new", "treatment", "yesno"), (Of(entries, "Zinc").Action, Of(entries, "Zinc").Group, Of(entries, "Zinc").Kind));
        Assert.Equal(("new", "gut", 2.5), (Of(entries, "Stomach pain").Action, Of(entries, "Stomach pain").Group, Of(entries, "Stomach pain").Multiply));
        Assert.Equal("probiotic_supplement", Of(entries, "Probiotic").Item);
    }

    [Fact]
    public void Daylio_StandardMoodsAreAScale_RenamedMoodsYesNo()
    {
        var (_, entries, _) = Run("full_date,date,weekday,time,mood,activities,note_title,note\n2026-01-05,5 Jan,Monday,8:00 am,rad,probiotic | sugar,,\n2026-01-06,6 Jan,Tuesday,8:00 am,sad,,,\n");

        Assert.Equal(("new", "scale", 1.0, 5.0), (Of(entries, "Mood").Action, Of(entries, "Mood").Kind, Of(entries, "Mood").Min, Of(entries, "Mood").Max));
        Assert.Equal("yesno", Of(entries, "Mood: sad").Kind);
        Assert.Equal("probiotic_supplement", Of(entries, "probiotic").Item);
    }

    [Fact]
    public void CustomItems_AreMatchedByTheirLabel()
    {
        List<ITrackedItem> items = [.. Catalog, new CatalogItem("dairy", "Dairy", ItemGroup.Habit, ItemKind.Servings, 0, 20)];

        var (_, entries, _) = Run("Date,Dairy,Fish oil\n2026-01-05,2,1\n", items: items);

        Assert.Equal(("item", "dairy", "sum"), (Of(entries, "Dairy").Action, Of(entries, "Dairy").Item, Of(entries, "Dairy").Combine));
        Assert.Equal(("new", "fish_oil"), (Of(entries, "Fish oil").Action, Of(entries, "Fish oil").Item));
    }

    [Fact]
    public void Fractions_GoOnlyToItemsOfFractions_ElseSkip()
    {
        var (_, entries, _) = Run("Date,Water,Weight\n2026-01-05,1.5,70.2\n");

        Assert.Equal("water", Of(entries, "Water").Item);
        Assert.Equal("skip", Of(entries, "Weight").Action);
    }

    [Fact]
    public void YesNoThings_DoNotGoIntoRatings()
    {
        // "Stress" is a severity; a stress tag says only that there was some.
        var (_, entries, _) = Run("Date,Stressed,Stress\n2026-01-05,yes,7\n");

        Assert.Equal("new", Of(entries, "Stressed").Action);
        Assert.Equal(("stress", 1.0, "max"), (Of(entries, "Stress").Item, Of(entries, "Stress").Multiply, Of(entries, "Stress").Combine));
    }

    [Fact]
    public void Conversions_AreStatedInWords()
    {
        Assert.Equal("Each value × 2.5, rounded to a whole number; several a day: the day's highest.", new ImportMapping("item", "breakouts", Kind: "severity", Multiply: 2.5, Combine: "max").Conversion);
        Assert.Equal("Values as they are; any mention on a day counts as yes.", new ImportMapping("item", "probiotic_supplement", Kind: "yesno", Combine: "any").Conversion);
        Assert.Equal("Each value − 1; several a day: added up.", new ImportMapping("new", "x", Kind: "hours", Add: -1, Combine: "sum").Conversion);
        Assert.Equal("Not imported.", new ImportMapping("skip").Conversion);
    }

    [Fact]
    public void MappingChecks_NameTheField()
    {
        var entry = new ImportEntry("Acne", "symptom", 1, 0, 4, [], new ImportMapping("maybe", Multiply: double.NaN, Combine: "median"));

        var errors = ImportMapping.Check([entry, null, entry with { Mapping = new ImportMapping("item") }]);

        Assert.Equal(["mapping[0].action", "mapping[0].combine", "mapping[0].multiply", "mapping[1]", "mapping[2].item"], errors.Keys.Order(StringComparer.Ordinal));
    }

    public static TheoryData<string> Fixtures => ["Flaredown", "Bearable", "Daylio", "Wide"];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void ProposedMapping_PlansExactlyWhatTheFixtureIntends(string name)
    {
        var fixture = name switch
        {
            "Flaredown" => ImportFixtures.Flaredown(30),
            "Bearable" => ImportFixtures.Bearable(30),
            "Daylio" => ImportFixtures.Daylio(30),
            _ => ImportFixtures.Wide(30),
        };

        var (read, _, plan) = Run(fixture.Text);

        Assert.Empty(read.Problems);
        Assert.Empty(plan.Problems);
        var planned = plan.Days.ToDictionary(d => d.Key.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), d => d.Value);
        Assert.Equal(fixture.Expected.Keys, planned.Keys.Order(StringComparer.Ordinal));
        foreach (var (day, values) in fixture.Expected)
        {
            Assert.Equal(values.OrderBy(v => v.Key, StringComparer.Ordinal), planned[day].OrderBy(v => v.Key, StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Plan_SkipsDiaryTextAndEmptyValues_WithTheirLines()
    {
        var (_, _, plan) = Run(ImportFixtures.Flaredown(2).Text);

        // Line 19 is day 2's empty Headache; weather rows are skipped by the mapping.
        Assert.Contains(plan.Skipped, s => s.Line == 19 && s.Message.StartsWith("Headache", StringComparison.Ordinal));
        Assert.Contains(plan.Skipped, s => s.Message == "icon: skipped.");
    }

    [Fact]
    public void Plan_ValuesOutOfRangeAfterConversion_AndFutureDays_AreProblemsOnTheirLines()
    {
        var (_, entries, _) = Run("Date,Redness\n2026-01-05,2\n2026-01-06,5\n2026-06-20,1\n");
        var times3 = entries.Select(e => e with { Mapping = e.Mapping with { Multiply = 3 } }).ToList();

        var plan = ImportPlanner.Plan(ImportReader.Read("Date,Redness\n2026-01-05,2\n2026-01-06,5\n2026-06-20,1\n"), times3, k => BuiltInCatalog.TryGet(k, out var i) ? i : null, new DateOnly(2026, 6, 15));

        Assert.Equal([3, 4], plan.Problems.Select(p => p.Line));
        Assert.Contains("must be between 0 and 10", plan.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ANumberExpectedButTextFound_IsAProblem()
    {
        var read = ImportReader.Read("Date,Redness\n2026-01-05,4\n2026-01-06,=A1*2\n");
        var entries = ImportProposer.Propose(read, Catalog, Keys());

        var plan = ImportPlanner.Plan(read, entries, k => BuiltInCatalog.TryGet(k, out var i) ? i : null, new DateOnly(2026, 6, 15));

        Assert.Equal(3, Assert.Single(plan.Problems).Line);
    }
}
