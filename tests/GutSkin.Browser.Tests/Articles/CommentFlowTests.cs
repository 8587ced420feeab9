using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using GutSkin.Web.Features.Articles;
using GutSkin.Web.Features.Comments;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace GutSkin.Browser.Tests.Articles;

public sealed class CommentFlowTests(ArticlesBrowserFixture app) : IClassFixture<ArticlesBrowserFixture>
{
    [Fact]
    public async Task ReaderComments_SeesAwaitingApproval_ModeratorApprovesFromTheInbox_ReaderSeesTheComment()
    {
        var text = $"Kefir every morning seemed to calm my redness ({Guid.NewGuid():N}).";
        await using var readerContext = await app.NewContextAsync(Screen.Phone);
        var reader = await readerContext.NewPageAsync();
        await reader.GotoAsync("/blog");
        await reader.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("gut–skin axis") }).First.ClickAsync();
        await Expect(reader.GetByRole(AriaRole.Link, new() { Name = "← Back to blog" })).ToBeVisibleAsync();
        var loaded = Stopwatch.StartNew();

        await reader.GetByLabel("Name", new() { Exact = true }).FillAsync("Rosa");
        await reader.GetByLabel("E-mail").FillAsync("rosa@example.test");
        await reader.Locator("#comment-body").FillAsync(text);
        // A person takes more than three seconds to write; the form's signed stamp checks it.
        await ArticlesBrowserFixture.WaitUntilAPersonCouldHaveWrittenItAsync(loaded);
        await reader.GetByRole(AriaRole.Button, new() { Name = "Send comment" }).ClickAsync();
        await Expect(reader.GetByRole(AriaRole.Status)).ToContainTextAsync("awaits approval");
        await Expect(reader.GetByText(text)).ToHaveCountAsync(0);

        await using var moderatorContext = await app.NewContextAsync(Screen.Desktop);
        var moderator = await moderatorContext.NewPageAsync();
        await app.LogInAsAdminAsync(moderator);
        await moderator.GotoAsync("/moderation");
        await Expect(moderator.GetByText(text)).ToBeVisibleAsync();
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Approve the comment by Rosa" }).ClickAsync();
        await Expect(moderator.GetByRole(AriaRole.Status)).ToHaveTextAsync("Approved: 1 comment.");

        await reader.ReloadAsync();
        var comments = reader.Locator("#comments");
        await Expect(comments.GetByText(text)).ToBeVisibleAsync();
        await Expect(comments.GetByText("Rosa", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(reader.Locator("body")).Not.ToContainTextAsync("rosa@example.test");
    }

    [Fact]
    public async Task ModeratorApprovesFromTheMailLink_ThePageShowsTheCommentApproved_AndTheLinkIsSpent()
    {
        var text = $"Less sugar, fewer breakouts for me ({Guid.NewGuid():N}).";
        using (var api = new HttpClient { BaseAddress = new Uri(app.Origin) })
        {
            var sent = await api.PostAsJsonAsync($"/api/articles/{StarterArticle.Slug}/comments", new { name = "Jonas", email = "jonas@example.test", body = text }, cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        }

        using (var scope = app.Server.Services.CreateScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<ModeratorDigest>().SendDueAsync(TestContext.Current.CancellationToken) > 0);
        }

        // The admin's digest: the approve link right below the quoted comment.
        var digest = Directory.GetFiles(app.Server.MailFolder, "*.eml").Select(f => MimeMessage.Load(f))
            .Single(m => m.To.Mailboxes.Any(b => b.Address == app.AdminEmail) && m.TextBody?.Contains(text, StringComparison.Ordinal) == true);
        var lines = (digest.TextBody ?? "").Split('\n');
        var approve = lines.Skip(Array.IndexOf(lines, "> " + text)).First(l => l.StartsWith("approve: ", StringComparison.Ordinal))["approve: ".Length..];

        await using var context = await app.NewContextAsync(Screen.Phone);
        var page = await context.NewPageAsync();
        await page.GotoAsync(approve);
        await Expect(page.GetByText(text)).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve this comment" }).ClickAsync();

        // Issue 14: the confirmation shows the comment's new state.
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Approved.");
        await Expect(page.Locator(".badge")).ToHaveTextAsync("approved");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Approve this comment" })).ToHaveCountAsync(0);

        // The same link again does nothing more.
        await page.GotoAsync(approve);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("works once");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Approve this comment" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task RejectedField_KeepsWhatTheReaderTyped_AndNamesTheField()
    {
        await using var context = await app.NewContextAsync(Screen.Desktop);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/blog/{StarterArticle.Slug}");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Tomas");
        await page.GetByLabel("E-mail").FillAsync("not an address");
        await page.Locator("#comment-body").FillAsync("Line one\nLine two");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send comment" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That does not look like an e-mail address.");
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Tomas");
        await Expect(page.GetByLabel("E-mail")).ToHaveValueAsync("not an address");
        await Expect(page.Locator("#comment-body")).ToHaveValueAsync("Line one\nLine two");
        await Expect(page.GetByLabel("E-mail")).ToHaveAttributeAsync("aria-invalid", "true");
    }
}
