using GutSkin.Analysis;
using GutSkin.Web.Data;
using GutSkin.Web.Features.Items;
using GutSkin.Web.Features.Journal;
using GutSkin.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Features.Experiments;

/// <summary>A ready-made experiment: what to change, for how long, and how many days it takes to act.</summary>
public sealed record ExperimentTemplate(string Id, string Name, string Intervention, double? Target, bool TargetIsMaximum, int OnsetDays, int InterventionDays, string Description);

/// <summary>Plans, checks, runs and reads N-of-1 experiments; shared by the pages and the API.</summary>
public sealed class ExperimentService(GutSkinDb db, ItemService items, JournalReader journals, MemberClock clock) : IMemberErasure
{
    public Task EraseMemberAsync(string userId, CancellationToken ct) => db.Experiments.Where(e => e.UserId == userId).ExecuteDeleteAsync(ct);

    public const int MaxOnsetDays = 90;

    public static IReadOnlyList<ExperimentTemplate> Templates { get; } =
    [
        new("probiotic", "Start a probiotic supplement", "probiotic_supplement", 1, false, 14, 56, "Take a probiotic every day for 8 weeks. The first 14 days are left out while it takes hold."),
        new("fermented", "Add fermented foods", "fermented_foods", 1, false, 7, 28, "At least one serving of yoghurt, kefir, kimchi or similar a day for 4 weeks; the first 7 days are left out."),
        new("sugar", "Cut sugary foods", "sugary_foods", 1, true, 3, 28, "At most one serving of sugary food or drink a day for 4 weeks; the first 3 days are left out."),
        new("custom", "Your own experiment", "", null, false, 7, 28, "Choose what to change, what to watch, and for how long."),
    ];

    public static ExperimentTemplate Template(string? id) => Templates.FirstOrDefault(t => t.Id == id) ?? Templates[^1];

