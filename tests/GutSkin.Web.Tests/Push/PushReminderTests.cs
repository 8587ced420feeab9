using System.Net;
using GutSkin.Web.Tests.Reminders;
using Microsoft.AspNetCore.Hosting;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Push;

/// <summary>The reminder app that may send to the test's push service on 127.0.0.1 (http), as only tests may.</summary>
public sealed class PushReminderFactory : ReminderFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Push:AllowLocalEndpoints", "true");
    }

    /// <summary>A member whose reminder comes by <paramref name="channel"/> at <paramref name="localTime"/>, with these devices subscribed.</summary>
    public async Task<TestMember> ReminderMemberAsync(string timeZone, string localTime, string channel, params TestDevice[] devices)
    {
        var member = await this.MemberAsync(timeZone);
        await ReadJsonAsync(await member.Client.PutAsync("/api/plan", Json($$$"""{"items": ["redness"], "reminder": {"enabled": true, "localTime": "{{{localTime}}}", "channel": "{{{channel}}}"}}""")));
        foreach (var device in devices)
        {
            await ReadJsonAsync(await member.Client.PostAsync("/api/push/subscriptions", System.Net.Http.Json.JsonContent.Create(device.Subscription)), HttpStatusCode.Created);
        }

        return member;
    }

    public int Subscriptions(TestMember member) => WithDb(db => db.PushSubscriptions.Count(s => s.UserId == member.Id));
}

/// <summary>
/// Reminders by Web Push against a push service of the test's own: every message is checked for its VAPID signature
/// and decrypted with the device's private key (<see cref="TestPushService"/>), so a message that reached a real
/// browser would read the same.
/// </summary>
public sealed class PushReminderTests : IAsyncLifetime
{
    private TestPushService _push = null!;

    public async ValueTask InitializeAsync() => _push = await TestPushService.StartAsync();

    public async ValueTask DisposeAsync() => await _push.DisposeAsync();

    [Fact]
    public async Task PushChannel_SendsOneSignedEncryptedMessageToEachDevice_OpeningTheMissedDate_AndNoMail()
    {
        using var factory = new PushReminderFactory();
        var phone = _push.NewDevice();
        var laptop = _push.NewDevice();
        // 23:45 in Kolkata (UTC+5:30) on 15 June is 18:15 UTC: a reminder read after midnight must still open the 15th.
        var member = await factory.ReminderMemberAsync("Asia/Kolkata", "23:45", "push", phone, laptop);
        var key = (await ReadJsonAsync(await member.Client.GetAsync("/api/push/key", TestContext.Current.CancellationToken))).GetProperty("publicKey").GetString();

        factory.At("2026-06-15T18:14:00Z");
        Assert.Equal(0, await factory.Service.RunOnceAsync(TestContext.Current.CancellationToken));
        factory.At("2026-06-15T18:15:00Z");
        Assert.Equal(1, await factory.Service.RunOnceAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await factory.NewInstance().RunOnceAsync(TestContext.Current.CancellationToken));

        foreach (var device in new[] { phone, laptop })
        {
            var message = Assert.Single(_push.ReceivedBy(device));
            Assert.True(message.Problems.Count == 0, string.Join("; ", message.Problems));
            Assert.Contains($"k={key}", message.Headers["Authorization"], StringComparison.Ordinal);
            var payload = message.Json;
            Assert.Equal("/today/2026-06-15", payload.GetProperty("url").GetString());
            Assert.Equal("GutSkin", payload.GetProperty("title").GetString());
            Assert.Contains("Monday 15 June", payload.GetProperty("body").GetString(), StringComparison.Ordinal);
        }

        Assert.Empty(factory.MailTo(member.Email));
        // The next day's reminder is a day of its own.
        factory.At("2026-06-16T18:15:00Z");
        Assert.Equal(1, await factory.Service.RunOnceAsync(TestContext.Current.CancellationToken));
        Assert.Equal("/today/2026-06-16", _push.ReceivedBy(phone)[^1].Json.GetProperty("url").GetString());
    }

