using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using GutSkin.Web.Infrastructure;
using GutSkin.Web.Infrastructure.Email;
using Microsoft.AspNetCore.DataProtection;

namespace GutSkin.Web.Features.Account;

public enum SecurityEvent
{
    PasswordChanged,
    TwoFactorOn,
    TwoFactorOff,
    AuthenticatorKeyReset,
    RecoveryCodesRenewed,
    JournalExported,
    AccountErased,
}

/// <summary>What the link in an e-mail-change notice undoes: the account, and the address it had and was given.</summary>
public sealed record EmailChangeUndo(string UserId, string OldEmail, string NewEmail, DateTimeOffset IssuedAt);

/// <summary>
/// The one place that words and sends security notices: each change to how an account signs in, each erasure and
/// each full export is mailed to the account's stored address (never an address from the request), saying what
/// happened, when, from which kind of device, and what to do if it was not the member.
/// </summary>
public sealed class SecurityNotices(EmailSender mail, SiteLinks links, TimeProvider time, IDataProtectionProvider protection, ILogger<SecurityNotices> logger)
{
    /// <summary>How long the link that undoes an e-mail change works.</summary>
    public static readonly TimeSpan UndoLifetime = TimeSpan.FromDays(7);

    private IDataProtector UndoProtector => protection.CreateProtector("GutSkin.Account.UndoEmailChange.v1");

    public Task SendAsync(string? email, SecurityEvent what, HttpContext http)
    {
        var (subject, happened) = what switch
        {
            SecurityEvent.PasswordChanged => ("Your GutSkin password was changed", "The password of your GutSkin account was changed. Every other browser and app was signed out."),
            SecurityEvent.TwoFactorOn => ("Two-factor sign-in is on for your GutSkin account", "Two-factor sign-in was turned on: logging in now also asks for a code from an authenticator app."),
            SecurityEvent.TwoFactorOff => ("Two-factor sign-in is off for your GutSkin account", "Two-factor sign-in was turned off: logging in now asks for the password only."),
            SecurityEvent.AuthenticatorKeyReset => ("Your GutSkin authenticator key was reset", "The authenticator key of your GutSkin account was reset: two-factor sign-in is off until a new authenticator app is set up."),
            SecurityEvent.RecoveryCodesRenewed => ("New GutSkin recovery codes were made", "New recovery codes were made for your GutSkin account; the old ones no longer work."),
            SecurityEvent.JournalExported => ("Your GutSkin journal was downloaded", "A full copy of your GutSkin journal was downloaded."),
            SecurityEvent.AccountErased => ("Your GutSkin account was erased", "Your GutSkin account and everything in it were erased. This cannot be undone."),
        };
        var advice = what == SecurityEvent.AccountErased
            ? "If this was not you, someone had access to your account: change the password of your e-mail too."
            : $"If this was not you, reset your password now ({links.Absolute("/account/forgot-password")}) and look at where you are signed in ({links.Absolute("/account/devices")}).";
        return SendNoticeAsync(email, subject, happened, advice, link: null, http);
    }

    /// <summary>Tells the old address that the account's address changed, with a signed link that puts it back and signs out every session (7 days).</summary>
    public Task EmailChangedAsync(AppUser user, string oldEmail, string newEmail, HttpContext http)
    {
        var token = UndoProtector.Protect(JsonSerializer.Serialize(new EmailChangeUndo(user.Id, oldEmail, newEmail, time.GetUtcNow())));
        var link = links.Absolute($"/account/email/undo?token={Uri.EscapeDataString(token)}");
        return SendNoticeAsync(
            oldEmail,
            "The e-mail address of your GutSkin account was changed",
            $"The e-mail address of your GutSkin account was changed from this address to {newEmail}, and every browser and app was signed out.",
            $"If this was not you, open this link within {UndoLifetime.Days} days: it puts this address back and signs out everyone using the account. Then choose a new password.",
            link,
            http);
    }

    /// <summary>The change an undo link stands for; null when the link was tampered with, made for something else, or is older than 7 days.</summary>
    public EmailChangeUndo? ReadUndo(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 4000)
        {
            return null;
        }

        try
        {
            var undo = JsonSerializer.Deserialize<EmailChangeUndo>(UndoProtector.Unprotect(token));
            var age = time.GetUtcNow() - undo?.IssuedAt;
            return age is { } a && a >= TimeSpan.Zero && a <= UndoLifetime ? undo : null;
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    private async Task SendNoticeAsync(string? email, string subject, string happened, string advice, string? link, HttpContext http)
    {
        if (string.IsNullOrEmpty(email))
        {
            return;
        }

        var when = time.GetUtcNow().ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var device = DeviceName.Describe(http.Request.Headers.UserAgent.ToString());
        var text = $"{happened}\n\nWhen: {when}\nFrom: {device}\n\n{advice}\n" + (link is null ? "" : $"\n{link}\n");
        var html = $"<p>{Encode(happened)}</p><p>When: {Encode(when)}<br>From: {Encode(device)}</p><p>{Encode(advice)}</p>"
            + (link is null ? "" : $"<p><a href=\"{Encode(link)}\">{Encode(link)}</a></p>");
        try
        {
            await mail.SendAsync(email, subject, text, html);
        }
        catch (Exception e) when (e is IOException or MailKit.ProtocolException or MailKit.CommandException or System.Net.Sockets.SocketException or MailKit.Security.AuthenticationException)
        {
            // The change is made already; a mail server that is down must not turn it into an error page.
            logger.LogWarning(e, "A security notice ({Subject}) could not be sent", subject);
        }
    }

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