    /// <summary>Checks a plan; field keys follow the JSON body. Returns the experiment to store when there is no error.</summary>
    public async Task<(Experiment? Experiment, Dictionary<string, string[]> Errors)> PlanAsync(Member member, ExperimentRequest request, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var byKey = await items.ByKeyAsync(member.Id, ct);
        var today = clock.Today(member.TimeZone);
        if (CheckName(request.Name) is { } nameProblem)
        {
            errors["name"] = [nameProblem];
        }

        if (request.Intervention is null || !byKey.TryGetValue(request.Intervention, out var intervention) || intervention.Group is not (ItemGroup.Habit or ItemGroup.Treatment))
        {
            errors["intervention"] = [$"'{request.Intervention}' is not one of your habit or treatment items."];
        }

        if (!IsSkinOutcome(request.Outcome, byKey))
        {
            errors["outcome"] = [$"'{request.Outcome}' is not a skin item or skin_score."];
        }

        var secondary = (request.SecondaryOutcomes ?? []).Distinct(StringComparer.Ordinal).ToList();
        foreach (var key in secondary)
        {
            if (key is null)
            {
                errors["secondaryOutcomes"] = ["A secondary outcome is an item key, not null."];
            }
            else if (key == request.Outcome || !(IsSkinOutcome(key, byKey) || key == JournalData.GutScoreKey || (byKey.TryGetValue(key, out var g) && g.Group == ItemGroup.Gut)))
            {
                errors["secondaryOutcomes"] = [$"'{key}' cannot be a secondary outcome: use skin or gut items other than the primary outcome."];
            }
        }

        var design = ExperimentDesignKind.AB;
        if (request.Design is not null && !Enum.TryParse(request.Design, ignoreCase: true, out design))
        {
            errors["design"] = ["The design is ab or alternating."];
        }

        var end = ParseDate(request.End, "end", today, errors);
        DateOnly? switchDate = design == ExperimentDesignKind.AB ? ParseDate(request.Switch, "switch", today, errors) : null;
        var start = request.Start is null && switchDate is { } fromJournal
            ? JournalBaselineStart(fromJournal, DefaultJournalBaselineDays)
            : ParseDate(request.Start, "start", today, errors);
        var onset = request.OnsetDays ?? 14;
        var blockDays = request.BlockDays ?? 14;
        if (onset is < 0 or > MaxOnsetDays)
        {
            errors["onsetDays"] = [$"Onset days run from 0 to {MaxOnsetDays}."];
        }

        if (start is { } s && end is { } e)
        {
            if (e < s)
            {
                errors["end"] = ["The end is before the start."];
            }
            else if (design == ExperimentDesignKind.AB && switchDate is { } sw)
            {
                if (sw <= s || sw > e)
                {
                    errors["switch"] = ["The switch day must come after the start and no later than the end: the baseline needs at least one day."];
                }
                else if (onset >= e.DayNumber - sw.DayNumber + 1 && !errors.ContainsKey("onsetDays"))
                {
                    errors["onsetDays"] = [$"{onset} onset days would leave no day of the {e.DayNumber - sw.DayNumber + 1}-day intervention phase to analyse."];
                }
            }
            else if (design == ExperimentDesignKind.Alternating)
            {
                if (blockDays is < 2 or > 60)
                {
                    errors["blockDays"] = ["Blocks last 2 to 60 days."];
                }
                else if (onset >= blockDays && !errors.ContainsKey("onsetDays"))
                {
                    errors["onsetDays"] = ["The onset days must be shorter than a block."];
                }
                else if (e.DayNumber - s.DayNumber + 1 < 2 * blockDays)
                {
                    errors["end"] = ["An alternating experiment needs at least one block off and one on."];
                }
            }

            if (e.DayNumber - s.DayNumber > 3 * 366)
            {
                errors["end"] = ["An experiment lasts at most three years."];
            }
        }

        if (request.Target is { } target && (!double.IsFinite(target) || target < 0 || target > 100000))
        {
            errors["target"] = ["The daily target is a number of 0 or more."];
        }

        return (errors.Count > 0 ? null : new Experiment
        {
            UserId = member.Id,
            Name = request.Name!.Trim(),
            Template = Template(request.Template).Id,
            InterventionKey = request.Intervention!,
            DailyTarget = request.Target,
            TargetIsMaximum = request.TargetIsMaximum ?? false,
            OutcomeKey = request.Outcome!,
            SecondaryOutcomes = string.Join(',', secondary),
            Design = design,
            Start = start!.Value,
            Switch = switchDate ?? start!.Value.AddDays(blockDays),
            End = end!.Value,
            OnsetDays = onset,
            BlockDays = design == ExperimentDesignKind.Alternating ? blockDays : 0,
            CreatedAt = clock.UtcNow.UtcDateTime,
        }, errors);
    }

    public Task<List<Experiment>> ListAsync(string userId, CancellationToken ct) =>
        db.Experiments.AsNoTracking().Include(e => e.Changes).Where(e => e.UserId == userId).OrderByDescending(e => e.Start).ThenByDescending(e => e.Id).ToListAsync(ct);

    public Task<Experiment?> FindAsync(string userId, int id, CancellationToken ct) =>
        db.Experiments.Include(e => e.Changes).FirstOrDefaultAsync(e => e.UserId == userId && e.Id == id, ct);

    /// <summary>The design the analysis core runs: phases from the plan, onset days after each switch, the daily target.</summary>
    public static ExperimentDesign DesignOf(Experiment experiment)
    {
        var target = experiment.DailyTarget is { } amount ? new DailyTarget(amount, experiment.TargetIsMaximum) : null;
        if (experiment.Design == ExperimentDesignKind.AB)
        {
            return ExperimentDesign.AB(experiment.Start, experiment.Switch, experiment.End, experiment.OnsetDays, target);
        }

        var blocks = new List<ExperimentBlock>();
        for (var (day, on) = (experiment.Start, false); day <= experiment.End; day = day.AddDays(experiment.BlockDays), on = !on)
        {
            blocks.Add(new ExperimentBlock(day, on));
        }

        return ExperimentDesign.Alternating(blocks, experiment.End, experiment.OnsetDays, target);
    }

