namespace GutSkin.Web.Features.SelfCheck;

/// <summary>
/// Answers by question id (and <c>{id}_for</c> for how long), holding only known ids and options.
/// Written as <c>id=value&amp;…</c> so they can travel in a form or a protected token.
/// </summary>
public sealed class SelfCheckAnswers
{
    private readonly Dictionary<string, string> _values;

    private SelfCheckAnswers(Dictionary<string, string> values) => _values = values;

    public static SelfCheckAnswers Empty { get; } = new([]);

    public IReadOnlyDictionary<string, string> Values => _values;

    public string? this[string id] => _values.GetValueOrDefault(id);

    /// <summary>Keeps the pairs whose question and option exist; anything else is dropped, never trusted.</summary>
    public static SelfCheckAnswers From(IEnumerable<KeyValuePair<string, string?>> pairs)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, value) in pairs)
        {
            if (value is not null && IsValid(id, value))
            {
                values[id] = value;
            }
        }

        return new SelfCheckAnswers(values);
    }

    /// <summary>Reads <c>id=value&amp;id=value</c>, e.g. <c>redness=daily&amp;redness_for=years&amp;bloating=often</c>.</summary>
    public static SelfCheckAnswers Parse(string? text) =>
        From((text ?? "").Split('&', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .Select(parts => KeyValuePair.Create(parts[0], (string?)parts[1])));

    public override string ToString() => string.Join('&', _values.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    /// <summary>The questions of a step left unanswered (a duration only counts when the symptom is not "never").</summary>
    public IEnumerable<string> Missing(QuestionStep step)
    {
        foreach (var question in step.Questions)
        {
            if (this[question.Id] is null)
            {
                yield return question.Id;
            }
            else if (question.AsksDuration && this[question.Id] != SelfCheckQuestions.Never && this[question.DurationId] is null)
            {
                yield return question.DurationId;
            }
        }
    }

    /// <summary>The red-flag questions of a step answered yes.</summary>
    public IEnumerable<string> RedFlagsOn(QuestionStep step) =>
        step.Questions.Where(q => SelfCheckQuestions.IsRedFlag(q) && this[q.Id] == SelfCheckQuestions.Yes).Select(q => q.Id);

    public bool IsComplete => SelfCheckQuestions.Steps.All(s => !Missing(s).Any());

    private static bool IsValid(string id, string value) => SelfCheckQuestions.Find(id) is { } question
        ? question.Options.Any(o => o.Value == value)
        : id.EndsWith("_for", StringComparison.Ordinal)
            && SelfCheckQuestions.Find(id[..^"_for".Length]) is { AsksDuration: true }
            && SelfCheckQuestions.Duration.Any(o => o.Value == value);
}
