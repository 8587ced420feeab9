using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace GutSkin.Web.Features.Push;

/// <summary>A browser's subscription, checked: what is stored and sent to.</summary>
public sealed record CheckedSubscription(string Endpoint, string P256dh, string Auth);

/// <summary>
/// The rules for what a browser may register as its push subscription (the W3C Push API's <c>PushSubscription</c>
/// JSON), and which network addresses a push request may go to.
/// </summary>
public static class PushEndpoints
{
    public const int P256dhBytes = 65;

    public const int AuthBytes = 16;

    /// <summary>Checks the endpoint and keys; the error keys follow the JSON body (<c>endpoint</c>, <c>keys.p256dh</c>, <c>keys.auth</c>).</summary>
    public static Dictionary<string, string[]> Check(PushSubscriptionDocument document, bool allowLocal, out CheckedSubscription? subscription)
    {
        ArgumentNullException.ThrowIfNull(document);
        var keys = document.Keys;
        (string Field, string? Message)[] rules =
        [
            ("endpoint", CheckEndpoint(document.Endpoint, allowLocal)),
            ("keys", keys is null ? "Give the subscription's keys, p256dh and auth." : null),
            ("keys.p256dh", keys is null ? null : CheckP256dh(keys.P256dh)),
            ("keys.auth", keys is null || Decode(keys.Auth)?.Length == AuthBytes
                ? null : $"The auth secret is {AuthBytes} bytes, base64url."),
        ];
        var errors = rules.Where(r => r.Message is not null).ToDictionary(r => r.Field, r => new[] { r.Message! });
        subscription = errors.Count > 0 ? null
            : new CheckedSubscription(document.Endpoint!, keys!.P256dh!.TrimEnd('='), keys.Auth!.TrimEnd('='));
        return errors;
    }

    /// <summary>Null when <paramref name="endpoint"/> may be stored: an absolute https URL, or http on this machine when allowed.</summary>
    public static string? CheckEndpoint(string? endpoint, bool allowLocal)
    {
        if (string.IsNullOrEmpty(endpoint))
        {
            return "Give the push service's endpoint, an https URL.";
        }

        if (endpoint.Length > MemberPushSubscription.MaxEndpointLength)
        {
            return $"An endpoint is at most {MemberPushSubscription.MaxEndpointLength} characters.";
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            return "The endpoint is not an absolute URL.";
        }

        var local = allowLocal && (uri.IsLoopback || uri.Host == "localhost");
        if (uri.Scheme != Uri.UriSchemeHttps && !(local && uri.Scheme == Uri.UriSchemeHttp))
        {
            return "The endpoint must be an https URL.";
        }

        // A push service is somewhere on the internet; an address of the site's own network is refused here already.
        if (!local && (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 && !IsPublic(IPAddress.Parse(uri.Host)) || uri.IsLoopback))
        {
            return "The endpoint's host is not a public address.";
        }

        return null;
    }

    /// <summary>An address on the internet: not loopback, private, link-local, shared (CGNAT), multicast or unspecified.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.None))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] is 0 or 10 or 127 || b[0] >= 224
                || (b[0] == 100 && b[1] >= 64 && b[1] < 128)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] >= 16 && b[1] < 32)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] == 0));
        }

        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast);
    }

    private static string? CheckP256dh(string? text)
    {
        var bytes = Decode(text);
        if (bytes is not { Length: P256dhBytes } || bytes[0] != 0x04)
        {
            return $"The p256dh key is an uncompressed P-256 point: {P256dhBytes} bytes starting with 0x04, base64url.";
        }

        try
        {
            // A point off the curve would only fail later, at every reminder.
            using var key = ECDiffieHellman.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = bytes[1..33], Y = bytes[33..] } });
            return null;
        }
        catch (CryptographicException)
        {
            return "The p256dh key is not a point on the P-256 curve.";
        }
    }

    /// <summary>The bytes of a base64url text (padding allowed, as some browsers send it), or null.</summary>
    private static byte[]? Decode(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 200)
        {
            return null;
        }

        var trimmed = text.TrimEnd('=');
        return Base64Url.IsValid(trimmed, out _) ? Base64Url.DecodeFromChars(trimmed) : null;
    }
}
