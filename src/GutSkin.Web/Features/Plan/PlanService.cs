using System.Globalization;
using System.Text.RegularExpressions;
using GutSkin.Web.Data;
using GutSkin.Web.Features.Items;
using GutSkin.Web.Features.Journal;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Features.Plan;

/// <summary>A checked plan, ready to store.</summary>
public sealed record PlanChoice(IReadOnlyList<string> Items, IReadOnlyDictionary<string, (double? Min, double? Max)> Targets, bool ReminderEnabled, TimeOnly ReminderTime, ReminderChannel ReminderChannel = ReminderChannel.Email);

/// <summary>One habit target over this week: on how many logged days it was met.</summary>
public sealed record TargetAdherence(string Key, string Label, string Target, int DaysLogged, int DaysMet, int DaysSoFar);

/// <summary>A suggested habit target, with why it is suggested.</summary>
public sealed record SuggestedTarget(string Key, double? Min, double? Max, string Why);

/// <summary>Reads, checks and stores a member's plan; shared by the API, the plan page and the self-check.</summary>
public sealed partial class PlanService(GutSkinDb db, ItemService items, JournalReader journal)
{
    public const int MaxItems = 100;

    public static readonly TimeOnly DefaultReminderTime = new(20, 30);

    /// <summary>Targets for the five habits said to matter; a starting point, not advice.</summary>
    public static IReadOnlyList<SuggestedTarget> Suggestions { get; } =
    [
        new("water", 2, null, "about 2 litres a day is a common guide for adults"),
        new("sugary_foods", null, 1, "at most one sugary food or drink a day"),
        new("processed_foods", null, 1, "at most one processed food a day"),
        new("fermented_foods", 1, null, "one serving of yoghurt, kefir, kimchi or similar a day"),
        new("prebiotic_foods", 1, null, "one serving of fibre-rich food such as onions, oats, beans or bananas a day"),
        new("stress", null, 5, "stress care: a day at 5 or below on the 0–10 scale"),
    ];

    [GeneratedRegex("^([01][0-9]|2[0-3]):[0-5][0-9]$")]
    private static partial Regex LocalTimePattern();

    /// <summary>The item keys of the member's plan, or null without a plan: what the Today page asks for.</summary>
    public Task<List<string>?> PlannedItemsAsync(string userId, CancellationToken ct) =>
        db.Plans.AsNoTracking().Where(p => p.UserId == userId).Select(p => p.Items).FirstOrDefaultAsync(ct);

    public Task<MemberPlan?> FindAsync(string userId, CancellationToken ct) =>
        db.Plans.AsNoTracking().Include(p => p.Targets).FirstOrDefaultAsync(p => p.UserId == userId, ct);

    public static PlanDocument ToDocument(MemberPlan plan) => new(
        [.. plan.Items],
        plan.Targets.OrderBy(t => plan.Items.IndexOf(t.ItemKey)).ToDictionary(t => t.ItemKey, t => (PlanTargetDocument?)new PlanTargetDocument(t.Min, t.Max)),
        new PlanReminderDocument(plan.ReminderEnabled, plan.ReminderTime.ToString("HH:mm", CultureInfo.InvariantCulture), ChannelName(plan.ReminderChannel)));

    /// <summary>The channel as the API and the plan page spell it: <c>email</c>, <c>push</c>, <c>both</c>.</summary>
    public static string ChannelName(ReminderChannel channel) => channel.ToString().ToLowerInvariant();

    /// <summary>The channel named <paramref name="name"/> (<c>email</c>, <c>push</c>, <c>both</c>), or null.</summary>
    public static ReminderChannel? ParseChannel(string? name) =>
        Enum.GetValues<ReminderChannel>().Select(c => (ReminderChannel?)c).FirstOrDefault(c => ChannelName(c!.Value) == name);

