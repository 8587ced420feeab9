using System.Net;
using Microsoft.AspNetCore.Hosting;
using MimeKit;
using netDumbster.smtp;

namespace GutSkin.Web.Tests.Reminders;

/// <summary>The reminder over real SMTP: MailKit talks to an SMTP server the test starts on the loopback interface.</summary>
public sealed class ReminderSmtpTests : IDisposable
{
    private readonly SimpleSmtpServer _smtp = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();

    public void Dispose() => _smtp.Dispose();

    private sealed class SmtpFactory(SimpleSmtpServer smtp) : ReminderFactory
    {
        private readonly int port = smtp.Configuration.Port;

        /// <summary>The sign-up confirmation goes over SMTP too: follow it from the server's inbox.</summary>
        protected override string ConfirmationLink(string email) =>
            smtp.ReceivedEmail
                .Select(received => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(received.Data))))
                .Where(m => m.To.Mailboxes.Any(a => a.Address == email))
                .SelectMany(Mailbox.Links)
                .Last(l => l.AbsolutePath == "/api/auth/confirmEmail").PathAndQuery;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Email:Smtp:Host", "127.0.0.1");
            builder.UseSetting("Email:Smtp:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Email:Smtp:Security", "None");
        }
    }

    [Fact]
    public async Task Reminder_ArrivesAtAnSmtpServer_WithTheTodayLinkAndTheUnsubscribeLink()
    {
        using var factory = new SmtpFactory(_smtp);
        var member = await factory.MemberWithReminderAsync("Asia/Kolkata", "20:30");
        factory.At("2026-06-15T15:00:00Z");

        Assert.Equal(1, await factory.Service.RunOnceAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await factory.NewInstance().RunOnceAsync(TestContext.Current.CancellationToken));

        var messages = new List<MimeMessage>();
        foreach (var received in _smtp.ReceivedEmail)
        {
            using var raw = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(received.Data));
            messages.Add(await MimeMessage.LoadAsync(raw, TestContext.Current.CancellationToken));
        }

        // The sign-up confirmation went over the same server; one reminder came with it.
        var message = Assert.Single(messages, ReminderFactory.IsReminder);
        Assert.Equal(member.Email, Assert.Single(message.To.Mailboxes).Address);
        Assert.Contains("Monday 15 June", message.Subject, StringComparison.Ordinal);
        Assert.Contains("/today", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("/reminders/unsubscribe?token=", message.TextBody, StringComparison.Ordinal);
        // The one-click unsubscribe headers (RFC 2369, RFC 8058) survive the trip through SMTP intact.
        Assert.Matches("^<http://[^\\s>]+/reminders/unsubscribe\\?token=[^\\s>]+>$", message.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.Empty(factory.MailTo(member.Email));
        Assert.NotNull(factory.WithDb(db => db.Plans.Single(p => p.UserId == member.Id).LastReminderDate));
    }
}
