using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GutSkin.Web.Data;
using GutSkin.Web.Features.Account;
using GutSkin.Web.Features.Articles;
using GutSkin.Web.Features.Comments;
using GutSkin.Web.Features.Push;
using GutSkin.Web.Features.Reminders;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;

namespace GutSkin.Instances.Tests;

/// <summary>
/// The reminders, the moderators' digest and the purge run in every instance and claim their work in the
/// database: run on two instances at once, each piece of work happens once; when the instance that
/// claimed a piece dies halfway, the other one still does it.
/// </summary>
public sealed class BackgroundJobTests
{
    private const string Password = "correct horse battery";

    /// <summary>A hang guard for waits on the other instance, not a timing assertion.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task RemindersRunOnTwoInstancesAtOnce_EveryMemberGetsOneMail()
    {
        using var database = TestDatabase.Create(DatabaseProvider.Postgres);
        using var a = GutSkinFactory.Create(GutSkinFactoryOptions.Instance(database));
        using var b = GutSkinFactory.Create(GutSkinFactoryOptions.Instance(database));
        a.StartServer();
        b.StartServer();
        var members = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            members.Add(await MemberWithReminderAsync(i % 2 == 0 ? a : b));
        }

        var first = await Task.WhenAll(Reminders(a).RunOnceAsync(TestContext.Current.CancellationToken), Reminders(b).RunOnceAsync(TestContext.Current.CancellationToken));
        var second = await Task.WhenAll(Reminders(a).RunOnceAsync(TestContext.Current.CancellationToken), Reminders(b).RunOnceAsync(TestContext.Current.CancellationToken));