    /// <summary>Checks a plan against the member's items; field keys follow the JSON body (<c>items[1]</c>, <c>targets.water.min</c>, <c>reminder.localTime</c>).</summary>
    public static Dictionary<string, string[]> Validate(PlanDocument document, IReadOnlyDictionary<string, TrackedItem> byKey, out PlanChoice? choice)
    {
        var errors = new Dictionary<string, string[]>();
        choice = null;
        var chosen = new List<string>();
        if (document.Items is null)
        {
            errors["items"] = ["List the item keys the Today page should show."];
        }
        else if (document.Items.Count > MaxItems)
        {
            errors["items"] = [$"A plan has at most {MaxItems} items."];
        }
        else
        {
            for (var i = 0; i < document.Items.Count; i++)
            {
                var key = document.Items[i];
                if (key is null || !byKey.TryGetValue(key, out var item))
                {
                    errors[$"items[{i}]"] = [$"'{key}' is not one of your items."];
                }
                else if (item.Archived)
                {
                    errors[$"items[{i}]"] = [$"'{key}' is archived; restore it on the Items page first."];
                }
                else if (!chosen.Contains(key))
                {
                    chosen.Add(key);
                }
            }
        }

        var targets = new Dictionary<string, (double? Min, double? Max)>(StringComparer.Ordinal);
        foreach (var (key, target) in document.Targets ?? [])
        {
            var field = $"targets.{key}";
            if (!byKey.TryGetValue(key, out var item) || item.Archived)
            {
                errors[field] = [$"'{key}' is not one of your items."];
                continue;
            }

            if (item.Group != ItemGroup.Habit)
            {
                errors[field] = [$"Targets are for habits; '{key}' is a {item.Group.ToString().ToLowerInvariant()} item."];
                continue;
            }

            if (target is null || (target.Min is null && target.Max is null))
            {
                errors[field] = ["Give a min, a max or both."];
                continue;
            }

            var range = $"{item.Label} ranges from {Range(item)}.";
            if (target.Min is { } min && (min < item.Min || min > item.Max))
            {
                errors[$"{field}.min"] = [range];
            }
            else if (target.Max is { } max && (max < item.Min || max > item.Max))
            {
                errors[$"{field}.max"] = [range];
            }
            else if (target.Min > target.Max)
            {
                errors[$"{field}.min"] = [$"The min ({Number(target.Min.Value)}) is above the max ({Number(target.Max!.Value)})."];
            }
            else if (target.Min == item.Min && target.Max is null || target.Max == item.Max && target.Min is null)
            {
                errors[field] = [$"Every day meets that target; {range}"];
            }
            else
            {
                targets[key] = (target.Min, target.Max);
                if (!chosen.Contains(key))
                {
                    // A habit with a target is on the Today page, or the target could never be checked.
                    chosen.Add(key);
                }
            }
        }

        var enabled = document.Reminder?.Enabled ?? false;
        var time = DefaultReminderTime;
        if (document.Reminder?.LocalTime is { } text)
        {
            if (!LocalTimePattern().IsMatch(text))
            {
                errors["reminder.localTime"] = [$"'{text}' is not a time of day in the form HH:mm, such as 20:30."];
            }
            else
            {
                time = TimeOnly.ParseExact(text, "HH:mm", CultureInfo.InvariantCulture);
            }
        }
        else if (enabled)
        {
            errors["reminder.localTime"] = ["Give the reminder's time of day, HH:mm."];
        }

        var channel = ReminderChannel.Email;
        if (document.Reminder?.Channel is { } channelName)
        {
            if (ParseChannel(channelName) is { } parsed)
            {
                channel = parsed;
            }
            else
            {
                errors["reminder.channel"] = [$"'{channelName}' is not a way to remind: email, push or both."];
            }
        }

        if (errors.Count == 0 && chosen.Count == 0)
        {
            errors["items"] = ["Choose at least one item for the Today page."];
        }

        if (errors.Count == 0)
        {
            choice = new PlanChoice(chosen, targets, enabled, time, channel);
        }

        return errors;
    }

    public async Task<(MemberPlan? Plan, Dictionary<string, string[]> Errors)> SaveAsync(string userId, PlanDocument document, CancellationToken ct)
    {
        var errors = Validate(document, await items.ByKeyAsync(userId, ct), out var choice);
        return (choice is null ? null : await SaveAsync(userId, choice, ct), errors);
    }

    /// <summary>Creates or replaces the plan; the reminder's last-sent day is kept so a change of time never sends twice in a day.</summary>
    public async Task<MemberPlan> SaveAsync(string userId, PlanChoice choice, CancellationToken ct)
    {
        try
        {
            return await SaveOnceAsync(userId, choice, ct);
        }
        catch (DbUpdateException)
        {
            // Two first saves at once: the other one created the row; now it exists, lock it and replace it.
            db.ChangeTracker.Clear();
            return await SaveOnceAsync(userId, choice, ct);
        }
    }