    public async Task<ExperimentResponse> DescribeAsync(Member member, Experiment experiment, CancellationToken ct) =>
        ToResponse(experiment, Status(experiment, await journals.JournalAsync(member, ct), clock.Today(member.TimeZone)));

    public async Task<ExperimentResultResponse> ResultAsync(Member member, Experiment experiment, CancellationToken ct)
    {
        var journal = await journals.JournalAsync(member, ct);
        var design = DesignOf(experiment);
        var today = clock.Today(member.TimeZone);
        var primary = Analyze(journal, experiment.OutcomeKey, experiment.InterventionKey, design, today);
        var outcome = journal.Contains(experiment.OutcomeKey) ? journal.ToDictionary(experiment.OutcomeKey) : new Dictionary<DateOnly, double>();
        var sensitivity = ExperimentSensitivity.Check(outcome, design, primary);
        var main = primary with { Verdict = sensitivity.Verdict };
        var secondary = Keys(experiment.SecondaryOutcomes).Select(k => new SecondaryResult(k, Analyze(journal, k, experiment.InterventionKey, design, today))).ToList();
        var item = OutcomeItem(journal, experiment.OutcomeKey);
        return new ExperimentResultResponse(main, Reading(main, sensitivity, item), secondary, Changes(experiment),
            primary.Verdict, sensitivity.Rows, sensitivity.Reason, sensitivity.Flare, ExperimentReading.FlareNote(sensitivity.Flare, item));
    }

    /// <summary>The outcome as the sentences name it; a key no longer in the journal is named by itself.</summary>
    private static SeriesItem OutcomeItem(JournalData journal, string key) =>
        journal.Contains(key) ? journal.GetItem(key) : new SeriesItem(key, key.Replace('_', ' '), ItemGroup.Skin, false, "point");

    /// <summary>A member's journal may lack the outcome or the intervention entirely: that is "not enough data", not an error.</summary>
    private static ExperimentResult Analyze(JournalData journal, string outcome, string intervention, ExperimentDesign design, DateOnly today) =>
        journal.Contains(outcome)
            ? ExperimentAnalyzer.Analyze(journal, outcome, journal.Contains(intervention) ? intervention : null, design, asOf: today)
            : ExperimentAnalyzer.Analyze(new Dictionary<DateOnly, double>(), null, design, asOf: today);

    /// <summary>The plain reading of a result (<see cref="ExperimentReading.Sentence"/>): names the outcome, never the
    /// intervention's label (which may be any phrase), and tells why the sensitivity rule downgraded a verdict.</summary>
    public static string Reading(ExperimentResult result, ExperimentSensitivity? sensitivity, SeriesItem outcome) =>
        ExperimentReading.Sentence(result, sensitivity, outcome);

    /// <summary>The calendar days before the switch that a baseline from the journal covers by default (PRODUCT.md).</summary>
    public const int DefaultJournalBaselineDays = 56;

    /// <summary>The first day of a baseline of <paramref name="days"/> calendar days before <paramref name="switchDate"/>,
    /// never before the earliest journal day.</summary>
    public static DateOnly JournalBaselineStart(DateOnly switchDate, int days)
    {
        var start = switchDate.AddDays(-days);
        return start < JournalDates.Earliest ? JournalDates.Earliest : start;
    }

    /// <summary>The logged days of <paramref name="outcomeKey"/> in [<paramref name="from"/>, <paramref name="switchDate"/>):
    /// how many, the first and the last.</summary>
    public static (int Days, DateOnly? First, DateOnly? Last) LoggedBaseline(JournalData journal, string outcomeKey, DateOnly from, DateOnly switchDate)
    {
        var (days, first, last) = (0, (DateOnly?)null, (DateOnly?)null);
        for (var day = from; day < switchDate; day = day.AddDays(1))
        {
            if (Logged(journal, outcomeKey, day))
            {
                days++;
                first ??= day;
                last = day;
            }
        }

        return (days, first, last);
    }

