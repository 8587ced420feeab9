namespace GutSkin.Web.Features.SelfCheck;

public sealed record AnswerOption(string Value, string Label);

/// <summary>One question; a symptom question also asks for how long (<see cref="DurationId"/>) unless the answer is "never".</summary>
public sealed record Question(string Id, string Text, string? Hint, IReadOnlyList<AnswerOption> Options, bool AsksDuration = false)
{
    public string DurationId => Id + "_for";
}

public sealed record QuestionStep(string Title, string Intro, IReadOnlyList<Question> Questions);

/// <summary>The self-check's questions, written for GutSkin. Values are stable: saved answers refer to them.</summary>
public static class SelfCheckQuestions
{
    public const string Never = "never";
    public const string Sometimes = "sometimes";
    public const string Often = "often";
    public const string Daily = "daily";
    public const string Yes = "yes";
    public const string No = "no";

    public static readonly IReadOnlyList<AnswerOption> Frequency =
    [
        new(Never, "Rarely or never"),
        new(Sometimes, "Now and then"),
        new(Often, "Most weeks"),
        new(Daily, "Most days"),
    ];

    public static readonly IReadOnlyList<AnswerOption> Duration =
    [
        new("weeks", "Less than 3 months"),
        new("months", "3 to 12 months"),
        new("years", "More than a year"),
    ];

    public static readonly IReadOnlyList<AnswerOption> YesNo = [new(Yes, "Yes"), new(No, "No")];

    private static readonly IReadOnlyList<AnswerOption> HowOftenFood =
    [
        new("rarely", "Rarely or never"),
        new("weekly", "A few times a week"),
        new("daily", "Most days"),
    ];

    public static IReadOnlyList<QuestionStep> Steps { get; } =
    [
        new("First, anything that needs a doctor soon", "These are not for a journal: if one applies, you will see at once what to do.",
        [
            new("blood_in_stool", "Have you seen blood in your stool, or black, tar-like stools?", null, YesNo),
            new("weight_loss", "Have you lost weight without trying or knowing why?", null, YesNo),
            new("fever_rash", "Do you have a fever together with a rash that is spreading or painful?", null, YesNo),
            new("severe_flare", "Has your skin suddenly flared up badly, far worse than it has ever been?", null, YesNo),
            new("skin_infection", "Does any patch of skin look infected: hot, swollen, weeping pus, crusting that spreads, or with red streaks?", null, YesNo),
        ]),
        new("Your skin", "How often has each of these bothered you, and for how long?",
        [
            new("redness", "Redness, flushing or rosacea on your face that keeps coming back", null, Frequency, AsksDuration: true),
            new("breakouts", "Breakouts or acne that washes, creams or other treatments on the skin have not cleared", null, Frequency, AsksDuration: true),
            new("dryness", "Dry, flaky or inflamed patches", null, Frequency, AsksDuration: true),
            new("eczema", "Eczema flare-ups", null, Frequency, AsksDuration: true),
            new("psoriasis", "Psoriasis flare-ups", null, Frequency, AsksDuration: true),
        ]),
        new("Your digestion", "How often, and for how long?",
        [
            new("bloating", "Bloating or a swollen, tight belly", null, Frequency, AsksDuration: true),
            new("constipation", "Constipation: hard stools, or fewer than three a week", null, Frequency, AsksDuration: true),
            new("irregular_digestion", "Irregular digestion: loose stools, urgency, or a pattern that keeps changing", null, Frequency, AsksDuration: true),
        ]),
        new("The last few months", "Both can upset the gut's bacteria for a while.",
        [
            new("antibiotics", "Have you taken antibiotics in the last 6 months?", null, YesNo),
            new("illness", "Have you had an infection, a fever or a stomach bug in the last 3 months?", null, YesNo),
        ]),
        new("What you eat", "Think of a typical week.",
        [
            new("sugar", "How many sugary foods or drinks on a typical day?", "Sweets, pastries, soft drinks, sweetened coffee or yoghurt.",
                [new("low", "None or one"), new("some", "Two or three"), new("high", "Four or more")]),
            new("processed", "How often do you eat processed food?", "Ready meals, processed meat, crisps and packaged snacks.", HowOftenFood),
            new("fermented", "How often do you eat fermented foods?", "Yoghurt or kefir with live cultures, sauerkraut, kimchi, miso.", HowOftenFood),
            new("prebiotic", "How often do you eat fibre-rich, prebiotic foods?", "Onions, garlic, leeks, oats, beans, lentils, slightly green bananas.", HowOftenFood),
        ]),
        new("Water, stress and sleep", "On a typical day.",
        [
            new("water", "How much water do you drink?", "Tea and other unsweetened drinks count too.",
                [new("low", "Less than 1 litre"), new("some", "1 to 2 litres"), new("enough", "2 litres or more")]),
            new("stress", "How stressed have you felt over the last month?", null,
                [new("low", "Hardly"), new("moderate", "Somewhat"), new("high", "Very")]),
            new("sleep", "How long do you usually sleep?", null,
                [new("short", "Less than 6 hours"), new("some", "6 to 7 hours"), new("enough", "7 hours or more")]),
        ]),
    ];

    public static IEnumerable<Question> All => Steps.SelectMany(s => s.Questions);

    public static IReadOnlyList<Question> RedFlags => Steps[0].Questions;

    /// <summary>What every red flag answered yes brings, on its own step and on the result.</summary>
    public const string DoctorAdvice = "Please see a doctor promptly.";

    /// <summary>The words under a red flag answered yes.</summary>
    public const string RedFlagAdvice = "This sign needs a doctor's look soon, whatever the rest of the check says; a journal is no substitute. You can still finish the check.";

    public static bool IsRedFlag(Question question) => RedFlags.Contains(question);

    public static Question? Find(string id) => All.FirstOrDefault(q => q.Id == id);
}
