using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace GutSkin.Web.Features.Push;

/// <summary>The member's devices that receive reminders by Web Push.</summary>
public static class PushApi
{
    public static IEndpointRouteBuilder MapPushApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/push").WithTags("Push").RequireMember();
        group.MapGet("/key", GetKey).WithSummary("The site's VAPID public key (base64url): the applicationServerKey a browser subscribes with.");
        group.MapGet("/subscriptions", List).WithSummary("Your devices with push reminders on: their endpoints, oldest first.");
        group.MapPost("/subscriptions", Subscribe)
            .WithSummary("Turn push reminders on for a device: the browser's PushSubscription JSON. The same endpoint again updates its keys. 409 when the endpoint is another account's.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/subscriptions", Unsubscribe).WithSummary("Turn push reminders off for a device, by its endpoint. 404 when you have no device with it.");
        return app;
    }

    private static async Task<Ok<PushKeyResponse>> GetKey(VapidKeys keys, CancellationToken ct) =>
        TypedResults.Ok(new PushKeyResponse((await keys.GetAsync(ct)).PublicKey));

    private static async Task<Ok<List<PushSubscriptionResponse>>> List(PushDevices devices, Member member, CancellationToken ct) =>
        TypedResults.Ok((await devices.OfMemberAsync(member.Id, ct)).Select(d => new PushSubscriptionResponse(d.Endpoint, d.CreatedAt)).ToList());

    private static async Task<Results<Created<PushSubscriptionResponse>, Ok<PushSubscriptionResponse>, ValidationProblem, ProblemHttpResult>> Subscribe(
        PushSubscriptionDocument request, PushDevices devices, IOptions<PushOptions> options, Member member, CancellationToken ct)
    {
        var errors = PushEndpoints.Check(request, options.Value.AllowLocalEndpoints, out var subscription);
        if (subscription is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var (outcome, device) = await devices.SaveAsync(member.Id, subscription, ct);
        return outcome switch
        {
            DeviceSaved.Created => TypedResults.Created("/api/push/subscriptions", new PushSubscriptionResponse(device!.Endpoint, device.CreatedAt)),
            DeviceSaved.Updated => TypedResults.Ok(new PushSubscriptionResponse(device!.Endpoint, device.CreatedAt)),
            DeviceSaved.TakenByAnotherMember => TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "This push subscription belongs to another account.",
                detail: "Unsubscribe in the browser and subscribe again: a new subscription gets a new endpoint."),
        };
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> Unsubscribe([FromBody] PushEndpointDocument request, PushDevices devices, Member member, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(request.Endpoint) || request.Endpoint.Length > MemberPushSubscription.MaxEndpointLength)
        {
            return Problems.Field("endpoint", "Give the endpoint of the subscription to remove.");
        }

        return await devices.RemoveAsync(member.Id, request.Endpoint, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
    }
}
