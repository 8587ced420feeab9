using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using GutSkin.Web.Data;
using GutSkin.Web.Features.Account;
using GutSkin.Web.Features.Articles;
using GutSkin.Web.Infrastructure;
using GutSkin.Web.Infrastructure.Email;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GutSkin.Web.Features.Comments;

/// <summary>What a mailed moderation link stands for: one comment as it was when the mail went out, one action, one moderator.</summary>
public sealed record ModerationLink(long CommentId, ModerationAction Action, string ModeratorId, CommentState State, DateTime StateChangedAt);

/// <summary>
/// Signed one-click links for the moderators' mail. A link names one comment, one action and the moderator it was
/// mailed to, and expires after 72 hours. It only opens a page whose button (a POST) acts, so mail scanners change
/// nothing; it acts only while that person still moderates, and only on the comment as it was when the mail went
/// out, so once used (or once anyone has moderated the comment) it is refused.
/// </summary>
public sealed class ModerationLinks(IDataProtectionProvider protection, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(72);

    private readonly IDataProtector _protector = protection.CreateProtector("GutSkin.Comments.ModerationLink.v2");

    public string Token(ModerationLink link) =>
        _protector.Protect(string.Create(CultureInfo.InvariantCulture,
            $"{link.CommentId}:{CommentService.ActionName(link.Action)}:{(time.GetUtcNow() + Lifetime).ToUnixTimeMilliseconds()}:{link.ModeratorId}:{(int)link.State}:{link.StateChangedAt.Ticks}"));

    /// <summary>What a token stands for; null when it is forged, damaged or expired.</summary>
    public ModerationLink? Read(string? token)
    {
        var parts = _protector.TryUnprotect(token)?.Split(':');
        return parts is { Length: 6 }
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && CommentService.TryParseAction(parts[1], out var action)
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            && time.GetUtcNow().ToUnixTimeMilliseconds() <= expires
            && int.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var state)
            && long.TryParse(parts[5], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                ? new ModerationLink(id, action, parts[3], (CommentState)state, new DateTime(ticks, DateTimeKind.Utc))
                : null;
    }
}

/// <summary>
/// Tells the moderators about newly held comments: at most one mail every ten minutes, listing every
/// comment held since the last one. The commenter's e-mail address is never put in the mail, and what
/// commenters wrote (name and text) is quoted line by line, so it cannot pass for a line of the mail.
/// </summary>
public sealed partial class ModeratorDigest(GutSkinDb db, UserManager<AppUser> users, EmailSender mail, ModerationLinks links, TimeProvider time, SiteLinks site)
{
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMinutes(10);

    private static readonly ModerationAction[] MailedActions = [ModerationAction.Approve, ModerationAction.Spam, ModerationAction.Trash];

