using System.Net;
using System.Text.Encodings.Web;
using GutSkin.Web.Features.Account;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MimeKit;

namespace GutSkin.Web.Infrastructure.Email;

public sealed class EmailOptions
{
    /// <summary>Where mail goes as .eml files when no SMTP host is set.</summary>
    public string PickupDirectory { get; set; } = "data/mail";

    public string From { get; set; } = "GutSkin <no-reply@gutskin.local>";

    public SmtpOptions Smtp { get; set; } = new();
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Auto, StartTls, SslOnConnect or None (MailKit's SecureSocketOptions).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;
}

/// <summary>Sends mail with MailKit over SMTP, or writes it to the pickup folder when SMTP is not configured.</summary>
public sealed class EmailSender(IOptions<EmailOptions> options, SiteLinks site, ILogger<EmailSender> logger) : IEmailSender<AppUser>
{
    public Task SendAsync(string to, string subject, string textBody, string? htmlBody = null, CancellationToken ct = default) =>
        DeliverAsync(to, subject, textBody, htmlBody, [], ct);

    /// <summary>
    /// A mail the member can stop with one click from the mail program: <c>List-Unsubscribe</c> (RFC 2369) names the
    /// link, and <c>List-Unsubscribe-Post</c> (RFC 8058) says a POST to it unsubscribes with no further question.
    /// </summary>
    public Task SendUnsubscribableAsync(string to, string subject, string textBody, string htmlBody, string unsubscribeUrl, CancellationToken ct) =>
        DeliverAsync(to, subject, textBody, htmlBody, [("List-Unsubscribe", $"<{unsubscribeUrl}>"), ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")], ct);

    private async Task DeliverAsync(string to, string subject, string textBody, string? htmlBody, (string Name, string Value)[] headers, CancellationToken ct)
    {
        var settings = options.Value;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        foreach (var (name, value) in headers)
        {
            message.Headers.Add(name, value);
        }

        message.Body = new BodyBuilder { TextBody = textBody, HtmlBody = htmlBody }.ToMessageBody();
        if (string.IsNullOrWhiteSpace(settings.Smtp.Host))
        {
            Directory.CreateDirectory(settings.PickupDirectory);
            var path = Path.Combine(settings.PickupDirectory, $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml");
            await message.WriteToAsync(path, ct);
            logger.LogInformation("Mail '{Subject}' written to the pickup folder", subject);
            return;
        }

        using var client = new SmtpClient();
        await client.ConnectAsync(settings.Smtp.Host, settings.Smtp.Port, settings.Smtp.Security, ct);
        if (!string.IsNullOrEmpty(settings.Smtp.Username))
        {
            await client.AuthenticateAsync(settings.Smtp.Username, settings.Smtp.Password ?? "", ct);
        }

        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
        logger.LogInformation("Mail '{Subject}' sent over SMTP", subject);
    }

    // Identity builds these links from the request's Host header (and HTML-encodes them): they are moved onto Site:BaseUrl,
    // so a forged Host cannot send a code to another server. Identity also passes the address the requester typed
    // (resend confirmation, forgot password): these mails go to the address the account has instead, so a look-alike
    // spelling that finds the account never receives its links. The one exception is the confirmation of an e-mail
    // change, which must reach the new address it names.
    public Task SendConfirmationLinkAsync(AppUser user, string email, string confirmationLink) =>
        SendLinkAsync(ConfirmsChangeTo(confirmationLink, email) ? email : user.Email, "Confirm your GutSkin account", "Please confirm your e-mail address to start using GutSkin:", site.Rebase(WebUtility.HtmlDecode(confirmationLink)));

    public Task SendPasswordResetLinkAsync(AppUser user, string email, string resetLink) =>
        SendLinkAsync(user.Email, "Reset your GutSkin password", "Someone (hopefully you) asked to reset your GutSkin password. Open this link to choose a new one; it works once:", site.Rebase(resetLink));

    public Task SendPasswordResetCodeAsync(AppUser user, string email, string resetCode) =>
        user.Email is { } stored
            ? SendAsync(stored, "Your GutSkin password reset code", $"Your password reset code is:\n\n{resetCode}\n\nIf you did not ask for it, ignore this mail; your password stays as it was.")
            : Task.CompletedTask;

    /// <summary>Whether the link confirms a change of the account's address to <paramref name="email"/> (Identity's changedEmail).</summary>
    private static bool ConfirmsChangeTo(string link, string email) =>
        Uri.TryCreate(WebUtility.HtmlDecode(link), UriKind.Absolute, out var uri)
        && Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(uri.Query).TryGetValue("changedEmail", out var changed)
        && string.Equals(changed.ToString(), email, StringComparison.Ordinal);

    private Task SendLinkAsync(string? email, string subject, string intro, string link) =>
        email is null ? Task.CompletedTask : SendAsync(email, subject,
            $"{intro}\n\n{link}\n\nIf you did not ask for this, ignore this mail.",
            $"<p>{HtmlEncoder.Default.Encode(intro)}</p><p><a href=\"{HtmlEncoder.Default.Encode(link)}\">{HtmlEncoder.Default.Encode(link)}</a></p><p>If you did not ask for this, ignore this mail.</p>");
}
