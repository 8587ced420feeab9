using GutSkin.Web.Features.SelfCheck;

namespace GutSkin.Web.Tests.SelfCheck;

public sealed class SelfCheckScoringTests
{
    /// <summary>Every question answered with the calmest option: no red flag, no sign, no factor.</summary>
    public const string Calm =
        "blood_in_stool=no&weight_loss=no&fever_rash=no&severe_flare=no&skin_infection=no" +
        "&redness=never&breakouts=never&dryness=never&eczema=never&psoriasis=never" +
        "&bloating=never&constipation=never&irregular_digestion=never" +
        "&antibiotics=no&illness=no&sugar=low&processed=weekly&fermented=weekly&prebiotic=weekly" +
        "&water=enough&stress=low&sleep=enough";

    /// <summary>The calm answers with some replaced: later pairs win.</summary>
    public static SelfCheckAnswers With(string changes) => SelfCheckAnswers.Parse(Calm + "&" + changes);

    [Theory]
    [InlineData("", GutLinkBand.NoSkinSigns, 0, "", "probiotic")]
    [InlineData("redness=daily&redness_for=years", GutLinkBand.Low, 0, "redness", "probiotic")]
    [InlineData("redness=sometimes&redness_for=weeks", GutLinkBand.NoSkinSigns, 0, "", "probiotic")]
    [InlineData("redness=sometimes&redness_for=months", GutLinkBand.Low, 0, "redness", "probiotic")]
    [InlineData("breakouts=often&breakouts_for=months&bloating=often&bloating_for=months", GutLinkBand.Moderate, 3, "breakouts bloating", "probiotic")]
    [InlineData("eczema=daily&eczema_for=years&bloating=daily&bloating_for=years&constipation=often&constipation_for=months&antibiotics=yes&sugar=high", GutLinkBand.Higher, 6, "eczema bloating constipation antibiotics sugary_foods", "sugar")]
    [InlineData("dryness=often&dryness_for=weeks&water=low&stress=high&sleep=short&processed=daily", GutLinkBand.Moderate, 3, "dryness processed_foods water stress sleep", "probiotic")]
    [InlineData("psoriasis=often&psoriasis_for=years&irregular_digestion=often&irregular_digestion_for=weeks", GutLinkBand.Low, 2, "psoriasis irregular_digestion", "probiotic")]
    [InlineData("bloating=daily&bloating_for=years&antibiotics=yes&illness=yes&sugar=high", GutLinkBand.NoSkinSigns, 5, "bloating antibiotics illness sugary_foods", "sugar")]
    [InlineData("redness=often&redness_for=months&fermented=rarely", GutLinkBand.Low, 1, "redness fermented_foods", "fermented")]
    [InlineData("redness=often&redness_for=months&antibiotics=yes&sugar=some", GutLinkBand.Low, 2, "redness antibiotics sugary_foods", "probiotic")]
    [InlineData("redness=often&redness_for=months&sugar=some&prebiotic=rarely&bloating=sometimes&bloating_for=years", GutLinkBand.Higher, 5, "redness bloating sugary_foods prebiotic_foods", "sugar")]
    [InlineData("breakouts=daily&breakouts_for=years&bloating=often&bloating_for=weeks&constipation=daily&constipation_for=weeks&irregular_digestion=often&irregular_digestion_for=weeks", GutLinkBand.Moderate, 3, "breakouts bloating constipation irregular_digestion", "probiotic")]
    public void Score_AnswersTable_GivesBandPointsSignsAndExperiment(string changes, GutLinkBand band, int points, string signs, string experiment)
    {
        var result = SelfCheckScoring.Score(With(changes));

        Assert.Equal(band, result.Band);
        Assert.Equal(points, result.Points);
        Assert.Equal(signs.Split(' ', StringSplitOptions.RemoveEmptyEntries), result.Signs.Select(s => s.Id));
        Assert.Equal(experiment, result.Experiment);
        Assert.False(result.SeeDoctor);
        Assert.All(result.Signs, s => Assert.False(string.IsNullOrWhiteSpace(s.Explanation)));
    }