    /// <summary>Sends the digest when one is due; answers how many comments it listed (0 when none was sent).</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var held = await db.Comments.AsNoTracking()
            .Where(c => c.State == CommentState.Pending && c.NotifiedAt == null && !c.FromSite)
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new HeldComment(c.Id, c.Name, c.Body, c.Reasons, c.Article!.Title, c.State, c.StateChangedAt))
            .Take(200)
            .ToListAsync(ct);
        if (held.Count == 0)
        {
            return 0;
        }

        await SiteSettingsStore.GetAsync(db, ct);
        var due = now - MinimumInterval;
        // Claim the slot in the database, so two instances never both send.
        var claimed = await db.SiteSettings
            .Where(s => s.Id == SiteSettings.SingletonId && (s.LastDigestAt == null || s.LastDigestAt <= due))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastDigestAt, now), ct);
        if (claimed == 0)
        {
            return 0;
        }

        // Each moderator gets links of their own: they stop working when that person stops moderating.
        var recipients = (await users.GetUsersInRoleAsync(Roles.Moderator)).Concat(await users.GetUsersInRoleAsync(Roles.Admin))
            .Where(u => u.Email is not null)
            .DistinctBy(u => u.Id, StringComparer.Ordinal)
            .ToList();
        foreach (var moderator in recipients)
        {
            var (text, html) = Compose(held, moderator.Id);
            await mail.SendAsync(moderator.Email!, $"GutSkin: {held.Count} comment(s) await moderation", text, html, ct);
        }

        var ids = held.Select(c => c.Id).ToList();
        await db.Comments.Where(c => ids.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.NotifiedAt, now), ct);
        return held.Count;
    }

    /// <summary>Every line of what a commenter wrote prefixed with "&gt; ": nothing they type can start a line of the mail.</summary>
    public static string Quote(string commenterText) =>
        string.Join('\n', LineBreak().Split(commenterText).Select(line => "> " + line));

    private (string Text, string Html) Compose(List<HeldComment> held, string moderatorId)
    {
        var inbox = site.Absolute("/moderation");
        var text = new StringBuilder();
        var html = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{held.Count} new comment(s) wait for a moderator.\n\nInbox: {inbox}\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>{held.Count} new comment(s) wait for a moderator. <a href=\"{Enc(inbox)}\">Open the inbox</a>.</p>");
        foreach (var comment in held)
        {
            var excerpt = comment.Body.Length > 300 ? comment.Body[..300] + "…" : comment.Body;
            text.Append(CultureInfo.InvariantCulture, $"\n---\nOn “{comment.ArticleTitle}”, from:\n{Quote(comment.Name)}\nwho wrote:\n{Quote(excerpt)}\n");
            html.Append(CultureInfo.InvariantCulture, $"<hr><p><strong>{Enc(comment.Name)}</strong> on “{Enc(comment.ArticleTitle)}”:</p><blockquote>{CommentText.Render(excerpt)}</blockquote>");
            if (comment.Reasons.Length > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"Held because: {comment.Reasons.Replace('\n', ';')}\n");
                html.Append(CultureInfo.InvariantCulture, $"<p>Held because: {Enc(comment.Reasons.Replace('\n', ';'))}</p>");
            }

            html.Append("<p>");
            foreach (var action in MailedActions)
            {
                var token = links.Token(new ModerationLink(comment.Id, action, moderatorId, comment.State, comment.StateChangedAt));
                var url = site.Absolute($"/moderation/act?token={Uri.EscapeDataString(token)}");
                text.Append(CultureInfo.InvariantCulture, $"{CommentService.ActionName(action)}: {url}\n");
                html.Append(CultureInfo.InvariantCulture, $"<a href=\"{Enc(url)}\">{CommentService.ActionName(action)}</a> ");
            }

            html.Append("</p>");
        }

        const string Footer = "Each link opens a page that asks you to confirm. A link works once, for 72 hours, and only while you moderate.";
        text.Append(CultureInfo.InvariantCulture, $"\n{Footer}\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>{Footer}</p>");
        return (text.ToString(), html.ToString());
    }

    private static string Enc(string text) => HtmlEncoder.Default.Encode(text);

    // Every way a line can end, Unicode's included: a mail program may break lines at any of them.
    [GeneratedRegex("\r\n|[\r\n\u000B\u000C\u0085\u2028\u2029]")]
    private static partial Regex LineBreak();

    private sealed record HeldComment(long Id, string Name, string Body, string Reasons, string ArticleTitle, CommentState State, DateTime StateChangedAt);
}

/// <summary>Spam and trash older than 30 days, and articles deleted more than 30 days ago, are deleted for good.</summary>
public sealed class CommentPurge(GutSkinDb db, TimeProvider time, BlogCache cache)
{
    public async Task<(int Comments, int Articles)> PurgeAsync(CancellationToken ct)
    {
        var before = time.GetUtcNow().UtcDateTime - CommentRules.PurgeAfter;
        var comments = await db.Comments
            .Where(c => (c.State == CommentState.Spam || c.State == CommentState.Trash) && c.StateChangedAt < before)
            .ExecuteDeleteAsync(ct);
        var articles = await db.Articles.Where(a => a.DeletedAt != null && a.DeletedAt < before).ExecuteDeleteAsync(ct);
        if (comments + articles > 0)
        {
            await cache.ChangedAsync(ct);
        }

        return (comments, articles);
    }
}

/// <summary>Every minute: the moderators' digest when one is due, and the purge (off with <c>Comments:BackgroundJobs=false</c>).</summary>
public sealed class CommentJobs(IServiceScopeFactory scopes, IOptions<CommentOptions> options, TimeProvider time, DatabaseStartup database, ILogger<CommentJobs> logger)
    : PeriodicJob(time, database, logger)
{
    protected override TimeSpan Period => TimeSpan.FromMinutes(1);

    protected override bool Enabled => options.Value.BackgroundJobs;

    protected override async Task RunAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ModeratorDigest>().SendDueAsync(ct);
        await scope.ServiceProvider.GetRequiredService<CommentPurge>().PurgeAsync(ct);
    }
}
