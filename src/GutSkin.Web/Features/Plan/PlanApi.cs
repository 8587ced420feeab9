using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GutSkin.Web.Features.Plan;

public static class PlanApi
{
    public static IEndpointRouteBuilder MapPlanApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/plan").WithTags("Plan").RequireMember();
        group.MapGet("/", GetPlan).WithSummary("Your plan: the items the Today page shows, habit targets and the daily reminder. 404 until you have one.");
        group.MapPut("/", PutPlan).WithSummary("Create or replace your plan. A habit with a target is added to the items when left out.");
        return app;
    }

    private static async Task<Results<Ok<PlanDocument>, NotFound>> GetPlan(PlanService plans, Member member, CancellationToken ct)
    {
        return await plans.FindAsync(member.Id, ct) is { } plan ? TypedResults.Ok(PlanService.ToDocument(plan)) : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<PlanDocument>, ValidationProblem>> PutPlan(PlanDocument request, PlanService plans, Member member, CancellationToken ct)
    {
        var (plan, errors) = await plans.SaveAsync(member.Id, request, ct);
        return plan is null ? TypedResults.ValidationProblem(errors) : TypedResults.Ok(PlanService.ToDocument(plan));
    }
}
