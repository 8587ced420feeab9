using GutSkin.Web.Features.Plan;

namespace GutSkin.Web.Features.SelfCheck;

public enum SignKind
{
    Skin,
    Gut,
    Factor,
}

/// <summary>How strongly the answers point to a gut link: a hint from a questionnaire, never a measurement.</summary>
public enum GutLinkBand
{
    /// <summary>No lasting skin trouble reported: nothing to link.</summary>
    NoSkinSigns,
    Low,
    Moderate,
    Higher,
}

public sealed record Sign(string Id, SignKind Kind, string Title, string Explanation);

public sealed record SelfCheckResult(
    IReadOnlyList<string> RedFlags,
    IReadOnlyList<Sign> Signs,
    GutLinkBand Band,
    int Points,
    IReadOnlyList<string> TrackItems,
    IReadOnlyList<SuggestedTarget> Targets,
    string Experiment)
{
    public bool SeeDoctor => RedFlags.Count > 0;
}

/// <summary>
/// Turns self-check answers into a result. A skin or gut sign counts when it comes most weeks or
/// more, or now and then for 3 months or more. Points: gut signs 2 (3 for two or more), skin and gut
/// signs both lasting 3 months or more 1, each habit or event that can upset the gut 1 (at most 3).
/// Bands for someone with a skin sign: 0–2 low, 3–4 moderate, 5–7 higher.
/// </summary>
public static class SelfCheckScoring
{
    public const int MaxFactorPoints = 3;

    private static readonly (string Id, string Title, string Explanation)[] SkinSigns =
    [
        ("redness", "Lasting redness or rosacea", "Studies find rosacea together with gut conditions, such as an overgrowth of bacteria in the small intestine, more often than chance would suggest, and some people flush after particular foods."),
        ("breakouts", "Breakouts that skin treatments have not cleared", "When acne does not respond to what goes on the skin, what goes into the body is worth a look: sugary, quickly digested foods have been linked with breakouts, partly through the gut and hormones."),
        ("dryness", "Dry, flaky or inflamed patches", "The skin's barrier responds to inflammation elsewhere in the body, and the gut is one of the largest places where the immune system meets the outside world."),
        ("eczema", "Eczema flare-ups", "In studies, people with eczema more often have a less varied mix of gut bacteria. That is a link seen in groups, not proof that the gut causes anyone's flares."),
        ("psoriasis", "Psoriasis flare-ups", "Psoriasis and inflammatory bowel disease occur together more often than chance would suggest; both involve the immune system."),
    ];

    private static readonly (string Id, string Title, string Explanation)[] GutSigns =
    [
        ("bloating", "Bloating", "Bloating can mean gut bacteria are fermenting food in a way that does not suit you. When it comes together with skin trouble, the two may share a cause."),
        ("constipation", "Constipation", "Slow digestion changes which bacteria thrive in the gut and what they make, and some people notice their skin change when digestion is slow."),
        ("irregular_digestion", "Irregular digestion", "A changing pattern of loose and hard stools is a sign of an unsettled gut, the starting point of the gut–skin idea."),
    ];

    /// <summary>The habits and events that can upset the gut: the question, the answers that flag it, and the sign.</summary>
    private static readonly (string Question, string[] Answers, string Id, string Title, string Explanation)[] FactorSigns =
    [
        ("antibiotics", [SelfCheckQuestions.Yes], "antibiotics", "Antibiotics in the last 6 months", "Antibiotics clear helpful gut bacteria along with the harmful ones, and the gut's mix can take weeks to months to recover."),
        ("illness", [SelfCheckQuestions.Yes], "illness", "A recent infection or stomach bug", "Illness can unsettle the gut's bacteria and keep the body's inflammation up for a while."),
        ("sugar", ["some", "high"], "sugary_foods", "Two or more sugary foods or drinks a day", "Plenty of sugar favours some gut bacteria over others and raises blood sugar quickly, which has been linked with breakouts."),
        ("processed", ["daily"], "processed_foods", "Processed food most days", "Processed foods tend to be low in the fibre that helpful gut bacteria live on."),
        ("fermented", ["rarely"], "fermented_foods", "Few fermented foods", "Fermented foods bring live bacteria and what they make; eating them rarely means missing one easy source."),
        ("prebiotic", ["rarely"], "prebiotic_foods", "Little prebiotic fibre", "Prebiotic fibre is food for helpful gut bacteria; with little of it they go short."),
        ("water", ["low"], "water", "Little water", "Too little to drink makes constipation more likely and can show as dry skin."),
        ("stress", ["high"], "stress", "A lot of stress", "Stress acts on both the gut and the skin through nerves and hormones, and can set off flares in each."),
        ("sleep", ["short"], "sleep", "Short sleep", "Short nights raise stress hormones and go together with both gut upsets and skin flares."),
    ];

    /// <summary>Short sleep, antibiotics and a recent illness are tracked only when the answers flagged them.</summary>
    private static readonly string[] TrackedWhenFlagged = ["sleep", "antibiotics", "illness"];

