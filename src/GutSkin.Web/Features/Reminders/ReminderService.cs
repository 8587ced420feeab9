using System.Globalization;
using System.Text.Encodings.Web;
using GutSkin.Analysis;
using GutSkin.Web.Data;
using GutSkin.Web.Features.Journal;
using GutSkin.Web.Features.Plan;
using GutSkin.Web.Features.Push;
using GutSkin.Web.Infrastructure;
using GutSkin.Web.Infrastructure.Email;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
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
/// Reminds each member with reminders on once a day at their local time, on days not yet logged: by e-mail, by Web
/// Push to their devices, or both, as their plan says (push with no device turned on falls back to e-mail). Before
/// anything goes out the member's reminder is claimed in the database with a conditional UPDATE that expires
/// (<see cref="ReminderOptions.ClaimLifetime"/>), and the day is marked sent once the mail is out, before the pushes:
/// a restart, a second instance or an overlapping run does not remind twice, and an instance that dies while mailing
/// does not stop the reminder (another sends it once the claim expires). Only a death in the instant between the mail
/// server's acceptance and the mark can repeat a mail; a push is sent at most once (a failed one is logged, not retried).
/// Both link to the missed day, <c>/today/YYYY-MM-DD</c>, so a reminder read after midnight still opens the right day.
/// </summary>
public sealed class ReminderService(
    IServiceScopeFactory scopes,
    TimeProvider time,
    EmailSender mail,
    PushSender push,
    ReminderLinks links,
    SiteLinks site,
    IOptions<IdentityOptions> identity,
    IOptions<ReminderOptions> options,
    DatabaseStartup database,
    ILogger<ReminderService> logger) : PeriodicJob(time, database, logger)
{
    private readonly ReminderSchedule _schedule = new(time);

    protected override TimeSpan Period => options.Value.Interval;

    protected override bool Enabled => options.Value.RunInBackground;

    protected override bool RunsAtStart => true;

    protected override Task RunAsync(CancellationToken ct) => RunOnceAsync(ct);

    /// <summary>One pass over every member with reminders on; returns how many members were reminded.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var plans = scope.ServiceProvider.GetRequiredService<PlanReminders>();
        var journal = scope.ServiceProvider.GetRequiredService<JournalReader>();
        var devices = scope.ServiceProvider.GetRequiredService<PushDevices>();
        // Where sign-up needs a confirmed address, an unconfirmed one gets no reminders.
        var confirmedOnly = identity.Value.SignIn.RequireConfirmedEmail;
        var candidates = await plans.CandidatesAsync(confirmedOnly, ct);
        var sent = 0;
        foreach (var member in candidates)
        {
            var zone = MemberClock.FindZone(member.TimeZone) ?? TimeZoneInfo.Utc;
            if (_schedule.DueDate(zone, member.Time, member.LastDate) is not { } due || await journal.HasDayAsync(member.UserId, due, ct))
            {
                continue;
            }

            // The claim: only one run, in any process, holds the member's reminder at a time, and only until it expires.
            var now = Time.GetUtcNow().UtcDateTime;
            var until = now + options.Value.ClaimLifetime;
            if (!await plans.ClaimAsync(member.UserId, due, now, until, ct))
            {
                continue;
            }

            var targets = member.Channel == ReminderChannel.Email ? [] : await devices.OfMemberAsync(member.UserId, ct);
            if (member.Channel == ReminderChannel.Both || targets.Count == 0)
            {
                try
                {
                    await SendMailAsync(member.Email, member.UserId, due, ct);
                }
                catch (Exception e) when (e is IOException or InvalidOperationException or System.Net.Sockets.SocketException or MailKit.CommandException or MailKit.ProtocolException or MailKit.Net.Smtp.SmtpCommandException)
                {
                    // Give the claim back so the next pass tries again.
                    await plans.ReleaseAsync(member.UserId, until);
                    logger.LogWarning(e, "A reminder could not be sent; it will be tried again");
                    continue;
                }
            }

            // Sent (or about to be pushed): the day is done, whatever happens to this process next.
            await plans.SentAsync(member.UserId, due);
            await PushAsync(devices, targets, due, ct);
            sent++;
        }

        return sent;
    }

    /// <summary>What the reminder for <paramref name="day"/> says, and the day it opens.</summary>
    public static PushPayload Payload(DateOnly day) =>
        new("GutSkin", $"You have not logged {Describe(day)} yet. It takes half a minute.", DayPath(day));

    /// <summary>The Today page of the missed day: <c>/today/YYYY-MM-DD</c>.</summary>
    public static string DayPath(DateOnly day) => $"/today/{JournalDates.ToText(day)}";

    private static string Describe(DateOnly day) => day.ToString("dddd d MMMM", CultureInfo.InvariantCulture);

    /// <summary>One message to each device; a device the push service no longer knows is forgotten, other failures are logged by the sender.</summary>
    private async Task PushAsync(PushDevices devices, List<MemberPushSubscription> targets, DateOnly day, CancellationToken ct)
    {
        var payload = Payload(day);
        foreach (var device in targets)
        {
            if (await push.SendAsync(device, payload, ct) == PushResult.Gone)
            {
                await devices.ForgetAsync(device.Id, CancellationToken.None);
                logger.LogInformation("A push subscription the push service no longer knows was removed");
            }
        }
    }

    private Task SendMailAsync(string email, string userId, DateOnly day, CancellationToken ct)
    {
        var link = site.Absolute(DayPath(day));
        // The same link serves the person (GET: a page that asks) and the mail program's one-click POST (RFC 8058).
        var unsubscribe = site.Absolute($"/reminders/unsubscribe?token={Uri.EscapeDataString(links.Token(userId))}");
        var date = Describe(day);
        var text = $"""
            You have not logged {date} yet. It takes half a minute:

            {link}

            You get this mail because daily reminders are on in your GutSkin plan.
            Stop them with one click: {unsubscribe}
            """;
        var html = $"""
            <p>You have not logged {Enc(date)} yet. It takes half a minute:</p>
            <p><a href="{Enc(link)}">Log {Enc(date)}</a></p>
            <p>You get this mail because daily reminders are on in your GutSkin plan. <a href="{Enc(unsubscribe)}">Stop daily reminders</a></p>
            """;
        return mail.SendUnsubscribableAsync(email, $"GutSkin: log {date}", text, html, unsubscribe, ct);
    }

    private static string Enc(string text) => HtmlEncoder.Default.Encode(text);
}
