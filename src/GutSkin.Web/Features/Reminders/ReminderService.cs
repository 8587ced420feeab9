using System.Globalization;
using System.Text.Encodings.Web;
using GutSkin.Web.Data;
using GutSkin.Web.Features.Journal;
using GutSkin.Web.Infrastructure;
using GutSkin.Web.Infrastructure.Email;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GutSkin.Web.Features.Reminders;

public sealed class ReminderOptions
{
    /// <summary>Off in tests that drive <see cref="ReminderService.RunOnceAsync"/> themselves.</summary>
    public bool RunInBackground { get; set; } = true;

    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long an instance holds a member's reminder while sending it. Longer than any send takes (MailKit gives
    /// up on a silent server after two minutes), short enough that a reminder claimed by an instance that died
    /// still goes out the same hour.
    /// </summary>
    public TimeSpan ClaimLifetime { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>Signed one-click unsubscribe tokens: the member's id, protected so nobody can forge one for someone else.</summary>
public sealed class ReminderLinks(IDataProtectionProvider protection)
{
    private IDataProtector Protector => protection.CreateProtector("GutSkin.Reminders.Unsubscribe.v1");

    public string Token(string userId) => Protector.Protect(userId);

    public string? UserId(string? token) => Protector.TryUnprotect(token);
}

/// <summary>
/// Sends each member with reminders on one e-mail a day at their local time, on days not yet logged.
/// Before the mail goes out the member's reminder is claimed in the database with a conditional UPDATE
/// that expires (<see cref="ReminderOptions.ClaimLifetime"/>), and the day is marked sent right after:
/// a restart, a second instance or an overlapping run does not send it twice, and an instance that dies
/// while sending does not stop the reminder (another sends it once the claim expires). Only a death in
/// the instant between the mail server's acceptance and the mark can repeat a mail.
/// </summary>
public sealed class ReminderService(
    IServiceScopeFactory scopes,
    TimeProvider time,
    EmailSender mail,
    ReminderLinks links,
    SiteLinks site,
    IOptions<IdentityOptions> identity,
    IOptions<ReminderOptions> options,
    ILogger<ReminderService> logger) : PeriodicJob(time, logger)
{
    private readonly ReminderSchedule _schedule = new(time);

    protected override TimeSpan Period => options.Value.Interval;

    protected override bool Enabled => options.Value.RunInBackground;

    protected override bool RunsAtStart => true;

    protected override Task RunAsync(CancellationToken ct) => RunOnceAsync(ct);

    /// <summary>One pass over every member with reminders on; returns how many mails went out.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GutSkinDb>();
        var journal = scope.ServiceProvider.GetRequiredService<JournalReader>();
        // Where sign-up needs a confirmed address, an unconfirmed one gets no reminders.
        var confirmedOnly = identity.Value.SignIn.RequireConfirmedEmail;
        var candidates = await db.Plans.AsNoTracking()
            .Where(p => p.ReminderEnabled && p.User!.Email != null && (!confirmedOnly || p.User.EmailConfirmed))
            .Select(p => new { p.UserId, p.ReminderTime, p.LastReminderDate, p.User!.TimeZone, p.User.Email })
            .ToListAsync(ct);
        var sent = 0;
        foreach (var member in candidates)
        {
            var zone = MemberClock.FindZone(member.TimeZone) ?? TimeZoneInfo.Utc;
            if (_schedule.DueDate(zone, member.ReminderTime, member.LastReminderDate) is not { } due)
            {
                continue;
            }

            if (await journal.HasDayAsync(member.UserId, due, ct))
            {
                continue;
            }

            // The claim: only one run, in any process, holds the member's reminder at a time, and only until it expires.
            var now = Time.GetUtcNow().UtcDateTime;
            var until = now + options.Value.ClaimLifetime;
            var claimed = await db.Plans
                .Where(p => p.UserId == member.UserId && p.ReminderEnabled && (p.LastReminderDate == null || p.LastReminderDate < due)
                    && (p.ReminderClaimedUntil == null || p.ReminderClaimedUntil <= now))
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.ReminderClaimedUntil, until), ct);
            if (claimed == 0)
            {
                continue;
            }

            try
            {
                await SendAsync(member.Email!, member.UserId, due, ct);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or System.Net.Sockets.SocketException or MailKit.CommandException or MailKit.ProtocolException or MailKit.Net.Smtp.SmtpCommandException)
            {
                // Give the claim back so the next pass tries again.
                await db.Plans.Where(p => p.UserId == member.UserId && p.ReminderClaimedUntil == until)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.ReminderClaimedUntil, (DateTime?)null), CancellationToken.None);
                logger.LogWarning(e, "A reminder could not be sent; it will be tried again");
                continue;
            }

            // Sent: the day is done, whatever happens to this process next.
            await db.Plans.Where(p => p.UserId == member.UserId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.LastReminderDate, due).SetProperty(p => p.ReminderClaimedUntil, (DateTime?)null), CancellationToken.None);
            sent++;
        }

        return sent;
    }

    private Task SendAsync(string email, string userId, DateOnly day, CancellationToken ct)
    {
        var today = site.Absolute("/today");
        // The same link serves the person (GET: a page that asks) and the mail program's one-click POST (RFC 8058).
        var unsubscribe = site.Absolute($"/reminders/unsubscribe?token={Uri.EscapeDataString(links.Token(userId))}");
        var date = day.ToString("dddd d MMMM", CultureInfo.InvariantCulture);
        var text = $"""
            You have not logged {date} yet. It takes half a minute:

            {today}

            You get this mail because daily reminders are on in your GutSkin plan.
            Stop them with one click: {unsubscribe}
            """;
        var html = $"""
            <p>You have not logged {Enc(date)} yet. It takes half a minute:</p>
            <p><a href="{Enc(today)}">Log today</a></p>
            <p>You get this mail because daily reminders are on in your GutSkin plan. <a href="{Enc(unsubscribe)}">Stop daily reminders</a></p>
            """;
        return mail.SendUnsubscribableAsync(email, $"GutSkin: log {date}", text, html, unsubscribe, ct);
    }

    private static string Enc(string text) => HtmlEncoder.Default.Encode(text);
}
