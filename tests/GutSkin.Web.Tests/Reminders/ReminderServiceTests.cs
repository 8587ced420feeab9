using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using GutSkin.Web.Features.Reminders;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Reminders;

/// <summary>The app with the reminder loop off, so each test decides when a pass runs; mail goes to the pickup folder.</summary>
public class ReminderFactory : GutSkinFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Reminders:RunInBackground", "false");
    }

    public ReminderService Service => Services.GetRequiredService<ReminderService>();

    /// <summary>Another service object on the same database: what a restarted process or a second instance has.</summary>
    public ReminderService NewInstance() => ActivatorUtilities.CreateInstance<ReminderService>(Services);

    public async Task<TestMember> MemberWithReminderAsync(string timeZone, string localTime)
    {
        var member = await this.MemberAsync(timeZone);
        var plan = await member.Client.PutAsync("/api/plan", Json($$$"""{"items": ["redness", "water"], "reminder": {"enabled": true, "localTime": "{{{localTime}}}"}}"""));
        Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
        return member;
    }

    /// <summary>Moves the fake clock forward to an instant (never back).</summary>
    public void At(string utc) => Time.SetUtcNow(DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture));

    /// <summary>The reminders in the pickup folder for one address (sign-up mails left out).</summary>
    public List<MimeMessage> MailTo(string email) =>
        Directory.Exists(MailFolder)
            ? [.. Directory.GetFiles(MailFolder, "*.eml").Select(f => MimeMessage.Load(f)).Where(m => IsReminder(m) && m.To.Mailboxes.Any(a => a.Address == email))]
            : [];

    public static bool IsReminder(MimeMessage message) => message.Subject?.StartsWith("GutSkin: log ", StringComparison.Ordinal) == true;
}

/// <summary>A site served over https (links in mail are https); any Host header is served, so the test client needs no name.</summary>
public sealed class HttpsSiteReminderFactory : ReminderFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Site:BaseUrl", "https://gutskin.example");
        builder.UseSetting("AllowedHosts", "*");
    }
}

public sealed partial class ReminderServiceTests
{
    [GeneratedRegex("(https?://[^\\s]+/reminders/unsubscribe\\?token=[^\\s]+)")]
    private static partial Regex UnsubscribeLink();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [Fact]
    public async Task HalfHourZone_SendsAtTheLocalTimeOnceADay_EvenWhenRunAgainOrByASecondInstance()
    {
        using var factory = new ReminderFactory();
        // Kolkata is UTC+5:30: 20:30 there is 15:00 UTC. The fake clock starts at 12:00 UTC.
        var member = await factory.MemberWithReminderAsync("Asia/Kolkata", "20:30");

        Assert.Equal(0, await factory.Service.RunOnceAsync(TestContext.Current.CancellationToken));
        factory.At("2026-06-15T14:59:00Z");
        Assert.Equal(0, await factory.Service.RunOnceAsync(TestContext.Current.CancellationToken));
        factory.At("2026-06-15T15:00:00Z");
        Assert.Equal(1, await factory.Service.RunOnceAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await factory.Service.RunOnceAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await factory.NewInstance().RunOnceAsync(TestContext.Current.CancellationToken));
        factory.At("2026-06-15T18:00:00Z");
        Assert.Equal(0, await factory.NewInstance().RunOnceAsync(TestContext.Current.CancellationToken));

        var mail = Assert.Single(factory.MailTo(member.Email));
        Assert.Contains("Monday 15 June", mail.Subject, StringComparison.Ordinal);
        // The link opens the day the mail is about, which is still right when it is read after midnight.
        Assert.Matches("https?://[^\\s/]+/today/2026-06-15\\s", mail.TextBody);
        Assert.Matches("href=\"https?://[^\"/]+/today/2026-06-15\"", mail.HtmlBody);
        Assert.Matches(UnsubscribeLink(), mail.TextBody);

        // The next local day gets its own reminder.
        factory.At("2026-06-16T15:00:00Z");
        Assert.Equal(1, await factory.NewInstance().RunOnceAsync(TestContext.Current.CancellationToken));
        Assert.Equal(2, factory.MailTo(member.Email).Count);
        Assert.Equal(DateOnly.Parse("2026-06-16", CultureInfo.InvariantCulture), factory.WithDb(db => db.Plans.Single(p => p.UserId == member.Id).LastReminderDate));
    }

