using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.Data;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using QRCoder;

namespace GutSkin.Web.Features.Account;

/// <summary>What an authenticator app needs to be set up: the shared key, readable, and as a QR code drawn on the server.</summary>
public static class Authenticator
{
    public const string Issuer = "GutSkin";

    public const int RecoveryCodeCount = 10;

    /// <summary>The base32 key in lower-case groups of four, easier to type into an app by hand.</summary>
    public static string FormatKey(string key) => string.Join(' ', key.Chunk(4).Select(group => new string(group))).ToLowerInvariant();

    /// <summary>The otpauth:// address authenticator apps read from the QR code (Key Uri Format: TOTP, SHA-1, 6 digits, 30 s).</summary>
    public static string Address(string email, string key) =>
        new PayloadGenerator.OneTimePassword
        {
            Secret = key,
            Issuer = Issuer,
            Label = email,
            Type = PayloadGenerator.OneTimePassword.OneTimePasswordAuthType.TOTP,
        }.ToString();

    /// <summary>The address as an inline SVG QR code: dark modules on a white square, so it scans in dark mode too. No script, no image request.</summary>
    public static string QrSvg(string address)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(address, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(new System.Drawing.Size(240, 240), "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }

    public const string CodeFormatMessage = "The code is the 6 digits your authenticator app shows, with nothing else.";

    /// <summary>The well-formed code as a pattern, for the forms' <c>[RegularExpression]</c> (which must match the whole text) and the API document.</summary>
    public const string CodePattern = "^[0-9]{6}$";

    /// <summary>An authenticator code is exactly 6 ASCII digits: one spelling per code, so a used code cannot come back as another.</summary>
    public static bool IsWellFormedCode(string? code) => code is { Length: 6 } && code.All(char.IsAsciiDigit);

    /// <summary>A recovery code as typed, in Identity's XXXXX-XXXXX form: spaces dropped, capitals, the hyphen put back if left out.</summary>
    public static string CleanRecoveryCode(string? code)
    {
        var cleaned = new string((code ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
        return cleaned.Length == 10 && !cleaned.Contains('-', StringComparison.Ordinal) ? $"{cleaned[..5]}-{cleaned[5..]}" : cleaned;
    }

    public static Task<bool> VerifyAsync(UserManager<AppUser> users, AppUser user, string code) =>
        users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code);
}

/// <summary>The OpenAPI document says what an authenticator code is (log-in and two-factor set-up): 6 ASCII digits.</summary>
public sealed class AuthenticatorCodeSchema : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo is { Name: "twoFactorCode" } property
            && (property.DeclaringType == typeof(LoginRequest) || property.DeclaringType == typeof(TwoFactorRequest)))
        {
            schema.Pattern = Authenticator.CodePattern;
            schema.Examples = [System.Text.Json.Nodes.JsonValue.Create("123456")];
        }

        return Task.CompletedTask;
    }
}