    /// <summary>
    /// Where an experiment stands today. Its adherence so far is the result's (<see cref="ExperimentDesign.Adherence"/>):
    /// the share of the intervention days up to today, onset days included, on which the intervention was logged as done.
    /// </summary>
    public static ExperimentStatus Status(Experiment e, JournalData journal, DateOnly today)
    {
        var total = e.End.DayNumber - e.Start.DayNumber + 1;
        var design = DesignOf(e);
        var phases = design.Phases();
        var phase = today < e.Start ? "notStarted" : today > e.End ? "finished" : phases[today.DayNumber - e.Start.DayNumber].Name;
        var logged = 0;
        for (var day = e.Start; day <= e.End && day <= today; day = day.AddDays(1))
        {
            logged += Logged(journal, e.OutcomeKey, day) ? 1 : 0;
        }

        var intervention = journal.Contains(e.InterventionKey) ? journal.ToDictionary(e.InterventionKey) : new Dictionary<DateOnly, double>();
        var daysSoFar = Math.Clamp(today.DayNumber - e.Start.DayNumber + 1, 0, total);
        return new ExperimentStatus(phase, daysSoFar, total, design.Adherence(intervention, today), logged, daysSoFar - logged,
            ResultPossibleOn(e, phases, journal, today));
    }

    private static bool Logged(JournalData journal, string key, DateOnly day) => journal.Contains(key) && !double.IsNaN(journal.GetValue(key, day));

    /// <summary>
    /// The first day on which both phases have enough analysable days: counting the days actually logged up to
    /// today, and assuming every later day will be logged. Null when that cannot happen before the end.
    /// </summary>
    private static string? ResultPossibleOn(Experiment e, ExperimentPhase[] phases, JournalData journal, DateOnly today)
    {
        var need = ExperimentAnalyzer.MinimumDaysPerPhase;
        int baseline = 0, intervention = 0;
        for (var i = 0; i < phases.Length; i++)
        {
            var day = e.Start.AddDays(i);
            var usable = day > today || Logged(journal, e.OutcomeKey, day);
            baseline += usable && phases[i] == ExperimentPhase.Baseline ? 1 : 0;
            intervention += usable && phases[i] == ExperimentPhase.Intervention ? 1 : 0;
            if (baseline >= need && intervention >= need)
            {
                return JournalDates.ToText(day);
            }
        }

        return null;
    }

    /// <summary>Null when <paramref name="name"/> can name an experiment; otherwise why not.</summary>
    public static string? CheckName(string? name) => StoredText.CheckName(name, "the experiment");

    public static IReadOnlyList<string> Keys(string csv) => csv.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public static IReadOnlyList<ExperimentChangeResponse> Changes(Experiment e) =>
        [.. e.Changes.OrderBy(c => c.ChangedOn).ThenBy(c => c.Id).Select(c => new ExperimentChangeResponse(JournalDates.ToText(c.ChangedOn), c.Description))];

    public static ExperimentResponse ToResponse(Experiment e, ExperimentStatus status) =>
        new(e.Id, e.Name, e.Template, e.InterventionKey, e.OutcomeKey, Keys(e.SecondaryOutcomes), e.Design == ExperimentDesignKind.AB ? "ab" : "alternating",
            JournalDates.ToText(e.Start), JournalDates.ToText(e.Switch), JournalDates.ToText(e.End), e.OnsetDays, e.BlockDays, e.DailyTarget, e.TargetIsMaximum,
            Changes(e), status);

    private static bool IsSkinOutcome(string? key, Dictionary<string, TrackedItem> byKey) =>
        key == JournalData.SkinScoreKey || (key is not null && byKey.TryGetValue(key, out var item) && item.Group == ItemGroup.Skin);

    /// <summary>A day of the plan (see <see cref="JournalDates.TryReadPlanned"/>), or null with the error added.</summary>
    public static DateOnly? ParseDate(string? text, string field, DateOnly today, Dictionary<string, string[]> errors)
    {
        if (JournalDates.TryReadPlanned(text, today, out var date, out var problem))
        {
            return date;
        }

        errors[field] = [text is null ? $"The {field} date is required (YYYY-MM-DD)." : problem];
        return null;
    }
}
