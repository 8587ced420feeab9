using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using GutSkin.Web.Infrastructure;
using GutSkin.Web.Infrastructure.Email;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.Extensions.Options;
using MimeKit;

namespace GutSkin.Web.Features.Push;

/// <summary>Settings under <c>Push</c>.</summary>
public sealed class PushOptions
{
    /// <summary>
    /// Accept http endpoints on 127.0.0.1 or localhost and connect to loopback addresses: for tests with a push
    /// service of their own. Development only; the app refuses to start with it elsewhere.
    /// </summary>
    public bool AllowLocalEndpoints { get; set; }

    /// <summary>How long one push service may take to answer before the message counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>What a push message is: a title, a line, and the site path the notification opens.</summary>
public sealed record PushPayload(string Title, string Body, string Url);

public enum PushResult
{
    Delivered,

    /// <summary>The push service says the subscription no longer exists (404 or 410): it should be deleted.</summary>
    Gone,

    Failed,
}

/// <summary>
/// Sends Web Push messages (RFC 8030) with Lib.Net.Http.WebPush: the payload encrypted to the device's keys
/// (RFC 8291, aes128gcm) and signed with the site's VAPID key (RFC 8292, <c>Authorization: vapid t=…, k=…</c>).
/// The endpoint comes from a member's browser, so it is a URL someone else chose: the connection goes only to public
/// addresses (no loopback, private or link-local network: the push request cannot reach the site's own network),
/// redirects are not followed, and nothing about the endpoint is logged.
/// </summary>
public sealed class PushSender : IDisposable
{
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    private readonly VapidKeys _keys;
    private readonly string? _subject;
    private readonly ILogger<PushSender> _logger;
    private readonly HttpClient _http;
    private readonly PushServiceClient _client;
    private VapidAuthentication? _authentication;

    public PushSender(VapidKeys keys, IOptions<PushOptions> options, IOptions<SiteOptions> site, IOptions<EmailOptions> email, ILogger<PushSender> logger)
    {
        _keys = keys;
        _logger = logger;
        _subject = Subject(site.Value, email.Value);
        var allowLocal = options.Value.AllowLocalEndpoints;
        var sockets = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectCallback = (context, ct) => ConnectAsync(context.DnsEndPoint, allowLocal, ct),
        };
        _http = new HttpClient(new OriginAudience(() => _authentication) { InnerHandler = sockets })
        {
            Timeout = options.Value.Timeout,
        };
        _client = new PushServiceClient(_http) { DefaultAuthenticationScheme = VapidAuthenticationScheme.Vapid, AutoRetryAfter = false };
    }

    /// <summary>The VAPID contact: the site's https address, or else a mailto: of the sender address of its mail.</summary>
    public static string? Subject(SiteOptions site, EmailOptions email)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(email);
        if (SiteOptions.PublicOrigin(site.BaseUrl) is { Scheme: "https" } origin)
        {
            return origin.GetLeftPart(UriPartial.Authority);
        }

        return MailboxAddress.TryParse(email.From, out var from) && from.Address.Contains('@', StringComparison.Ordinal) ? $"mailto:{from.Address}" : null;
    }

    public async Task<PushResult> SendAsync(MemberPushSubscription device, PushPayload payload, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(device);
        var keys = await _keys.GetAsync(ct);
        var subscription = new PushSubscription { Endpoint = device.Endpoint };
        subscription.SetKey(PushEncryptionKeyName.P256DH, device.P256dh);
        subscription.SetKey(PushEncryptionKeyName.Auth, device.Auth);
        var message = new PushMessage(JsonSerializer.Serialize(payload, PayloadJson))
        {
            // A reminder for today: kept by the push service for half a day while the device is off, one at a time.
            TimeToLive = (int)TimeSpan.FromHours(12).TotalSeconds,
            Topic = "daily-reminder",
            Urgency = PushMessageUrgency.Normal,
        };
        var authentication = _authentication ??= new VapidAuthentication(keys.PublicKey, keys.PrivateKey) { Subject = _subject };
        try
        {
            await _client.RequestPushMessageDeliveryAsync(subscription, message, authentication, VapidAuthenticationScheme.Vapid, ct);
            return PushResult.Delivered;
        }
        catch (PushServiceClientException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            return PushResult.Gone;
        }
        catch (PushServiceClientException e)
        {
            // The status only: the endpoint is the device's capability URL, and the body may echo it.
            _logger.LogWarning("A push message was not accepted: the push service answered {Status}", (int)e.StatusCode);
            return PushResult.Failed;
        }
        catch (Exception e) when (e is HttpRequestException or CryptographicException or IOException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            // The exception's message can hold the endpoint: its type is enough to tell a timeout from a refused address.
            _logger.LogWarning("A push message could not be sent ({Error})", e.GetType().Name);
            return PushResult.Failed;
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Connects only to an address the push request may reach: a public one, or loopback when allowed.</summary>
    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, bool allowLocal, CancellationToken ct)
    {
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(endpoint.Host, ct);
        var allowed = addresses.Where(a => PushEndpoints.IsPublic(a) || (allowLocal && IPAddress.IsLoopback(a))).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException("The push service's address is not a public one.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Signs the VAPID token for the endpoint's whole origin. Lib.Net.Http.WebPush 3.3.1 signs <c>aud</c> as
    /// scheme://host, leaving out the port, where RFC 8292 asks for the origin (RFC 6454: with a port that is not the
    /// scheme's default). Push services listen on 443, where the two agree; on any other port this puts the port back.
    /// </summary>
    private sealed class OriginAudience(Func<VapidAuthentication?> authentication) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri is { IsDefaultPort: false } uri && authentication() is { } vapid
                && string.Equals(request.Headers.Authorization?.Scheme, "vapid", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("vapid", vapid.GetVapidSchemeAuthenticationHeaderValueParameter(uri.GetLeftPart(UriPartial.Authority)));
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