    private async Task<MemberPlan> SaveOnceAsync(string userId, PlanChoice choice, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // A no-op write first locks the member's plan row until commit, so saves of one member run one after the other.
        var locked = await LockAsync(userId, ct);
        var plan = await db.Plans.Include(p => p.Targets).FirstOrDefaultAsync(p => p.UserId == userId, ct);
        if (plan is not null && locked == 0)
        {
            // Another first save committed the row between the lock and the read: lock it now and read it again, or
            // this save would replace targets that a save holding the lock is replacing too.
            await LockAsync(userId, ct);
            db.ChangeTracker.Clear();
            plan = await db.Plans.Include(p => p.Targets).FirstAsync(p => p.UserId == userId, ct);
        }

        if (plan is null)
        {
            plan = new MemberPlan { UserId = userId, Items = [], ReminderTime = DefaultReminderTime };
            db.Plans.Add(plan);
        }

        plan.Items = [.. choice.Items];
        plan.ReminderEnabled = choice.ReminderEnabled;
        plan.ReminderTime = choice.ReminderTime;
        plan.ReminderChannel = choice.ReminderChannel;
        plan.Targets.Clear();
        await db.SaveChangesAsync(ct);
        foreach (var (key, (min, max)) in choice.Targets)
        {
            plan.Targets.Add(new PlanTarget { UserId = userId, ItemKey = key, Min = min, Max = max });
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return plan;
    }

    private Task<int> LockAsync(string userId, CancellationToken ct) =>
        db.Plans.Where(p => p.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(p => p.ReminderEnabled, p => p.ReminderEnabled), ct);

    /// <summary>This week (Monday to today, the member's calendar) for each target: days logged and days the target was met.</summary>
    public async Task<List<TargetAdherence>> AdherenceAsync(string userId, DateOnly today, CancellationToken ct)
    {
        var plan = await FindAsync(userId, ct);
        if (plan is null || plan.Targets.Count == 0)
        {
            return [];
        }

        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var byKey = await items.ByKeyAsync(userId, ct);
        var keys = plan.Targets.Select(t => t.ItemKey).ToList();
        var values = await journal.ValuesAsync(userId, monday, today, keys, ct);
        var result = new List<TargetAdherence>();
        foreach (var target in plan.Targets.OrderBy(t => plan.Items.IndexOf(t.ItemKey)))
        {
            if (!byKey.TryGetValue(target.ItemKey, out var item))
            {
                continue;
            }

            var logged = values.Where(v => v.Key == target.ItemKey).Select(v => v.Value).ToList();
            var met = logged.Count(v => (target.Min is null || v >= target.Min) && (target.Max is null || v <= target.Max));
            result.Add(new TargetAdherence(item.Key, item.Label, Describe(item, target.Min, target.Max), logged.Count, met, today.DayNumber - monday.DayNumber + 1));
        }

        return result;
    }

    /// <summary>"at least 2 L", "at most 1 serving", "at most 5 points", "between 6 and 9 h".</summary>
    public static string Describe(TrackedItem item, double? min, double? max) => (min, max) switch
    {
        ({ } lo, { } hi) => $"between {Number(lo)} and {Number(hi)}{UnitAfter(hi, item.Unit)}",
        ({ } lo, null) => item.Kind == ItemKind.YesNo ? "yes" : $"at least {Number(lo)}{UnitAfter(lo, item.Unit)}",
        (null, { } hi) => item.Kind == ItemKind.YesNo ? "no" : $"at most {Number(hi)}{UnitAfter(hi, item.Unit)}",
        _ => "no target",
    };

    /// <summary>The item's whole range, "0 to 10 points".</summary>
    public static string Range(TrackedItem item) => $"{Number(item.Min)} to {Number(item.Max)}{UnitAfter(item.Max, item.Unit)}";

    /// <summary>
    /// The unit after an amount, with its leading space: the kinds' own "point" and "serving" take an s for any
    /// amount but 1 ("5 points", "1 serving"); "L", "h" and a unit a member typed stay as written.
    /// </summary>
    public static string UnitAfter(double amount, string unit) =>
        unit.Length == 0 ? "" : amount != 1 && unit is "point" or "serving" ? $" {unit}s" : $" {unit}";

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
