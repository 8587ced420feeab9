using System.Buffers.Binary;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GutSkin.Testing;

/// <summary>
/// A browser's side of a push subscription: a P-256 key pair and a 16-byte auth secret made here, and an endpoint on
/// the test's push service. The private key stays here, as it stays in a browser: only this device can read its messages.
/// </summary>
public sealed class TestDevice : IDisposable
{
    public TestDevice(string endpoint)
    {
        Endpoint = endpoint;
        Key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var q = Key.ExportParameters(includePrivateParameters: false).Q;
        PublicKey = [0x04, .. q.X!, .. q.Y!];
        AuthSecret = RandomNumberGenerator.GetBytes(16);
    }

    public string Endpoint { get; }

    public ECDiffieHellman Key { get; }

    /// <summary>The uncompressed public point, 65 bytes.</summary>
    public byte[] PublicKey { get; }

    public byte[] AuthSecret { get; }

    public string P256dh => Base64Url.EncodeToString(PublicKey);

    public string Auth => Base64Url.EncodeToString(AuthSecret);

    /// <summary>The body a browser posts: <c>PushSubscription.toJSON()</c>.</summary>
    public object Subscription => new { endpoint = Endpoint, expirationTime = (double?)null, keys = new { p256dh = P256dh, auth = Auth } };

    public void Dispose() => Key.Dispose();
}

/// <summary>A push message as the test's push service received it, checked and decrypted.</summary>
public sealed record ReceivedPush(string Endpoint, string? Payload, JsonElement? Claims, IReadOnlyList<string> Problems, IReadOnlyDictionary<string, string> Headers)
{
    public JsonElement Json => JsonDocument.Parse(Payload ?? "null").RootElement.Clone();
}