    public static SelfCheckResult Score(SelfCheckAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var redFlags = SelfCheckQuestions.RedFlags.Where(q => answers[q.Id] == SelfCheckQuestions.Yes).Select(q => q.Text).ToList();

        var skin = SkinSigns.Where(s => Applies(answers, s.Id)).Select(s => new Sign(s.Id, SignKind.Skin, s.Title, s.Explanation)).ToList();
        var gut = GutSigns.Where(s => Applies(answers, s.Id)).Select(s => new Sign(s.Id, SignKind.Gut, s.Title, s.Explanation)).ToList();
        var factors = Factors(answers).ToList();

        var points = (gut.Count >= 2 ? 3 : gut.Count == 1 ? 2 : 0)
            + (skin.Any(s => Lasting(answers, s.Id)) && gut.Any(s => Lasting(answers, s.Id)) ? 1 : 0)
            + Math.Min(factors.Count, MaxFactorPoints);
        var band = skin.Count == 0 ? GutLinkBand.NoSkinSigns
            : points >= 5 ? GutLinkBand.Higher
            : points >= 3 ? GutLinkBand.Moderate
            : GutLinkBand.Low;

        return new SelfCheckResult(redFlags, [.. skin, .. gut, .. factors], band, points, TrackItems(answers, skin, gut, factors), Targets(factors), Experiment(answers));
    }

    /// <summary>Most weeks or more, or now and then for 3 months or more.</summary>
    public static bool Applies(SelfCheckAnswers answers, string id) => answers[id] switch
    {
        SelfCheckQuestions.Often or SelfCheckQuestions.Daily => true,
        SelfCheckQuestions.Sometimes => Lasting(answers, id),
        _ => false,
    };

    private static bool Lasting(SelfCheckAnswers answers, string id) => answers[id + "_for"] is "months" or "years";

    private static IEnumerable<Sign> Factors(SelfCheckAnswers a) =>
        FactorSigns.Where(f => a[f.Question] is { } answer && f.Answers.Contains(answer)).Select(f => new Sign(f.Id, SignKind.Factor, f.Title, f.Explanation));

    /// <summary>The skin and gut items reported (or, with none, the two most common skin ones), the five habits, and whatever else the answers flagged.</summary>
    private static List<string> TrackItems(SelfCheckAnswers answers, List<Sign> skin, List<Sign> gut, List<Sign> factors)
    {
        var items = new List<string>();
        var reported = SkinSigns.Select(s => s.Id).Where(id => answers[id] is { } f && f != SelfCheckQuestions.Never).ToList();
        items.AddRange(skin.Count > 0 ? skin.Select(s => s.Id) : reported.Count > 0 ? reported : ["redness", "breakouts"]);
        items.AddRange(GutSigns.Select(s => s.Id).Where(id => gut.Any(g => g.Id == id) || answers[id] is SelfCheckQuestions.Sometimes));
        if (gut.Any(g => g.Id is "constipation" or "irregular_digestion"))
        {
            items.Add("stool_form");
        }

        items.AddRange(["probiotic_supplement", "fermented_foods", "prebiotic_foods", "sugary_foods", "processed_foods", "water", "stress"]);
        items.AddRange(TrackedWhenFlagged.Where(id => factors.Any(f => f.Id == id)));
        return items;
    }

    /// <summary>The suggested target of each habit the answers flagged.</summary>
    private static List<SuggestedTarget> Targets(List<Sign> factors) =>
        [.. PlanService.Suggestions.Where(s => factors.Any(f => f.Id == s.Key))];

    /// <summary>Less sugar when there is a lot of it; a probiotic after antibiotics; fermented foods when they are rare; otherwise a probiotic.</summary>
    private static string Experiment(SelfCheckAnswers a) =>
        a["sugar"] == "high" ? "sugar"
        : a["antibiotics"] == SelfCheckQuestions.Yes ? "probiotic"
        : a["sugar"] == "some" ? "sugar"
        : a["fermented"] == "rarely" ? "fermented"
        : "probiotic";

    public static string BandTitle(GutLinkBand band) => band switch
    {
        GutLinkBand.NoSkinSigns => "Nothing to link yet",
        GutLinkBand.Low => "A weak hint",
        GutLinkBand.Moderate => "A moderate hint",
        GutLinkBand.Higher => "A clearer hint",
    };

    public static string BandText(GutLinkBand band) => band switch
    {
        GutLinkBand.NoSkinSigns => "You reported no skin trouble that comes often or lasts, so there is nothing here to tie to your gut. If your skin changes, take the check again.",
        GutLinkBand.Low => "Your skin trouble comes with few of the gut signs and habits that the gut–skin idea points to. Something else may matter more for you, such as skin care, hormones, allergies or the weather.",
        GutLinkBand.Moderate => "Some of your answers fit the gut–skin idea: worth tracking for a few weeks to see whether your skin follows your gut and your habits.",
        GutLinkBand.Higher => "Several of your answers fit the gut–skin idea: skin and gut signs together, and habits or events that can upset the gut. Tracking can show whether they move together for you.",
    };
}
