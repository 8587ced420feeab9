using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using GutSkin.Web.Features.Comments;
using GutSkin.Web.Features.Reminders;
using GutSkin.Web.Tests.Account;
using GutSkin.Web.Tests.Articles;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using MimeKit;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Infrastructure;

/// <summary>
/// The app with every category logging at Trace into a capture provider, the way an operator chasing a
/// problem would turn everything up; the capture provider has a rule of its own for all categories, as a
/// provider-specific setting in configuration would.
/// </summary>
public sealed class LogCaptureFactory : ArticlesFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Reminders:RunInBackground", "false");
        builder.UseSetting("Push:AllowLocalEndpoints", "true");
        builder.UseSetting("Logging:LogLevel:Default", "Trace");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Trace");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Trace");
        builder.ConfigureLogging(logging => logging
            .AddFakeLogging()
            .AddFilter<FakeLoggerProvider>(category: null, LogLevel.Trace));
    }

    /// <summary>Everything logged so far, one entry per record: category, message, every state and scope value, the exception.</summary>
    public List<string> LogLines() =>
        [.. Services.GetFakeLogCollector().GetSnapshot().Select(Describe)];

    private static string Describe(FakeLogRecord record)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{record.Level} {record.Category}: {record.Message}");
        foreach (var (key, value) in record.StructuredState ?? [])
        {
            text.Append(CultureInfo.InvariantCulture, $" | {key}={value}");
        }

        foreach (var scope in record.Scopes)
        {
            text.Append(" | scope ");
            if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                text.AppendJoin(", ", pairs.Select(p => $"{p.Key}={p.Value}"));
            }
            else
            {
                text.Append(scope);
            }
        }

        return record.Exception is null ? text.ToString() : text.Append(" | ").Append(record.Exception).ToString();
    }
}

public sealed partial class LogPrivacyTests(LogCaptureFactory factory) : IClassFixture<LogCaptureFactory>
{
    private const string Note = "zq-secret-note-7781";
    private const string ImportNote = "zq-imported-note-5531";
    private const string PhotoCaption = "zq-photo-caption-6619";
    private const string ItemLabel = "Zq private label 4417";
    private const string OddValue = "48151.62";
    private const string CommentEmail = "zq-commenter-3391@example.test";

    [GeneratedRegex("https?://\\S+/account/reset-password\\?\\S+")]
    private static partial Regex ResetLink();

    [GeneratedRegex("https?://\\S+/reminders/unsubscribe\\?token=\\S+")]
    private static partial Regex UnsubscribeLink();

