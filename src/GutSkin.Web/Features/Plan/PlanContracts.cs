using System.Text.Json.Serialization;

namespace GutSkin.Web.Features.Plan;

/// <summary>The plan as <c>GET/PUT /api/plan</c> read and write it.</summary>
public sealed record PlanDocument(List<string?>? Items = null, Dictionary<string, PlanTargetDocument?>? Targets = null, PlanReminderDocument? Reminder = null);

/// <remarks>Min and max are JSON numbers; one of them, or both, is set.</remarks>
public sealed record PlanTargetDocument(
    [property: JsonNumberHandling(JsonNumberHandling.Strict), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Min = null,
    [property: JsonNumberHandling(JsonNumberHandling.Strict), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Max = null);

/// <summary>
/// <c>localTime</c> is the member's own wall-clock time, <c>HH:mm</c>; <c>channel</c> is how the reminder comes:
/// <c>email</c> (when left out), <c>push</c> (to the devices turned on with <c>/api/push/subscriptions</c>; e-mail
/// while there is none) or <c>both</c>.
/// </summary>
public sealed record PlanReminderDocument(bool? Enabled = null, string? LocalTime = null, string? Channel = null);