        Assert.Equal(members.Count, first.Sum());
        Assert.Equal(0, second.Sum());
        var reminders = Mails(a, b).Where(m => IsReminder(m)).ToList();
        Assert.Equal(members.Order(StringComparer.Ordinal), reminders.Select(m => m.To.Mailboxes.Single().Address).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PushRemindersRunOnTwoInstancesAtOnce_EachDeviceGetsOneMessage_SignedWithTheOneSharedKey()
    {
        using var database = TestDatabase.Create(DatabaseProvider.Postgres);
        var push = new Dictionary<string, string> { ["Push:AllowLocalEndpoints"] = "true" };
        await using var service = await TestPushService.StartAsync();
        using var a = GutSkinFactory.Create(GutSkinFactoryOptions.Instance(database) with { Settings = push });
        using var b = GutSkinFactory.Create(GutSkinFactoryOptions.Instance(database) with { Settings = push });
        a.StartServer();
        b.StartServer();
        var keyA = (await a.Services.GetRequiredService<VapidKeys>().GetAsync(TestContext.Current.CancellationToken)).PublicKey;
        var keyB = (await b.Services.GetRequiredService<VapidKeys>().GetAsync(TestContext.Current.CancellationToken)).PublicKey;
        Assert.Equal(keyA, keyB);
        var devices = new List<TestDevice>();
        for (var i = 0; i < 6; i++)
        {
            var device = service.NewDevice();
            devices.Add(device);
            await MemberWithReminderAsync(i % 2 == 0 ? a : b, "push", device);
        }

        var first = await Task.WhenAll(Reminders(a).RunOnceAsync(TestContext.Current.CancellationToken), Reminders(b).RunOnceAsync(TestContext.Current.CancellationToken));
        var second = await Task.WhenAll(Reminders(a).RunOnceAsync(TestContext.Current.CancellationToken), Reminders(b).RunOnceAsync(TestContext.Current.CancellationToken));

        Assert.Equal(devices.Count, first.Sum());
        Assert.Equal(0, second.Sum());
        Assert.All(devices, device =>
        {
            var message = Assert.Single(service.ReceivedBy(device));
            Assert.True(message.Problems.Count == 0, string.Join("; ", message.Problems));
            Assert.Contains($"k={keyA}", message.Headers["Authorization"], StringComparison.Ordinal);
            Assert.Equal("/today/2026-06-15", message.Json.GetProperty("url").GetString());
        });
        Assert.DoesNotContain(Mails(a, b), m => IsReminder(m));
        using var db = database.Open();
        Assert.Equal(1, await db.VapidKeys.CountAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task InstanceDiesWhileSendingAReminder_TheOtherSendsItOnceTheClaimExpires()
    {
        using var database = TestDatabase.Create(DatabaseProvider.Postgres);
        using var smtp = new SilentSmtpServer();
        await using var a = GutSkinFactory.Create(GutSkinFactoryOptions.Instance(database) with { Settings = smtp.Settings });
        using var b = GutSkinFactory.Create(GutSkinFactoryOptions.Instance(database));
        a.StartServer();
        b.StartServer();
        var email = await MemberWithReminderAsync(b);

        // A claims the reminder and hangs talking to its mail server.
        using var death = new CancellationTokenSource();
        var sending = Reminders(a).RunOnceAsync(death.Token);
        await smtp.Connected.WaitAsync(Patience, TestContext.Current.CancellationToken);
        Assert.Equal(0, await Reminders(b).RunOnceAsync(TestContext.Current.CancellationToken));

        // A dies there: no mail went out, and the claim stays behind in the database.
        await death.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        await a.DisposeAsync();
        Assert.Equal(0, await Reminders(b).RunOnceAsync(TestContext.Current.CancellationToken));

        b.Time.Advance(b.Services.GetRequiredService<IOptions<ReminderOptions>>().Value.ClaimLifetime);
        Assert.Equal(1, await Reminders(b).RunOnceAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await Reminders(b).RunOnceAsync(TestContext.Current.CancellationToken));
        var reminder = Assert.Single(Mails(b), m => IsReminder(m));
        Assert.Equal(email, reminder.To.Mailboxes.Single().Address);
        var plan = b.WithDb(db => db.Plans.AsNoTracking().Single(p => p.User!.Email == email));
        Assert.Equal(DateOnly.FromDateTime(GutSkinFactory.Start.UtcDateTime), plan.LastReminderDate);
        Assert.Null(plan.ReminderClaimedUntil);
    }

    [Fact]
    public async Task DigestRunOnTwoInstancesAtOnce_ModeratorsGetOneMailListingEveryHeldComment()
    {
        using var database = TestDatabase.Create(DatabaseProvider.Postgres);
        using var a = GutSkinFactory.Create(GutSkinFactoryOptions.Instance(database));
        using var b = GutSkinFactory.Create(GutSkinFactoryOptions.Instance(database));
        a.StartServer();
        b.StartServer();
        var moderator = await StaffAsync(a, Roles.Moderator);
        var held = HoldComments(a, 5);

        var listed = await Task.WhenAll(DigestAsync(a, TestContext.Current.CancellationToken), DigestAsync(b, TestContext.Current.CancellationToken));
        var again = await Task.WhenAll(DigestAsync(a, TestContext.Current.CancellationToken), DigestAsync(b, TestContext.Current.CancellationToken));

        Assert.Equal(new[] { 0, held.Count }, listed.Order());
        Assert.All(again, count => Assert.Equal(0, count));
        var digest = Assert.Single(Mails(a, b), m => IsDigest(m));
        Assert.Equal(moderator, digest.To.Mailboxes.Single().Address);
        Assert.All(held, body => Assert.Contains(body, digest.TextBody, StringComparison.Ordinal));
        Assert.Equal(0, a.WithDb(db => db.Comments.Count(c => c.NotifiedAt == null)));
    }

    [Fact]
    public async Task InstanceDiesWhileSendingTheDigest_TheOtherSendsItAtTheNextSlot()
    {
        using var database = TestDatabase.Create(DatabaseProvider.Postgres);
        using var smtp = new SilentSmtpServer();
        await using var a = GutSkinFactory.Create(GutSkinFactoryOptions.Instance(database) with { Settings = smtp.Settings });
        using var b = GutSkinFactory.Create(GutSkinFactoryOptions.Instance(database));
        a.StartServer();
        b.StartServer();
        var moderator = await StaffAsync(b, Roles.Moderator);
        var held = HoldComments(b, 2);

        using var death = new CancellationTokenSource();
        var sending = DigestAsync(a, death.Token);
        await smtp.Connected.WaitAsync(Patience, TestContext.Current.CancellationToken);
        Assert.Equal(0, await DigestAsync(b, TestContext.Current.CancellationToken));
        await death.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        await a.DisposeAsync();

        b.Time.Advance(ModeratorDigest.MinimumInterval);
        Assert.Equal(held.Count, await DigestAsync(b, TestContext.Current.CancellationToken));
        var digest = Assert.Single(Mails(b), m => IsDigest(m));
        Assert.Equal(moderator, digest.To.Mailboxes.Single().Address);
        Assert.All(held, body => Assert.Contains(body, digest.TextBody, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PurgeRunOnTwoInstancesAtOnce_DeletesEachOldRowOnce()
    {
        using var database = TestDatabase.Create(DatabaseProvider.Postgres);
        using var a = GutSkinFactory.Create(GutSkinFactoryOptions.Instance(database));
        using var b = GutSkinFactory.Create(GutSkinFactoryOptions.Instance(database));
        a.StartServer();
        b.StartServer();
        var longAgo = GutSkinFactory.Start.UtcDateTime - CommentRules.PurgeAfter - TimeSpan.FromDays(1);
        a.WithDb(db =>
        {
            var starter = db.Articles.Single(x => x.Slug == StarterArticle.Slug).Id;
            for (var i = 0; i < 30; i++)
            {
                db.Comments.Add(NewComment(starter, $"spam {i}", i % 2 == 0 ? CommentState.Spam : CommentState.Trash, longAgo));
            }

            for (var i = 0; i < 3; i++)
            {
                db.Articles.Add(new Article
                {
                    Slug = $"gone-{i}", Title = "Gone", Markdown = "x", Html = "<p>x</p>", Excerpt = "x", Status = ArticleStatus.Draft,
                    CreatedAt = longAgo, UpdatedAt = longAgo, DeletedAt = longAgo,
                });
            }

            return db.SaveChanges();
        });

        var purged = await Task.WhenAll(PurgeAsync(a), PurgeAsync(b));

        Assert.Equal(30, purged.Sum(p => p.Comments));
        Assert.Equal(3, purged.Sum(p => p.Articles));
        Assert.Equal(0, a.WithDb(db => db.Comments.Count()));
        Assert.Equal([StarterArticle.Slug], a.WithDb(db => db.Articles.IgnoreQueryFilters().Select(x => x.Slug).ToList()));
    }

    private static ReminderService Reminders(GutSkinFactory host) => host.Services.GetRequiredService<ReminderService>();

    private static async Task<int> DigestAsync(GutSkinFactory host, CancellationToken ct)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ModeratorDigest>().SendDueAsync(ct);
    }

    private static async Task<(int Comments, int Articles)> PurgeAsync(GutSkinFactory host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CommentPurge>().PurgeAsync(default);
    }

    /// <summary>A member in UTC whose daily reminder is due at the instances' start time; answers the e-mail address.</summary>
    private static async Task<string> MemberWithReminderAsync(GutSkinFactory host, string channel = "email", TestDevice? device = null)
    {
        var email = $"member-{Guid.NewGuid():N}@example.test";
        using var client = await LoggedInAsync(host, email);
        (await client.PutAsJsonAsync("/api/account/profile", new { timeZone = "UTC" })).EnsureSuccessStatusCode();
        var plan = new StringContent($$$"""{"items": ["redness"], "reminder": {"enabled": true, "localTime": "12:00", "channel": "{{{channel}}}"}}""", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync("/api/plan", plan)).StatusCode);
        if (device is not null)
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/push/subscriptions", device.Subscription)).StatusCode);
        }

        return email;
    }

    private static async Task<string> StaffAsync(GutSkinFactory host, string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.test";
        using (await LoggedInAsync(host, email))
        {
            await using var scope = host.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.AddToRoleAsync((await users.FindByEmailAsync(email))!, role)).Succeeded);
        }

        return email;
    }

    private static async Task<HttpClient> LoggedInAsync(GutSkinFactory host, string email)
    {
        await host.RegisterAsync(email, Password);
        var client = host.CreateClient();
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password = Password });
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Comments waiting for a moderator on the starter article; answers their bodies.</summary>
    private static List<string> HoldComments(GutSkinFactory host, int count) => host.WithDb(db =>
    {
        var starter = db.Articles.Single(x => x.Slug == StarterArticle.Slug).Id;
        var bodies = Enumerable.Range(0, count).Select(i => $"Held comment {i} {Guid.NewGuid():N}").ToList();
        db.Comments.AddRange(bodies.Select(body => NewComment(starter, body, CommentState.Pending, host.Time.GetUtcNow().UtcDateTime)));
        db.SaveChanges();
        return bodies;
    });

    private static Comment NewComment(int articleId, string body, CommentState state, DateTime at) => new()
    {
        ArticleId = articleId,
        Name = "Reader",
        Email = "reader@example.test",
        Body = body,
        State = state,
        Reasons = "",
        CreatedAt = at,
        StateChangedAt = at,
    };

    private static bool IsReminder(MimeMessage mail) => mail.Subject?.StartsWith("GutSkin: log ", StringComparison.Ordinal) == true;

    private static bool IsDigest(MimeMessage mail) => mail.Subject?.EndsWith("await moderation", StringComparison.Ordinal) == true;

    private static List<MimeMessage> Mails(params GutSkinFactory[] hosts) =>
        [.. hosts.Where(h => Directory.Exists(h.MailFolder)).SelectMany(h => Directory.GetFiles(h.MailFolder, "*.eml")).Select(f => MimeMessage.Load(f))];
}