    [Fact]
    public async Task AMembersWholeVisit_LeavesNoEmailPasswordHealthDataOrTokenInAnyLogLine()
    {
        var email = $"zq-member-{Guid.NewGuid():N}@example.test";
        const string password = "zq-first-password-2209";
        const string newPassword = "zq-second-password-6604";
        var secrets = new Dictionary<string, string>
        {
            ["e-mail"] = email,
            ["e-mail's local part"] = email[..email.IndexOf('@', StringComparison.Ordinal)],
            ["password"] = password,
            ["new password"] = newPassword,
            ["note"] = Note,
            ["imported note"] = ImportNote,
            ["photo caption"] = PhotoCaption,
            ["item label"] = ItemLabel,
            ["value"] = OddValue,
            ["commenter's e-mail"] = CommentEmail,
        };

        // Registers on the page, follows the confirmation link, and registers once more with the same address (its owner gets a mail).
        var browser = factory.Browser();
        var form = await browser.GetStringAsync("/account/register", TestContext.Current.CancellationToken);
        var registered = await browser.PostAsync("/account/register", Form(form, ("Input.Email", email), ("Input.Password", password), ("Input.TimeZone", "UTC")), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var confirmation = new Uri("http://localhost" + Mailbox.Link(factory.MailFolder, email, "/account/confirm"));
        secrets["confirmation code"] = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(confirmation.Query)["code"].ToString();
        secrets["confirmation link query"] = confirmation.Query;
        Assert.Equal("/today", (await browser.ConfirmAsync(factory, email)).Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().PostAsJsonAsync("/api/auth/register", new { email, password }, cancellationToken: TestContext.Current.CancellationToken)).StatusCode);
        Assert.Single(Mailbox.To(factory.MailFolder, email), m => m.Subject!.StartsWith("Someone tried to create", StringComparison.Ordinal));

        // Signs in: a wrong password first, then bearer tokens, a refresh, and the login cookie.
        var api = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsJsonAsync("/api/auth/login", new { email, password = "zq-wrong-password-1" }, cancellationToken: TestContext.Current.CancellationToken)).StatusCode);
        var tokens = await ReadJsonAsync(await api.PostAsJsonAsync("/api/auth/login", new { email, password }, cancellationToken: TestContext.Current.CancellationToken));
        secrets["refresh token"] = tokens.GetProperty("refreshToken").GetString()!;
        var refreshed = await ReadJsonAsync(await api.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = secrets["refresh token"] }, cancellationToken: TestContext.Current.CancellationToken));
        secrets["access token"] = refreshed.GetProperty("accessToken").GetString()!;
        secrets["first access token"] = tokens.GetProperty("accessToken").GetString()!;
        api.UseBearer(secrets["access token"]);
        var cookieLogin = await factory.CreateDefaultClient().PostAsJsonAsync("/api/auth/login?useCookies=true", new { email, password }, cancellationToken: TestContext.Current.CancellationToken);
        var cookie = cookieLogin.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("gutskin.auth=", StringComparison.Ordinal));
        secrets["login cookie"] = cookie["gutskin.auth=".Length..cookie.IndexOf(';', StringComparison.Ordinal)];
        var device = cookieLogin.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("gutskin.device=", StringComparison.Ordinal));
        secrets["known-device cookie"] = device["gutskin.device=".Length..device.IndexOf(';', StringComparison.Ordinal)];
        var pages = factory.CreateDefaultClient();
        pages.DefaultRequestHeaders.Add("Cookie", $"gutskin.auth={secrets["login cookie"]}");

        // Resets the password through the link in the mail (e-mail and token in the query string).
        var forgot = await browser.GetStringAsync("/account/forgot-password", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync("/account/forgot-password", Form(forgot, ("Email", email)), TestContext.Current.CancellationToken)).StatusCode);
        var link = new Uri(ResetLink().Match(MailTo(email, "Reset your GutSkin password").TextBody ?? "").Value);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query);
        secrets["reset token"] = query["code"].ToString();
        secrets["reset link query"] = link.Query;
        var resetPage = await browser.GetStringAsync(link.PathAndQuery, TestContext.Current.CancellationToken);
        var reset = await browser.PostAsync(link.PathAndQuery, Form(resetPage, ("Email", email), ("Code", secrets["reset token"]), ("Password", newPassword)), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        // The reset revoked every earlier session: signs in again, with tokens and a cookie, with the new password.
        var again = await ReadJsonAsync(await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password = newPassword }, cancellationToken: TestContext.Current.CancellationToken));
        secrets["access token after the reset"] = again.GetProperty("accessToken").GetString()!;
        api.UseBearer(secrets["access token after the reset"]);
        var cookieAgain = (await factory.CreateDefaultClient().PostAsJsonAsync("/api/auth/login?useCookies=true", new { email, password = newPassword }, cancellationToken: TestContext.Current.CancellationToken))
            .Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("gutskin.auth=", StringComparison.Ordinal));
        secrets["login cookie after the reset"] = cookieAgain["gutskin.auth=".Length..cookieAgain.IndexOf(';', StringComparison.Ordinal)];
        pages.DefaultRequestHeaders.Remove("Cookie");
        pages.DefaultRequestHeaders.Add("Cookie", $"gutskin.auth={secrets["login cookie after the reset"]}");

        // Writes a day with a note and a custom item, imports, exports, reads insights.
        await ReadJsonAsync(await api.PostAsJsonAsync("/api/items", new { key = "zq_item", label = ItemLabel, group = "habit", kind = "litres", min = 0, max = 100000 }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.Created);
        await ReadJsonAsync(await api.PutAsync("/api/journal/2026-06-14", Json($$"""{"values": {"redness": 7, "zq_item": {{OddValue}}}, "note": "{{Note}}"}"""), TestContext.Current.CancellationToken));
        await ReadJsonAsync(await api.PostAsync("/api/journal/import", Json($$"""{"version": 1, "days": [{"date": "2026-06-10", "values": {"itch": 3}, "note": "{{ImportNote}}"}]}"""), TestContext.Current.CancellationToken));
        await ReadJsonAsync(await api.PostAsync("/api/photos", Photos.PhotoFiles.Form(Photos.PhotoFiles.FromAPhone(6), "skin.jpg", "2026-06-14", "face", PhotoCaption), TestContext.Current.CancellationToken), HttpStatusCode.Created);
        Assert.Contains(Note, await api.GetStringAsync("/api/journal/export?format=json", TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains(OddValue, await api.GetStringAsync("/api/journal/export", TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/insights", TestContext.Current.CancellationToken)).StatusCode);
        foreach (var page in new[] { "/today", "/history", "/insights", "/journal/data", "/account/profile" })
        {
            Assert.Equal(HttpStatusCode.OK, (await pages.GetAsync(page, TestContext.Current.CancellationToken)).StatusCode);
        }

        // Comments on an article with another address.
        var slug = factory.Article(CommentPolicy.AutoPublish);
        Assert.Equal(HttpStatusCode.Created, (await factory.CreateClient().PostCommentAsync(slug, new { name = "Zq reader", email = CommentEmail, body = "Thanks for this." })).StatusCode);

        // Gets a reminder and unsubscribes through its link.
        await ReadJsonAsync(await api.PutAsync("/api/plan", Json("""{"items": ["redness"], "reminder": {"enabled": true, "localTime": "09:00"}}"""), TestContext.Current.CancellationToken));
        Assert.Equal(1, await factory.Services.GetRequiredService<ReminderService>().RunOnceAsync(TestContext.Current.CancellationToken));
        var unsubscribe = new Uri(UnsubscribeLink().Match(MailTo(email, "GutSkin: log").TextBody ?? "").Value);
        secrets["unsubscribe token"] = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(unsubscribe.Query)["token"].ToString();
        secrets["unsubscribe link query"] = unsubscribe.Query;
        var unsubscribeBrowser = factory.Browser();
        var unsubscribePage = await unsubscribeBrowser.GetStringAsync(unsubscribe.PathAndQuery, TestContext.Current.CancellationToken);
        var stopped = await unsubscribeBrowser.PostAsync("/reminders/unsubscribe", Form(unsubscribePage, ("Token", secrets["unsubscribe token"])), TestContext.Current.CancellationToken);
        Assert.Contains("Daily reminders are off", await stopped.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        var lines = factory.LogLines();
        // The capture saw the visit down to Trace in every layer, so finding nothing below means something.
        Assert.Contains(lines, l => l.StartsWith("Trace ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Debug Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Microsoft.AspNetCore.Routing", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Microsoft.AspNetCore.HttpLogging", StringComparison.Ordinal) && l.Contains("/reminders/unsubscribe", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("RequestId=", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Mail 'Reset your GutSkin password'", StringComparison.Ordinal));

        var leaks = (from line in lines
                     from secret in secrets
                     where line.Contains(secret.Value, StringComparison.OrdinalIgnoreCase)
                         || line.Contains(Uri.EscapeDataString(secret.Value), StringComparison.OrdinalIgnoreCase)
                     select $"the {secret.Key} in: {line[..Math.Min(line.Length, 600)]}").ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} log lines leak:\n{string.Join("\n", leaks.Take(10))}");
    }

    [Fact]
    public async Task PushReminders_DeliveredFailedAndGone_LeaveNoEndpointOrKeyInAnyLogLine()
    {
        await using var service = await TestPushService.StartAsync();
        var member = await factory.MemberAsync("UTC");
        var devices = new[] { service.NewDevice(), service.NewDevice(), service.NewDevice() };
        service.AnswerWith(devices[1], HttpStatusCode.InternalServerError);
        service.AnswerWith(devices[2], HttpStatusCode.Gone);
        await ReadJsonAsync(await member.Client.PutAsync("/api/plan", Json("""{"items": ["redness"], "reminder": {"enabled": true, "localTime": "00:00", "channel": "push"}}"""), TestContext.Current.CancellationToken));
        foreach (var device in devices)
        {
            await ReadJsonAsync(await member.Client.PostAsJsonAsync("/api/push/subscriptions", device.Subscription, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.Created);
        }

        await ReadJsonAsync(await member.Client.GetAsync("/api/push/subscriptions", TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.NoContent, (await member.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/push/subscriptions") { Content = JsonContent.Create(new { endpoint = devices[0].Endpoint }) }, TestContext.Current.CancellationToken)).StatusCode);
        await ReadJsonAsync(await member.Client.PostAsJsonAsync("/api/push/subscriptions", devices[0].Subscription, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.Created);
        Assert.Equal(1, await factory.Services.GetRequiredService<ReminderService>().RunOnceAsync(TestContext.Current.CancellationToken));
        Assert.All(devices, d => Assert.Single(service.ReceivedBy(d)));

        var secrets = devices.SelectMany(d => new[] { d.Endpoint, new Uri(d.Endpoint).AbsolutePath, d.P256dh, d.Auth }).ToList();
        var lines = factory.LogLines();
        Assert.Contains(lines, l => l.Contains("push service answered 500", StringComparison.Ordinal));
        var leaks = lines.Where(line => secrets.Any(secret => line.Contains(secret, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} log lines leak a device's endpoint or keys:\n{string.Join("\n", leaks.Take(5).Select(l => l[..Math.Min(l.Length, 600)]))}");
    }

    private MimeMessage MailTo(string email, string subjectStart) =>
        Directory.GetFiles(factory.MailFolder, "*.eml").Select(f => MimeMessage.Load(f))
            .Last(m => m.To.Mailboxes.Any(a => a.Address == email) && m.Subject?.StartsWith(subjectStart, StringComparison.Ordinal) == true);

    /// <summary>A form post carrying the page's antiforgery token.</summary>
    private static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))
            .Append(KeyValuePair.Create("__RequestVerificationToken", ArticleTestSupport.Antiforgery(page))));
}