/// <summary>
/// A push service of the test's own (RFC 8030) on 127.0.0.1, a real Kestrel listener on a random port. For each
/// message it checks the VAPID authorization (RFC 8292: <c>vapid t=JWT, k=KEY</c>, an ES256 signature verified with
/// that key, <c>aud</c> the endpoint's origin, <c>exp</c> within 24 hours, a <c>sub</c>) and decrypts the body as the
/// device would (RFC 8291 with RFC 8188's aes128gcm: ECDH on P-256, HKDF-SHA-256, AES-128-GCM), with nothing but
/// System.Security.Cryptography. Whatever fails is written into <see cref="ReceivedPush.Problems"/>. Each device's
/// answer is 201 unless a test sets another.
/// </summary>
public sealed class TestPushService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, TestDevice> _devices = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ReceivedPush> _received = new();

    private TestPushService(WebApplication app) => _app = app;

    public string Origin { get; private set; } = "";

    public IReadOnlyList<ReceivedPush> Received => [.. _received];

    public static async Task<TestPushService> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var service = new TestPushService(app);
        app.MapPost("/push/{id}", (Delegate)service.ReceiveAsync);
        await app.StartAsync();
        service.Origin = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
        return service;
    }

    /// <summary>A new device subscribed at this push service.</summary>
    public TestDevice NewDevice()
    {
        var device = new TestDevice($"{Origin}/push/{Guid.NewGuid():N}");
        _devices[device.Endpoint] = device;
        return device;
    }

    /// <summary>What the push service answers for <paramref name="device"/> from now on (201 by default).</summary>
    public void AnswerWith(TestDevice device, HttpStatusCode status) => _answers[device.Endpoint] = (int)status;

    public IReadOnlyList<ReceivedPush> ReceivedBy(TestDevice device) => [.. _received.Where(r => r.Endpoint == device.Endpoint)];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (var device in _devices.Values)
        {
            device.Dispose();
        }
    }

    private async Task<IResult> ReceiveAsync(HttpContext http)
    {
        var endpoint = $"{Origin}{http.Request.Path}";
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body);
        var problems = new List<string>();
        var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var claims = CheckVapid(headers.GetValueOrDefault("Authorization"), Origin, problems);
        string? payload = null;
        if (!_devices.TryGetValue(endpoint, out var device))
        {
            problems.Add("a message for an endpoint no device has");
        }
        else if (!string.Equals(headers.GetValueOrDefault("Content-Encoding"), "aes128gcm", StringComparison.Ordinal))
        {
            problems.Add($"Content-Encoding is '{headers.GetValueOrDefault("Content-Encoding")}', not aes128gcm");
        }
        else
        {
            payload = Decrypt(body.ToArray(), device, problems);
        }

        if (!headers.ContainsKey("TTL"))
        {
            problems.Add("no TTL header (RFC 8030 requires one)");
        }

        _received.Enqueue(new ReceivedPush(endpoint, payload, claims, problems, headers));
        return Results.StatusCode(_answers.GetValueOrDefault(endpoint, StatusCodes.Status201Created));
    }

    /// <summary>Checks <c>Authorization: vapid t=JWT, k=KEY</c>; answers the JWT's claims when its signature holds.</summary>
    private static JsonElement? CheckVapid(string? authorization, string origin, List<string> problems)
    {
        const string scheme = "vapid ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"Authorization is not the vapid scheme: '{authorization}'");
            return null;
        }

        var parameters = authorization[scheme.Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!parameters.TryGetValue("t", out var token) || !parameters.TryGetValue("k", out var key))
        {
            problems.Add("the vapid authorization lacks t= or k=");
            return null;
        }

        var point = Base64Url.DecodeFromChars(key);
        var parts = token.Split('.');
        if (point is not [0x04, ..] || point.Length != 65 || parts.Length != 3)
        {
            problems.Add("k= is not an uncompressed P-256 point, or t= is not a JWT");
            return null;
        }

        using var verifier = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = point[1..33], Y = point[33..] } });
        // JWS ES256: the signature is r and s, 32 bytes each (IEEE P1363), over "header.payload".
        if (!verifier.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            problems.Add("the JWT's ES256 signature does not verify with k=");
            return null;
        }

        var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement;
        if (header.GetProperty("alg").GetString() != "ES256")
        {
            problems.Add("the JWT's alg is not ES256");
        }

        var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement.Clone();
        var aud = claims.TryGetProperty("aud", out var a) ? a.GetString() : null;
        if (!string.Equals(aud, origin, StringComparison.Ordinal))
        {
            problems.Add($"aud is '{aud}', not the endpoint's origin {origin}");
        }

        // The library signs with the machine's clock; the fake clock of the app plays no part.
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        if (!claims.TryGetProperty("exp", out var exp) || exp.GetInt64() <= now || exp.GetInt64() > now + (24 * 3600))
        {
            problems.Add("exp is missing or not within the next 24 hours");
        }

        if (!claims.TryGetProperty("sub", out var sub) || sub.GetString() is not { Length: > 0 } subject
            || !(subject.StartsWith("mailto:", StringComparison.Ordinal) || subject.StartsWith("https://", StringComparison.Ordinal)))
        {
            problems.Add("sub is missing or neither mailto: nor https:");
        }

        return claims;
    }

    /// <summary>
    /// RFC 8291 and RFC 8188 from the device's side: the header (salt, record size, the sender's one-off public key),
    /// the shared secret with the device's private key, the input keying material bound to both public keys and the
    /// auth secret, then the content key and nonce, and AES-128-GCM over the record, which ends in its padding delimiter.
    /// </summary>
    private static string? Decrypt(byte[] body, TestDevice device, List<string> problems)
    {
        if (body.Length < 21 + 65 + 17 || body[20] != 65)
        {
            problems.Add($"the aes128gcm header is malformed ({body.Length} bytes)");
            return null;
        }

        var salt = body[..16];
        var recordSize = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(16, 4));
        var senderKey = body[21..86];
        var record = body[86..];
        if (record.Length > recordSize)
        {
            problems.Add("the message is longer than one record");
            return null;
        }

        using var sender = ECDiffieHellman.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = senderKey[1..33], Y = senderKey[33..] } });
        var sharedSecret = device.Key.DeriveRawSecretAgreement(sender.PublicKey);
        byte[] keyInfo = [.. "WebPush: info"u8, 0, .. device.PublicKey, .. senderKey];
        var ikm = HKDF.DeriveKey(HashAlgorithmName.SHA256, sharedSecret, 32, salt: device.AuthSecret, info: keyInfo);
        var prk = HKDF.Extract(HashAlgorithmName.SHA256, ikm, salt);
        var contentKey = HKDF.Expand(HashAlgorithmName.SHA256, prk, 16, [.. "Content-Encoding: aes128gcm"u8, 0]);
        var nonce = HKDF.Expand(HashAlgorithmName.SHA256, prk, 12, [.. "Content-Encoding: nonce"u8, 0]);
        var plain = new byte[record.Length - 16];
        try
        {
            using var aes = new AesGcm(contentKey, 16);
            aes.Decrypt(nonce, record[..^16], record[^16..], plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            problems.Add("the record does not decrypt with the device's keys");
            return null;
        }

        // The last record's padding: a 0x02 delimiter, then zeros.
        var end = plain.AsSpan().TrimEnd((byte)0);
        if (end.Length == 0 || end[^1] != 2)
        {
            problems.Add("the record does not end with the last record's padding delimiter");
            return null;
        }

        return Encoding.UTF8.GetString(end[..^1]);
    }
}
