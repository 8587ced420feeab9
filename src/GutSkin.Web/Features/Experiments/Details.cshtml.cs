using System.Text.Json;
using GutSkin.Analysis;
using GutSkin.Web.Features.Journal;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace GutSkin.Web.Features.Experiments;

/// <summary>One experiment: where it stands, and its result with a plain reading and its limits.</summary>
public sealed class DetailsModel(ExperimentService experiments, JournalReader journals, MemberClock clock) : MemberPageModel
{
    public string Today { get; private set; } = "";

    public ExperimentResponse Experiment { get; private set; } = null!;

    public ExperimentResultResponse Result { get; private set; } = null!;

    public string OutcomeLabel { get; private set; } = "";

    public string InterventionLabel { get; private set; } = "";

    public Dictionary<string, string> Labels { get; private set; } = [];

    public string ChartJson { get; private set; } = "{}";

    public List<(string Date, string Phase, double? Outcome)> Days { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var member = CurrentMember;
        if (await experiments.FindAsync(member.Id, id, ct) is not { } experiment)
        {
            return NotFound();
        }

        Today = JournalDates.ToText(clock.Today(member.TimeZone));
        Experiment = await experiments.DescribeAsync(member, experiment, ct);
        Result = await experiments.ResultAsync(member, experiment, ct);
        var journal = await journals.JournalAsync(member, ct);
        Labels = journal.AllSeries.ToDictionary(s => s.Key, s => s.Label);
        OutcomeLabel = Labels.GetValueOrDefault(experiment.OutcomeKey, experiment.OutcomeKey);
        InterventionLabel = Labels.GetValueOrDefault(experiment.InterventionKey, experiment.InterventionKey);
        double? Logged(DateOnly day) =>
            journal.Contains(experiment.OutcomeKey) && journal.GetValue(experiment.OutcomeKey, day) is var v && !double.IsNaN(v) ? v : null;
        Days = [.. ExperimentService.DesignOf(experiment).Phases().Select((phase, i) => (JournalDates.ToText(experiment.Start.AddDays(i)), phase.Name, Logged(experiment.Start.AddDays(i))))];
        ChartJson = JsonSerializer.Serialize(new
        {
            label = OutcomeLabel,
            dates = Days.Select(d => d.Date),
            values = Days.Select(d => d.Outcome),
            phases = Days.Select(d => d.Phase),
        }, JsonSerializerOptions.Web);
        return Page();
    }
}