    [Fact]
    public async Task EmailChannel_SendsNoPush_AndTheMailLinksTheMissedDate()
    {
        using var factory = new PushReminderFactory();
        var phone = _push.NewDevice();
        var member = await factory.ReminderMemberAsync("UTC", "12:00", "email", phone);

        Assert.Equal(1, await factory.Service.RunOnceAsync(TestContext.Current.CancellationToken));

        Assert.Empty(_push.ReceivedBy(phone));
        var mail = Assert.Single(factory.MailTo(member.Email));
        Assert.Matches("https?://[^\\s/]+/today/2026-06-15\\s", mail.TextBody);
        Assert.Matches("href=\"https?://[^\"/]+/today/2026-06-15\"", mail.HtmlBody);
    }

    [Fact]
    public async Task BothChannel_PushServiceFailing_StillMails_KeepsTheSubscription_AndOtherMembersGetTheirs()
    {
        using var factory = new PushReminderFactory();
        var broken = _push.NewDevice();
        var fine = _push.NewDevice();
        _push.AnswerWith(broken, HttpStatusCode.InternalServerError);
        var member = await factory.ReminderMemberAsync("UTC", "12:00", "both", broken);
        var other = await factory.ReminderMemberAsync("UTC", "12:00", "push", fine);

        Assert.Equal(2, await factory.Service.RunOnceAsync(TestContext.Current.CancellationToken));

        Assert.Single(_push.ReceivedBy(broken));
        Assert.Single(factory.MailTo(member.Email));
        Assert.Equal(1, factory.Subscriptions(member));
        Assert.True(Assert.Single(_push.ReceivedBy(fine)).Problems.Count == 0);
        Assert.Empty(factory.MailTo(other.Email));
        // A failed push is not tried again the same day: the day is done.
        Assert.Equal(0, await factory.Service.RunOnceAsync(TestContext.Current.CancellationToken));
        Assert.Single(_push.ReceivedBy(broken));
    }

    [Theory]
    [InlineData(HttpStatusCode.Gone)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task PushServiceNoLongerKnowsTheDevice_TheSubscriptionIsRemoved_AndTheOtherDeviceKeepsItsOwn(HttpStatusCode answer)
    {
        using var factory = new PushReminderFactory();
        var gone = _push.NewDevice();
        var kept = _push.NewDevice();
        _push.AnswerWith(gone, answer);
        var member = await factory.ReminderMemberAsync("UTC", "12:00", "push", gone, kept);

        Assert.Equal(1, await factory.Service.RunOnceAsync(TestContext.Current.CancellationToken));

        Assert.Single(_push.ReceivedBy(gone));
        Assert.Single(_push.ReceivedBy(kept));
        Assert.Equal([kept.Endpoint], factory.WithDb(db => db.PushSubscriptions.Where(s => s.UserId == member.Id).Select(s => s.Endpoint).ToList()));
        Assert.Empty(factory.MailTo(member.Email));

        // The next day only the device that is left gets one.
        factory.At("2026-06-16T12:00:00Z");
        Assert.Equal(1, await factory.Service.RunOnceAsync(TestContext.Current.CancellationToken));
        Assert.Single(_push.ReceivedBy(gone));
        Assert.Equal(2, _push.ReceivedBy(kept).Count);
    }

    [Fact]
    public async Task PushChannel_WithNoDeviceLeft_FallsBackToEmail()
    {
        using var factory = new PushReminderFactory();
        var member = await factory.ReminderMemberAsync("UTC", "12:00", "push");

        Assert.Equal(1, await factory.Service.RunOnceAsync(TestContext.Current.CancellationToken));

        Assert.Single(factory.MailTo(member.Email));
        Assert.Empty(_push.Received);
    }

    [Fact]
    public async Task ConcurrentPasses_SendOnePushPerDevice()
    {
        using var factory = new PushReminderFactory();
        var phone = _push.NewDevice();
        await factory.ReminderMemberAsync("Europe/Berlin", "14:00", "push", phone);

        var sent = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => factory.NewInstance().RunOnceAsync(default)));

        Assert.Equal(1, sent.Sum());
        Assert.Single(_push.ReceivedBy(phone));
    }
}
