namespace GutSkin.Web.Features.Push;

/// <summary>
/// A browser's push subscription as <c>PushSubscription.toJSON()</c> gives it: <c>{"endpoint", "expirationTime",
/// "keys": {"p256dh", "auth"}}</c>. <c>expirationTime</c> is accepted and not used.
/// </summary>
public sealed record PushSubscriptionDocument(string? Endpoint = null, PushKeysDocument? Keys = null, double? ExpirationTime = null);

public sealed record PushKeysDocument(string? P256dh = null, string? Auth = null);

/// <summary>Which subscription to remove: its endpoint.</summary>
public sealed record PushEndpointDocument(string? Endpoint = null);

/// <summary>The application server key the browser subscribes with (<c>applicationServerKey</c>), base64url.</summary>
public sealed record PushKeyResponse(string PublicKey);

/// <summary>One of your devices with push on.</summary>
public sealed record PushSubscriptionResponse(string Endpoint, DateTime CreatedAt);
