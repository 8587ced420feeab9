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

    [Fact]
    public void Phases_AB_BaselineThenOnsetThenIntervention()
    {
        var phases = ExperimentDesign.AB(Day0, Day0.AddDays(3), Day0.AddDays(6), onsetDays: 2).Phases();

        Assert.Equal(
            [ExperimentPhase.Baseline, ExperimentPhase.Baseline, ExperimentPhase.Baseline, ExperimentPhase.Onset, ExperimentPhase.Onset, ExperimentPhase.Intervention, ExperimentPhase.Intervention],
            phases);
    }

    [Fact]
    public void Phases_Alternating_SwitchingOffWashesOut_AndConsecutiveBlocksDoNot()
    {
        var design = ExperimentDesign.Alternating(
            [new(Day0, false), new(Day0.AddDays(2), true), new(Day0.AddDays(4), true), new(Day0.AddDays(6), false)], Day0.AddDays(8), 1);

        Assert.Equal(
            [ExperimentPhase.Baseline, ExperimentPhase.Baseline, ExperimentPhase.Onset, ExperimentPhase.Intervention, ExperimentPhase.Intervention,
                ExperimentPhase.Intervention, ExperimentPhase.WashOut, ExperimentPhase.Baseline, ExperimentPhase.Baseline],
            design.Phases());
    }

    [Fact]
    public void PhaseNames_AreTheirJson() =>
        Assert.All(Enum.GetValues<ExperimentPhase>(), p => Assert.Equal($"\"{p.Name}\"", System.Text.Json.JsonSerializer.Serialize(p)));

    [Fact]
    public void Adherence_CountsInterventionDaysUpToToday_OnsetIncluded_WashOutNot()
    {
        // Off 0-3, on 4-7 (4 onset), off 8-11 (8 wash-out).
        var design = ExperimentDesign.Alternating([new(Day0, false), new(Day0.AddDays(4), true), new(Day0.AddDays(8), false)], Day0.AddDays(11), 1);
        var taken = new Dictionary<DateOnly, double> { [Day0.AddDays(4)] = 1, [Day0.AddDays(5)] = 0, [Day0.AddDays(6)] = 2, [Day0.AddDays(8)] = 1 };

        Assert.Null(design.Adherence(taken, Day0.AddDays(3)));
        Assert.Equal(1.0, design.Adherence(taken, Day0.AddDays(4)));
        Assert.Equal(2 / 3.0, design.Adherence(taken, Day0.AddDays(6)));
        Assert.Equal(2 / 4.0, design.Adherence(taken, Day0.AddDays(11)));
    }

    [Fact]
    public void Adherence_WithATarget_CountsTheDaysThatMetIt()
    {
        var cut = ExperimentDesign.AB(Day0, Day0.AddDays(2), Day0.AddDays(5), onsetDays: 0, target: new DailyTarget(1, IsMaximum: true));
        var atLeast = ExperimentDesign.AB(Day0, Day0.AddDays(2), Day0.AddDays(5), onsetDays: 0, target: new DailyTarget(2, IsMaximum: false));
        // Days 2-5 are on: 0 servings, 1, 3 and not logged.
        var servings = new Dictionary<DateOnly, double> { [Day0.AddDays(2)] = 0, [Day0.AddDays(3)] = 1, [Day0.AddDays(4)] = 3 };

        Assert.Equal(2 / 4.0, cut.Adherence(servings, cut.End));
        Assert.Equal(1 / 4.0, atLeast.Adherence(servings, atLeast.End));
    }
}
