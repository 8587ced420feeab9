namespace GutSkin.Analysis.Tests;

public sealed class ExperimentDesignTests
{
    private static readonly DateOnly Day0 = new(2026, 1, 1);

    [Fact]
    public void AB_BuildsBaselineThenIntervention()
    {
        var design = ExperimentDesign.AB(Day0, Day0.AddDays(30), Day0.AddDays(60));

        Assert.Equal([new ExperimentBlock(Day0, false), new ExperimentBlock(Day0.AddDays(30), true)], design.Blocks);
        Assert.Equal(Day0, design.Start);
        Assert.Equal(Day0.AddDays(60), design.End);
        Assert.Equal(14, design.OnsetDays);
    }

    [Fact]
    public void AB_SwitchOnStart_Throws() =>
        Assert.Throws<ArgumentException>(() => ExperimentDesign.AB(Day0, Day0, Day0.AddDays(10)));

    [Fact]
    public void AB_EndBeforeSwitch_Throws() =>
        Assert.Throws<ArgumentException>(() => ExperimentDesign.AB(Day0, Day0.AddDays(10), Day0.AddDays(9)));

    [Fact]
    public void AB_NegativeOnset_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ExperimentDesign.AB(Day0, Day0.AddDays(10), Day0.AddDays(20), -1));

    [Fact]
    public void Alternating_AllBlocksInOneState_Throws() =>
        Assert.Throws<ArgumentException>(() => ExperimentDesign.Alternating(
            [new ExperimentBlock(Day0, true), new ExperimentBlock(Day0.AddDays(5), true)], Day0.AddDays(9), 0));

    [Fact]
    public void Alternating_BlocksOutOfOrder_Throws() =>
        Assert.Throws<ArgumentException>(() => ExperimentDesign.Alternating(
            [new ExperimentBlock(Day0.AddDays(5), false), new ExperimentBlock(Day0, true)], Day0.AddDays(9), 0));

    [Fact]
    public void Alternating_NoBlocks_Throws() =>
        Assert.Throws<ArgumentException>(() => ExperimentDesign.Alternating([], Day0, 0));

    [Fact]
    public void Alternating_OnsetAfterEverySwitchButNotAtAStartingBaseline()
    {
        var design = ExperimentDesign.Alternating(
            [new(Day0, false), new(Day0.AddDays(5), true), new(Day0.AddDays(10), false)], Day0.AddDays(14), 2);
        var outcome = Enumerable.Range(0, 15).ToDictionary(i => Day0.AddDays(i), i => (double)i);

        var r = ExperimentAnalyzer.Analyze(outcome, null, design);

        // Days 5-6 (onset) and 10-11 (wash-out) are left out.
        Assert.Equal(4, r.ExcludedDays);
        Assert.Equal((8, 3), (r.BaselineDays, r.InterventionDays));
    }

    [Fact]
    public void Alternating_StartingOnIntervention_LeavesOutItsFirstDays()
    {
        var design = ExperimentDesign.Alternating([new(Day0, true), new(Day0.AddDays(10), false)], Day0.AddDays(19), 3);
        var outcome = Enumerable.Range(0, 20).ToDictionary(i => Day0.AddDays(i), i => (double)(i % 3));

        var r = ExperimentAnalyzer.Analyze(outcome, null, design);

        Assert.Equal(6, r.ExcludedDays);
        Assert.Equal((7, 7), (r.BaselineDays, r.InterventionDays));
    }

    [Fact]
    public void Alternating_ConsecutiveBlocksInOneState_FormOneRunWithoutOnsetBetween()
    {
        var design = ExperimentDesign.Alternating(
            [new(Day0, false), new(Day0.AddDays(10), true), new(Day0.AddDays(20), true)], Day0.AddDays(29), 4);
        var outcome = Enumerable.Range(0, 30).ToDictionary(i => Day0.AddDays(i), i => (double)(i % 3));

        Assert.Equal(4, ExperimentAnalyzer.Analyze(outcome, null, design).ExcludedDays);
    }

    [Fact]
    public void Alternating_OnsetLongerThanBlock_ClampsToTheBlock()
    {
        var design = ExperimentDesign.Alternating([new(Day0, false), new(Day0.AddDays(10), true)], Day0.AddDays(12), 30);
        var outcome = Enumerable.Range(0, 13).ToDictionary(i => Day0.AddDays(i), i => (double)i);

        Assert.Equal(3, ExperimentAnalyzer.Analyze(outcome, null, design).ExcludedDays);
    }
}
