using GutSkin.Analysis;
using GutSkin.Web.Data;
using GutSkin.Web.Features.Items;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace GutSkin.Web.Features.Experiments;

/// <summary>Plans an experiment from a template; the same checks as the API, errors shown beside the fields.</summary>
public sealed class NewModel(GutSkinDb db, ExperimentService experiments, ItemService items, MemberClock clock) : MemberPageModel
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

    [BindProperty]
    public int BaselineDays { get; set; } = 14;

    [BindProperty]
    public int InterventionDays { get; set; }

    [BindProperty]
    public int OnsetDays { get; set; }

    [BindProperty]
    public string Design { get; set; } = "ab";

    [BindProperty]
    public int BlockDays { get; set; } = 14;

    public Dictionary<string, string[]> Errors { get; private set; } = [];

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
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var member = await LoadAsync(ct);

        var today = clock.Today(member.TimeZone);
        var changeDay = today;
        if (Baseline == "started" && !JournalDates.TryRead(ChangeStarted, today, out changeDay, out var problem))
        {
            Errors["changeStarted"] = [ChangeStarted is null ? "Give the day the change started (YYYY-MM-DD)." : problem];
            changeDay = today;
        }

        var (start, switchDate, end) = Design == "alternating"
            ? (today, today.AddDays(BlockDays), today.AddDays(Math.Max(InterventionDays, 2 * BlockDays) - 1))
            : Baseline is "existing" or "started"
                ? (changeDay.AddDays(-BaselineDays), changeDay, changeDay.AddDays(InterventionDays - 1))
                : (today, today.AddDays(BaselineDays), today.AddDays(BaselineDays + InterventionDays - 1));
        if (BaselineDays is < 7 or > 365)
        {
            Errors["baselineDays"] = ["The baseline needs 7 to 365 days."];
        }

        if (InterventionDays is < 7 or > 730)
        {
            Errors["interventionDays"] = ["The intervention needs 7 to 730 days."];
        }

        var request = new ExperimentRequest(Name, Intervention, Outcome, JournalDates.ToText(start), JournalDates.ToText(switchDate), JournalDates.ToText(end),
            OnsetDays, Design, BlockDays, Target, TargetIsMaximum, Secondary, Chosen.Id);
        var (experiment, errors) = await experiments.PlanAsync(member, request, ct);
        foreach (var (field, messages) in errors)
        {
            Errors[field] = messages;
        }

        if (experiment is null || Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        db.Experiments.Add(experiment);
        await db.SaveChangesAsync(ct);
        return Redirect($"/experiments/{experiment.Id}");
    }

    public string? Error(string field) => Errors.TryGetValue(field, out var m) ? m[0] : null;

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
