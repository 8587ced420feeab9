using GutSkin.Analysis;
using GutSkin.Web.Data;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GutSkin.Web.Features.Experiments;

public static class ExperimentsApi
{
    public static IEndpointRouteBuilder MapExperimentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/experiments").WithTags("Experiments").RequireMember();
        group.MapGet("/", List).WithSummary("Your experiments, newest first, with their status.");
        group.MapPost("/", Create).WithSummary("Start an N-of-1 experiment (A–B or alternating).");
        group.MapGet("/{id:int}", Get).WithSummary("One experiment: its plan, changes and status.");
        group.MapPatch("/{id:int}", Update).WithSummary("Rename, or move the end or the onset; after the start every change is recorded with its date.");
        group.MapDelete("/{id:int}", Delete).WithSummary("Delete an experiment (the journal is untouched).");
        group.MapGet("/{id:int}/result", Result).WithSummary("Effect, 95% CI, p, effective days, adherence and verdict.");
        return app;
    }

    private static async Task<Ok<List<ExperimentResponse>>> List(ExperimentService experiments, Member member, CancellationToken ct)
    {
        var list = new List<ExperimentResponse>();
        foreach (var experiment in await experiments.ListAsync(member.Id, ct))
        {
            list.Add(await experiments.DescribeAsync(member, experiment, ct));
        }

        return TypedResults.Ok(list);
    }

    private static async Task<Results<Created<ExperimentResponse>, ValidationProblem>> Create(ExperimentRequest request, GutSkinDb db, ExperimentService experiments, Member member, CancellationToken ct)
    {
        var (experiment, errors) = await experiments.PlanAsync(member, request, ct);
        if (experiment is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        db.Experiments.Add(experiment);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/experiments/{experiment.Id}", await experiments.DescribeAsync(member, experiment, ct));
    }

    private static async Task<Results<Ok<ExperimentResponse>, NotFound>> Get(int id, ExperimentService experiments, Member member, CancellationToken ct)
    {
        return await experiments.FindAsync(member.Id, id, ct) is { } experiment
            ? TypedResults.Ok(await experiments.DescribeAsync(member, experiment, ct))
            : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<ExperimentResponse>, NotFound, ValidationProblem>> Update(int id, ExperimentUpdate update, GutSkinDb db, ExperimentService experiments, MemberClock clock, Member member, CancellationToken ct)
    {
        if (await experiments.FindAsync(member.Id, id, ct) is not { } experiment)
        {
            return TypedResults.NotFound();
        }

        var errors = ExperimentChanges.Apply(experiment, update, clock.Today(member.TimeZone));
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await experiments.DescribeAsync(member, experiment, ct));
    }

    private static async Task<Results<NoContent, NotFound>> Delete(int id, GutSkinDb db, ExperimentService experiments, Member member, CancellationToken ct)
    {
        if (await experiments.FindAsync(member.Id, id, ct) is not { } experiment)
        {
            return TypedResults.NotFound();
        }

        db.Experiments.Remove(experiment);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<ExperimentResultResponse>, NotFound>> Result(int id, ExperimentService experiments, Member member, CancellationToken ct)
    {
        return await experiments.FindAsync(member.Id, id, ct) is { } experiment
            ? TypedResults.Ok(await experiments.ResultAsync(member, experiment, ct))
            : TypedResults.NotFound();
    }
}

/// <summary>Changes to a plan. Before the start the plan is still a draft; from the start on it is frozen and each change is recorded.</summary>
public static class ExperimentChanges
{
    public static Dictionary<string, string[]> Apply(Experiment experiment, ExperimentUpdate update, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        var notes = new List<string>();
        if (update.Name is not null)
        {
            if (ExperimentService.CheckName(update.Name) is { } nameProblem)
            {
                errors["name"] = [nameProblem];
            }
            else if (update.Name.Trim() != experiment.Name)
            {
                notes.Add($"Renamed from \"{experiment.Name}\" to \"{update.Name.Trim()}\".");
                experiment.Name = update.Name.Trim();
            }
        }

        if (update.End is not null && ExperimentService.ParseDate(update.End, "end", today, errors) is { } end)
        {
            if (end < experiment.Start || (experiment.Design == ExperimentDesignKind.AB && end.DayNumber - experiment.Switch.DayNumber + 1 <= experiment.OnsetDays))
            {
                errors["end"] = ["That end leaves no analysable day in the intervention phase."];
            }
            else if (end != experiment.End)
            {
                notes.Add($"End moved from {JournalDates.ToText(experiment.End)} to {JournalDates.ToText(end)}.");
                experiment.End = end;
            }
        }

        if (update.OnsetDays is { } onset)
        {
            var phase = experiment.Design == ExperimentDesignKind.AB ? experiment.End.DayNumber - experiment.Switch.DayNumber + 1 : experiment.BlockDays;
            if (onset < 0 || onset > ExperimentService.MaxOnsetDays || onset >= phase)
            {
                errors["onsetDays"] = ["Onset days must be 0 or more and shorter than the intervention phase."];
            }
            else if (onset != experiment.OnsetDays)
            {
                notes.Add($"Onset days changed from {experiment.OnsetDays} to {onset}.");
                experiment.OnsetDays = onset;
            }
        }

        if (errors.Count == 0 && today >= experiment.Start)
        {
            experiment.Changes.AddRange(notes.Select(n => new ExperimentChange { ChangedOn = today, Description = n }));
        }

        return errors;
    }
}
