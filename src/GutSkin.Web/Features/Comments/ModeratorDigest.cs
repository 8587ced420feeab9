using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using GutSkin.Web.Data;
using GutSkin.Web.Features.Account;
using GutSkin.Web.Features.Articles;
using GutSkin.Web.Infrastructure.Email;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Features.Comments;

/// <summary>
/// Signed one-click links for the moderators' mail. A link names one comment and one action, expires
/// after 7 days, and only opens a page whose button (a POST) acts: mail scanners that follow links change nothing.
/// </summary>
public sealed class ModerationLinks(IDataProtectionProvider protection, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private readonly IDataProtector _protector = protection.CreateProtector("GutSkin.Comments.ModerationLink.v1");

    public string Token(long commentId, ModerationAction action) =>
        _protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{commentId}:{CommentService.ActionName(action)}:{(time.GetUtcNow() + Lifetime).ToUnixTimeMilliseconds()}"));

    /// <summary>The comment and action a token stands for; null when it is forged, damaged or expired.</summary>
    public (long CommentId, ModerationAction Action)? Read(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(token).Split(':');
            if (parts.Length == 3
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && CommentService.TryParseAction(parts[1], out var action)
                && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
                && time.GetUtcNow().ToUnixTimeMilliseconds() <= expires)
            {
                return (id, action);
            }
        }
        catch (CryptographicException)
        {
            // Forged or damaged: the same answer as expired.
        }

        return null;
    }
}

/// <summary>
/// Tells the moderators about newly held comments: at most one mail every ten minutes, listing every
/// comment held since the last one. The commenter's e-mail address is never put in the mail.
/// </summary>
public sealed class ModeratorDigest(GutSkinDb db, UserManager<AppUser> users, EmailSender mail, ModerationLinks links, TimeProvider time, IConfiguration configuration, IServer server)
{
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMinutes(10);

    /// <summary>Sends the digest when one is due; answers how many comments it listed (0 when none was sent).</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var held = await db.Comments.AsNoTracking()
            .Where(c => c.State == CommentState.Pending && c.NotifiedAt == null && !c.FromSite)
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.Name, c.Body, c.Reasons, ArticleTitle = c.Article!.Title })
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

        var recipients = (await users.GetUsersInRoleAsync(Roles.Moderator)).Concat(await users.GetUsersInRoleAsync(Roles.Admin))
            .Select(u => u.Email).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var site = BaseUrl();
        var text = new StringBuilder();
        var html = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{held.Count} new comment(s) wait for a moderator.\n\nInbox: {site}/moderation\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>{held.Count} new comment(s) wait for a moderator. <a href=\"{Enc(site)}/moderation\">Open the inbox</a>.</p>");
        foreach (var comment in held)
        {
            var excerpt = comment.Body.Length > 300 ? comment.Body[..300] + "…" : comment.Body;
            text.Append(CultureInfo.InvariantCulture, $"\n---\n{comment.Name} on “{comment.ArticleTitle}”:\n{excerpt}\n");
            html.Append(CultureInfo.InvariantCulture, $"<hr><p><strong>{Enc(comment.Name)}</strong> on “{Enc(comment.ArticleTitle)}”:</p><blockquote>{CommentText.Render(excerpt)}</blockquote>");
            if (comment.Reasons.Length > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"Held because: {comment.Reasons.Replace('\n', ';')}\n");
                html.Append(CultureInfo.InvariantCulture, $"<p>Held because: {Enc(comment.Reasons.Replace('\n', ';'))}</p>");
            }

            html.Append("<p>");
            foreach (var action in new[] { ModerationAction.Approve, ModerationAction.Spam, ModerationAction.Trash })
            {
                var url = $"{site}/moderation/act?token={Uri.EscapeDataString(links.Token(comment.Id, action))}";
                text.Append(CultureInfo.InvariantCulture, $"{CommentService.ActionName(action)}: {url}\n");
                html.Append(CultureInfo.InvariantCulture, $"<a href=\"{Enc(url)}\">{CommentService.ActionName(action)}</a> ");
            }

            html.Append("</p>");
        }

        text.Append("\nEach link opens a page that asks you to confirm; links expire after 7 days.\n");
        html.Append("<p>Each link opens a page that asks you to confirm; links expire after 7 days.</p>");
        foreach (var to in recipients)
        {
            await mail.SendAsync(to, $"GutSkin: {held.Count} comment(s) await moderation", text.ToString(), html.ToString(), ct);
        }

        var ids = held.Select(c => c.Id).ToList();
        await db.Comments.Where(c => ids.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.NotifiedAt, now), ct);
        return held.Count;
    }

    private string BaseUrl()
    {
        if (configuration["Site:BaseUrl"] is { Length: > 0 } configured)
        {
            return configured.TrimEnd('/');
        }

        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return (address ?? "http://localhost").Replace("0.0.0.0", "localhost", StringComparison.Ordinal).Replace("[::]", "localhost", StringComparison.Ordinal).TrimEnd('/');
    }

    private static string Enc(string text) => HtmlEncoder.Default.Encode(text);
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

/// <summary>Every minute: the moderators' digest when one is due, and the purge.</summary>
public sealed class CommentJobs(IServiceScopeFactory scopes, ILogger<CommentJobs> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ModeratorDigest>().SendDueAsync(stoppingToken);
                await scope.ServiceProvider.GetRequiredService<CommentPurge>().PurgeAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A database or mail server that is down for a moment must not stop the app (a failed
                // BackgroundService stops the host): try again next minute.
                logger.LogWarning(e, "Comment jobs failed; trying again in a minute");
            }
        }
    }
}
