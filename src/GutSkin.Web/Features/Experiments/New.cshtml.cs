using GutSkin.Analysis;
using GutSkin.Web.Data;
using GutSkin.Web.Features.Items;
using GutSkin.Web.Features.Journal;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace GutSkin.Web.Features.Experiments;

/// <summary>Plans an experiment from a template; the same checks as the API, errors shown beside the fields.</summary>
[ChecksOwnFields]
public sealed class NewModel(GutSkinDb db, ExperimentService experiments, ItemService items, JournalReader journals, MemberClock clock) : MemberPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Template { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Intervention { get; set; }

    [BindProperty]
    public double? Target { get; set; }

    [BindProperty]
    public bool TargetIsMaximum { get; set; }

    [BindProperty]
    public string? Outcome { get; set; }

    [BindProperty]
    public List<string> Secondary { get; set; } = [];

    /// <summary>
    /// "new": the baseline starts today; "existing": it is the days just before today, already in the journal;
    /// "started": the change began on <see cref="ChangeStarted"/>, and the baseline is the days before it.
    /// </summary>
    [BindProperty]
    public string Baseline { get; set; } = "new";

    [BindProperty]
    public string? ChangeStarted { get; set; }

    /// <summary>Baseline length in calendar days; null for the default: 14 new days, or from the journal the
    /// <see cref="ExperimentService.DefaultJournalBaselineDays"/> days before the change (every logged day in them).</summary>
    [BindProperty]
    public int? BaselineDays { get; set; }

    /// <summary>New baseline days when the member gives no length.</summary>
    public const int DefaultNewBaselineDays = 14;

    /// <summary>"Your baseline: 41 logged days from … to …", from the journal for the chosen outcome and change day.</summary>
    public string? BaselinePreview { get; private set; }

    [BindProperty]
    public int InterventionDays { get; set; }

    [BindProperty]
    public int OnsetDays { get; set; }

    [BindProperty]
    public string Design { get; set; } = "ab";

    [BindProperty]
    public int BlockDays { get; set; } = 14;

    /// <summary>What an experiment can change: habits and treatments.</summary>
    public List<TrackedItem> Habits { get; private set; } = [];

    public List<(string Key, string Label)> SkinOutcomes { get; private set; } = [];

    public List<(string Key, string Label)> OtherOutcomes { get; private set; } = [];

    public ExperimentTemplate Chosen => ExperimentService.Template(Template);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);

        var t = Chosen;
        Name = t.Id == "custom" ? "" : t.Name;
        Intervention = t.Intervention;
        Target = t.Target;
        TargetIsMaximum = t.TargetIsMaximum;
        Outcome = JournalData.SkinScoreKey;
        InterventionDays = t.InterventionDays;
        OnsetDays = t.OnsetDays;
        Baseline = "existing";
        await PreviewAsync(CurrentMember, clock.Today(CurrentMember.TimeZone), ExperimentService.DefaultJournalBaselineDays, ct, "If you use the days already in your journal, your baseline:");
        Baseline = "new";
        return Page();
    }

    /// <summary>Shows the form again with the baseline worked out for the chosen outcome and change day.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        var member = await LoadAsync(ct);
        _ = await PlanDaysAsync(member, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var member = await LoadAsync(ct);
        var (start, switchDate, end) = await PlanDaysAsync(member, ct);
        if (BaselineDays is < 7 or > 365)
        {
            ModelState.AddModelError("baselineDays", "The baseline needs 7 to 365 days.");
        }

        if (InterventionDays is < 7 or > 730)
        {
            ModelState.AddModelError("interventionDays", "The intervention needs 7 to 730 days.");
        }

        var request = new ExperimentRequest(Name, Intervention, Outcome, JournalDates.ToText(end), JournalDates.ToText(start), JournalDates.ToText(switchDate),
            OnsetDays, Design, BlockDays, Target, TargetIsMaximum, Secondary, Chosen.Id);
        var (experiment, errors) = await experiments.PlanAsync(member, request, ct);
        ModelState.AddErrors(errors);
        if (experiment is null || ModelState.ErrorCount > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        db.Experiments.Add(experiment);
        await db.SaveChangesAsync(ct);
        return Redirect($"/experiments/{experiment.Id}");
    }

    private bool FromJournal => Design != "alternating" && Baseline is "existing" or "started";

    /// <summary>The plan's start, switch and end from the form, and the baseline preview.</summary>
    private async Task<(DateOnly Start, DateOnly Switch, DateOnly End)> PlanDaysAsync(Member member, CancellationToken ct)
    {
        var today = clock.Today(member.TimeZone);
        var changeDay = today;
        if (Baseline == "started" && !JournalDates.TryRead(ChangeStarted, today, out changeDay, out var problem))
        {
            ModelState.AddModelError("changeStarted", ChangeStarted is null ? "Give the day the change started (YYYY-MM-DD)." : problem);
            changeDay = today;
        }

        var baselineDays = BaselineDays ?? (FromJournal ? ExperimentService.DefaultJournalBaselineDays : DefaultNewBaselineDays);
        await PreviewAsync(member, FromJournal ? changeDay : today, baselineDays, ct);
        return Design == "alternating"
            ? (today, today.AddDays(BlockDays), today.AddDays(Math.Max(InterventionDays, 2 * BlockDays) - 1))
            : FromJournal
                ? (ExperimentService.JournalBaselineStart(changeDay, baselineDays), changeDay, changeDay.AddDays(InterventionDays - 1))
                : (today, today.AddDays(baselineDays), today.AddDays(baselineDays + InterventionDays - 1));
    }

    private async Task PreviewAsync(Member member, DateOnly switchDate, int baselineDays, CancellationToken ct, string lead = "Your baseline:")
    {
        if (!FromJournal)
        {
            BaselinePreview = $"{lead} the next {baselineDays} days, from today; log {OutcomeLabel} every day.";
            return;
        }

        var journal = await journals.JournalAsync(member, ct);
        var key = Outcome ?? JournalData.SkinScoreKey;
        var (days, first, last) = ExperimentService.LoggedBaseline(journal, key, ExperimentService.JournalBaselineStart(switchDate, baselineDays), switchDate);
        var window = $"the {baselineDays} days before {JournalDates.ToText(switchDate)}";
        BaselinePreview = first is { } from && last is { } to
            ? $"{lead} {days} logged {(days == 1 ? "day" : "days")} from {JournalDates.ToText(from)} to {JournalDates.ToText(to)} ({OutcomeLabel} in {window})."
            : $"{lead} no {OutcomeLabel} logged in {window}; a result needs at least {ExperimentAnalyzer.MinimumDaysPerPhase} logged days.";
    }

    private string OutcomeLabel => SkinOutcomes.FirstOrDefault(o => o.Key == Outcome).Label?.ToLowerInvariant() ?? "the outcome";

    private async Task<Member> LoadAsync(CancellationToken ct)
    {
        var member = CurrentMember;
        var all = (await items.AllAsync(member.Id, ct)).Where(i => !i.Archived).ToList();
        Habits = [.. all.Where(i => i.Group is ItemGroup.Habit or ItemGroup.Treatment)];
        SkinOutcomes = [(JournalData.SkinScoreKey, "Skin score (all skin items)"), .. all.Where(i => i.Group == ItemGroup.Skin).Select(i => (i.Key, i.Label))];
        OtherOutcomes = [(JournalData.GutScoreKey, "Gut score"), .. all.Where(i => i.Group == ItemGroup.Gut).Select(i => (i.Key, i.Label))];
        return member;
    }
}
