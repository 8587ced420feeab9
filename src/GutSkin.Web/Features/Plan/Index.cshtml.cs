using System.Globalization;
using GutSkin.Web.Features.Items;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace GutSkin.Web.Features.Plan;

/// <summary>Chooses the Today page's items, habit targets and the reminder; the same checks as <c>PUT /api/plan</c>.</summary>
[ChecksOwnFields]
public sealed class IndexModel(PlanService plans, ItemService items) : MemberPageModel
{
    public List<TrackedItem> All { get; private set; } = [];

    public bool HasPlan { get; private set; }

    [BindProperty]
    public List<string> Items { get; set; } = [];

    [BindProperty]
    public Dictionary<string, string?> Min { get; set; } = [];

    [BindProperty]
    public Dictionary<string, string?> Max { get; set; } = [];

    [BindProperty]
    public bool ReminderEnabled { get; set; }

    [BindProperty]
    public string? ReminderTime { get; set; }

    /// <summary><c>email</c>, <c>push</c> or <c>both</c>, as the API spells it.</summary>
    [BindProperty]
    public string? ReminderChannel { get; set; }

    [TempData]
    public string? SavedMessage { get; set; }

    /// <summary>Habits whose targets the page offers: yes/no habits take theirs through the API.</summary>
    public IEnumerable<TrackedItem> TargetHabits => All.Where(i => i.Group == ItemGroup.Habit && i.Kind != ItemKind.YesNo && !i.Archived);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var member = await LoadAsync(ct);

        if (await plans.FindAsync(member.Id, ct) is { } plan)
        {
            HasPlan = true;
            Items = plan.Items;
            foreach (var target in plan.Targets)
            {
                Min[target.ItemKey] = target.Min is { } lo ? PlanService.Number(lo) : null;
                Max[target.ItemKey] = target.Max is { } hi ? PlanService.Number(hi) : null;
            }

            ReminderEnabled = plan.ReminderEnabled;
            ReminderTime = plan.ReminderTime.ToString("HH:mm", CultureInfo.InvariantCulture);
            ReminderChannel = PlanService.ChannelName(plan.ReminderChannel);
        }
        else
        {
            // No plan yet: every item on, as the Today page shows them now.
            Items = [.. All.Where(i => !i.Archived).Select(i => i.Key)];
            ReminderTime = PlanService.DefaultReminderTime.ToString("HH:mm", CultureInfo.InvariantCulture);
            ReminderChannel = PlanService.ChannelName(Plan.ReminderChannel.Email);
        }

        return Page();
    }

    /// <summary>Fills in the suggested targets (and ticks their habits) without saving, so the member can adjust them first.</summary>
    public async Task<IActionResult> OnPostSuggestAsync(CancellationToken ct)
    {
        await LoadAsync(ct);

        foreach (var suggestion in PlanService.Suggestions.Where(s => All.Any(i => i.Key == s.Key)))
        {
            Min[suggestion.Key] = suggestion.Min is { } lo ? PlanService.Number(lo) : null;
            Max[suggestion.Key] = suggestion.Max is { } hi ? PlanService.Number(hi) : null;
            if (!Items.Contains(suggestion.Key))
            {
                Items.Add(suggestion.Key);
            }
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var member = await LoadAsync(ct);

        var targets = new Dictionary<string, PlanTargetDocument?>(StringComparer.Ordinal);
        foreach (var item in TargetHabits)
        {
            var min = ParseNumber(Min.GetValueOrDefault(item.Key), $"targets.{item.Key}.min");
            var max = ParseNumber(Max.GetValueOrDefault(item.Key), $"targets.{item.Key}.max");
            if (min is not null || max is not null)
            {
                targets[item.Key] = new PlanTargetDocument(min, max);
            }
        }

        // Targets set through the API on yes/no habits stay as they were.
        if (await plans.FindAsync(member.Id, ct) is { } existing)
        {
            foreach (var target in existing.Targets.Where(t => !TargetHabits.Any(i => i.Key == t.ItemKey)))
            {
                targets[target.ItemKey] = new PlanTargetDocument(target.Min, target.Max);
            }
        }

        if (ModelState.ErrorCount == 0)
        {
            var document = new PlanDocument([.. Items], targets, new PlanReminderDocument(ReminderEnabled, string.IsNullOrWhiteSpace(ReminderTime) ? null : ReminderTime.Trim(), string.IsNullOrWhiteSpace(ReminderChannel) ? null : ReminderChannel));
            var (plan, errors) = await plans.SaveAsync(member.Id, document, ct);
            if (plan is not null)
            {
                SavedMessage = "Your plan is saved. The Today page now shows its items.";
                return RedirectToPage();
            }

            ModelState.AddErrors(errors);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public static SuggestedTarget? Suggestion(string key) => PlanService.Suggestions.FirstOrDefault(s => s.Key == key);

    private double? ParseNumber(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (TypedNumber.TryRead(text, out var value) && double.IsFinite(value))
        {
            return value;
        }

        ModelState.AddModelError(field, $"'{text}' is not a number.");
        return null;
    }

    private async Task<Member> LoadAsync(CancellationToken ct)
    {
        var member = CurrentMember;
        All = await items.AllAsync(member.Id, ct);
        return member;
    }
}