    [Theory]
    [InlineData("blood_in_stool")]
    [InlineData("weight_loss")]
    [InlineData("fever_rash")]
    [InlineData("severe_flare")]
    [InlineData("skin_infection")]
    public void Score_AnyRedFlag_SaysSeeADoctorWhateverElse(string flag)
    {
        var calm = SelfCheckScoring.Score(With($"{flag}=yes"));
        var strong = SelfCheckScoring.Score(With($"{flag}=yes&eczema=daily&eczema_for=years&bloating=daily&bloating_for=years&antibiotics=yes&sugar=high"));

        Assert.True(calm.SeeDoctor);
        Assert.Equal([SelfCheckQuestions.Find(flag)!.Text], calm.RedFlags);
        Assert.True(strong.SeeDoctor);
        Assert.Equal(GutLinkBand.Higher, strong.Band);
    }

    [Fact]
    public void Score_TrackItems_FollowTheSignsAndAlwaysIncludeTheFiveHabits()
    {
        var result = SelfCheckScoring.Score(With("breakouts=often&breakouts_for=months&constipation=often&constipation_for=years&sleep=short&antibiotics=yes&sugar=high&water=low"));

        Assert.Equal(
            ["breakouts", "constipation", "stool_form", "probiotic_supplement", "fermented_foods", "prebiotic_foods", "sugary_foods", "processed_foods", "water", "stress", "sleep", "antibiotics"],
            result.TrackItems);
        Assert.Equal(["water", "sugary_foods"], result.Targets.Select(t => t.Key));
        Assert.Equal((2.0, (double?)null), (result.Targets.Single(t => t.Key == "water").Min!.Value, result.Targets.Single(t => t.Key == "water").Max));
        Assert.Equal(1.0, result.Targets.Single(t => t.Key == "sugary_foods").Max);
    }

    [Fact]
    public void Score_NoSkinSignReported_StillTracksTheCommonSkinItems()
    {
        var result = SelfCheckScoring.Score(SelfCheckAnswers.Parse(Calm));

        Assert.Equal(["redness", "breakouts"], result.TrackItems.Take(2));
        Assert.Empty(result.Targets);
    }

    [Fact]
    public void Answers_UnknownQuestionsOrOptions_AreDroppedAndRoundTrip()
    {
        var answers = SelfCheckAnswers.Parse("redness=daily&redness_for=forever&bogus=yes&sugar=lots&water=low&stress_for=years&x");

        Assert.Equal("redness=daily&water=low", answers.ToString());
        Assert.Equal(answers.ToString(), SelfCheckAnswers.Parse(answers.ToString()).ToString());
        Assert.False(answers.IsComplete);
        Assert.True(SelfCheckAnswers.Parse(Calm).IsComplete);
    }

    [Fact]
    public void Answers_DurationIsOnlyRequiredWhenTheSymptomIsThere()
    {
        var skin = SelfCheckQuestions.Steps[1];

        Assert.Empty(SelfCheckAnswers.Parse(Calm).Missing(skin));
        Assert.Equal(["redness_for"], With("redness=sometimes").Missing(skin));
    }

    [Fact]
    public void Questions_CoverTheIssuesTopicsInAboutADozenQuestionsPlusRedFlags()
    {
        Assert.Equal(5, SelfCheckQuestions.RedFlags.Count);
        var topics = SelfCheckQuestions.All.Except(SelfCheckQuestions.RedFlags).Select(q => q.Id).ToList();
        Assert.InRange(topics.Count, 12, 17);
        Assert.All(SelfCheckQuestions.Steps, s => Assert.InRange(s.Questions.Count, 2, 5));
        Assert.Equal(SelfCheckQuestions.All.Count(), SelfCheckQuestions.All.Select(q => q.Id).Distinct().Count());
    }
}
