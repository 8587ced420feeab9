using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GutSkin.Web.Features.SelfCheck;

/// <summary>The "see a doctor" alert: the red flags answered yes, on the result or on their own step.</summary>
public sealed record DoctorAdvice(IReadOnlyList<string> Flags, bool OnStep);

/// <summary>
/// The public self-check: one step of questions per screen, each posted to the server, so it works
/// without JavaScript. Earlier answers ride along in hidden fields; nothing is stored until the visitor saves.
/// </summary>
public sealed class IndexModel(SelfCheckPlans saving) : PageModel
{
    [BindProperty]
    public Dictionary<string, string?> Answers { get; set; } = [];

    [BindProperty]
    public int Step { get; set; }

    /// <summary>
    /// The red flags whose advice was on screen when the step was sent, as space-separated ids: site.js shows the
    /// advice as soon as a flag is answered yes; without JavaScript the step comes back once to show it.
    /// </summary>
    [BindProperty]
    public string? AdviceShown { get; set; }

    /// <summary>True when the step is shown again only for its red flags' advice.</summary>
    public bool ShowsAdviceFirst { get; private set; }

    public SelfCheckAnswers Current { get; private set; } = SelfCheckAnswers.Empty;

    public List<string> Missing { get; private set; } = [];

    public SelfCheckResult? Result { get; private set; }

    /// <summary>The answers, protected, for saving them after sign-up or log-in.</summary>
    public string? Token { get; private set; }

    public QuestionStep CurrentStep => SelfCheckQuestions.Steps[Step];

    public bool IsLastStep => Step == SelfCheckQuestions.Steps.Count - 1;

    public void OnGet() => Step = 0;

    public IActionResult OnPost(string? go)
    {
        Step = Math.Clamp(Step, 0, SelfCheckQuestions.Steps.Count - 1);
        Current = SelfCheckAnswers.From(Answers);
        ModelState.Clear();
        if (go == "back")
        {
            Step = Math.Max(0, Step - 1);
            return Page();
        }

        Missing = [.. Current.Missing(CurrentStep)];
        if (Missing.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var shown = (AdviceShown ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (Current.RedFlagsOn(CurrentStep).Any(id => !shown.Contains(id)))
        {
            ShowsAdviceFirst = true;
            return Page();
        }

        if (!IsLastStep)
        {
            Step++;
            return Page();
        }

        // A step skipped by a hand-made post sends the visitor back to it rather than scoring half the answers.
        var firstIncomplete = SelfCheckQuestions.Steps.ToList().FindIndex(s => Current.Missing(s).Any());
        if (firstIncomplete >= 0)
        {
            Step = firstIncomplete;
            Missing = [.. Current.Missing(CurrentStep)];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Result = SelfCheckScoring.Score(Current);
        Token = saving.Protect(Current);
        return Page();
    }

    public string? Answer(string id) => Current[id];

    /// <summary>The step's red flags answered yes: their advice is on the page.</summary>
    public IReadOnlyList<string> FlagsOnStep => [.. Current.RedFlagsOn(CurrentStep)];
}