    [Fact]
    public async Task ConcurrentPasses_SendOneMail()
    {
        using var factory = new ReminderFactory();
        var member = await factory.MemberWithReminderAsync("Europe/Berlin", "14:00");

        var sent = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => factory.NewInstance().RunOnceAsync(default)));

        Assert.Equal(1, sent.Sum());
        Assert.Single(factory.MailTo(member.Email));
    }

    [Fact]
    public async Task AlreadyLoggedDay_GetsNoReminder_AndTheNextUnloggedDayDoes()
    {
        using var factory = new ReminderFactory();
        // Berlin is UTC+2 in June: 20:30 there is 18:30 UTC.
        var member = await factory.MemberWithReminderAsync("Europe/Berlin", "20:30");
        Assert.Equal(HttpStatusCode.OK, (await member.Client.PutDayAsync("2026-06-15", new { values = new { redness = 2 } })).StatusCode);

        factory.At("2026-06-15T18:30:00Z");
        Assert.Equal(0, await factory.Service.RunOnceAsync(TestContext.Current.CancellationToken));
        factory.At("2026-06-16T18:30:00Z");
        Assert.Equal(1, await factory.Service.RunOnceAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Tuesday 16 June", Assert.Single(factory.MailTo(member.Email)).Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoggingInTheMembersTimeZone_NotUtc_DecidesWhetherTheDayIsLogged()
    {
        using var factory = new ReminderFactory();
        // 08:30 UTC on 15 June is 20:30 on 15 June in Auckland (UTC+12); the UTC date of the log does not matter.
        var member = await factory.MemberWithReminderAsync("Pacific/Auckland", "20:30");
        factory.At("2026-06-15T12:30:00Z");
        // It is now the 16th in Auckland, 00:30: the 16th is logged early; its reminder must not come.
        Assert.Equal(HttpStatusCode.OK, (await member.Client.PutDayAsync("2026-06-16", new { values = new { redness = 1 } })).StatusCode);

        factory.At("2026-06-16T08:30:00Z");
        Assert.Equal(0, await factory.Service.RunOnceAsync(TestContext.Current.CancellationToken));
        factory.At("2026-06-17T08:30:00Z");
        Assert.Equal(1, await factory.Service.RunOnceAsync(TestContext.Current.CancellationToken));
        Assert.Contains("Wednesday 17 June", Assert.Single(factory.MailTo(member.Email)).Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangingTheTimeAfterTodaysMail_DoesNotSendASecondOneToday()
    {
        using var factory = new ReminderFactory();
        var member = await factory.MemberWithReminderAsync("UTC", "12:00");
        Assert.Equal(1, await factory.Service.RunOnceAsync(TestContext.Current.CancellationToken));

        await member.Client.PutAsync("/api/plan", Json("""{"items": ["redness"], "reminder": {"enabled": true, "localTime": "13:00"}}"""), TestContext.Current.CancellationToken);
        factory.At("2026-06-15T13:30:00Z");

        Assert.Equal(0, await factory.Service.RunOnceAsync(TestContext.Current.CancellationToken));
        Assert.Single(factory.MailTo(member.Email));
    }

    [Fact]
    public async Task NoPlanOrRemindersOff_SendsNothing()
    {
        using var factory = new ReminderFactory();
        var withoutPlan = await factory.MemberAsync("UTC");
        var off = await factory.MemberAsync("UTC");
        await off.Client.PutAsync("/api/plan", Json("""{"items": ["redness"], "reminder": {"enabled": false, "localTime": "06:00"}}"""), TestContext.Current.CancellationToken);

        factory.At("2026-06-15T23:59:00Z");

        Assert.Equal(0, await factory.Service.RunOnceAsync(TestContext.Current.CancellationToken));
        Assert.Empty(factory.MailTo(withoutPlan.Email));
        Assert.Empty(factory.MailTo(off.Email));
    }

    [Fact]
    public async Task UnsubscribeLink_OnlyAsksOnGet_AndTurnsRemindersOffAfterTheConfirmingPost()
    {
        using var factory = new ReminderFactory();
        var member = await factory.MemberWithReminderAsync("UTC", "09:00");
        Assert.Equal(1, await factory.Service.RunOnceAsync(TestContext.Current.CancellationToken));
        var link = new Uri(UnsubscribeLink().Match(Assert.Single(factory.MailTo(member.Email)).TextBody ?? "").Groups[1].Value);
        var anonymous = factory.CreateClient();

        var page = await anonymous.GetAsync(link.PathAndQuery, TestContext.Current.CancellationToken);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Stop reminders", html, StringComparison.Ordinal);
        Assert.True(factory.WithDb(db => db.Plans.Single(p => p.UserId == member.Id).ReminderEnabled));

        var token = Uri.UnescapeDataString(link.Query["?token=".Length..]);
        var post = await anonymous.PostAsync("/reminders/unsubscribe", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryField().Match(html).Groups[1].Value,
            ["Token"] = token,
        }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains("Daily reminders are off", await post.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.False(factory.WithDb(db => db.Plans.Single(p => p.UserId == member.Id).ReminderEnabled));

        factory.At("2026-06-16T09:00:00Z");
        Assert.Equal(0, await factory.Service.RunOnceAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ReminderMail_CarriesListUnsubscribeHeaders_AndTheOneClickPost_TurnsRemindersOff_WithNoCookieOrAntiforgeryToken()
    {
        using var factory = new HttpsSiteReminderFactory();
        var member = await factory.MemberWithReminderAsync("UTC", "09:00");
        Assert.Equal(1, await factory.Service.RunOnceAsync(TestContext.Current.CancellationToken));
        var mail = Assert.Single(factory.MailTo(member.Email));

        // RFC 2369 and RFC 8058: the https link in angle brackets, and the one-click POST announced.
        var header = mail.Headers["List-Unsubscribe"] ?? "";
        Assert.Matches("^<https://gutskin\\.example/reminders/unsubscribe\\?token=[^\\s>]+>$", header);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        Assert.Equal(UnsubscribeLink().Match(mail.TextBody ?? "").Groups[1].Value, header[1..^1]);
        var link = new Uri(header[1..^1]);

        // What a mail provider sends: a bare POST to the link with the one-click body; a forged token changes nothing.
        var oneClick = new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" };
        var forged = await factory.CreateClient().PostAsync($"/reminders/unsubscribe?token={Uri.EscapeDataString(member.Id)}", new FormUrlEncodedContent(oneClick), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.True(factory.WithDb(db => db.Plans.Single(p => p.UserId == member.Id).ReminderEnabled));

        var post = await factory.CreateClient().PostAsync(link.PathAndQuery, new FormUrlEncodedContent(oneClick), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.False(factory.WithDb(db => db.Plans.Single(p => p.UserId == member.Id).ReminderEnabled));
        factory.At("2026-06-16T09:00:00Z");
        Assert.Equal(0, await factory.Service.RunOnceAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task UnsubscribeWithAForgedToken_ChangesNothing()
    {
        using var factory = new ReminderFactory();
        var member = await factory.MemberWithReminderAsync("UTC", "09:00");
        var anonymous = factory.CreateClient();

        var page = await anonymous.GetAsync($"/reminders/unsubscribe?token={Uri.EscapeDataString(member.Id)}", TestContext.Current.CancellationToken);
        // A forged link shows no form; a real antiforgery token from another page lets the POST reach the check.
        var html = await anonymous.GetStringAsync("/self-check", TestContext.Current.CancellationToken);
        var post = await anonymous.PostAsync("/reminders/unsubscribe", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryField().Match(html).Groups[1].Value,
            ["Token"] = member.Id,
        }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.True(factory.WithDb(db => db.Plans.Single(p => p.UserId == member.Id).ReminderEnabled));
    }
}
