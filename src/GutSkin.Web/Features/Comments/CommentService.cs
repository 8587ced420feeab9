using System.Globalization;
using System.Net;
using System.Net.Mail;
using GutSkin.Web.Data;
using GutSkin.Web.Features.Articles;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Features.Comments;

/// <summary>What a reader sent: from the form (with honeypot and stamp) or from the API (without).</summary>
public sealed record CommentSubmission(string? Name, string? Email, string? Body, long? ParentId, IPAddress? Address, bool FromForm = false, string? Honeypot = null, string? Stamp = null);

public enum SubmitOutcome
{
    /// <summary>Public now.</summary>
    Published,

    /// <summary>Waiting for a moderator (also what a sender judged spam is told).</summary>
    Held,

    /// <summary>A field is wrong, or it repeats a recent comment; see the errors.</summary>
    Invalid,

    /// <summary>The article takes no comments (policy disabled, or closed after N days).</summary>
    Closed,
}

public sealed record SubmitResult(SubmitOutcome Outcome, Comment? Comment, Dictionary<string, string[]> Errors);

public enum ModerationAction
{
    Approve,
    Unapprove,
    Spam,
    NotSpam,
    Trash,
    Restore,
}

/// <summary>Comment policy, the spam pipeline and the moderators' state changes.</summary>
public sealed class CommentService(GutSkinDb db, TimeProvider time, IpHasher ipHasher, FormStamp stamps, BlogCache cache)
{
    /// <summary>An action by its name (<see cref="ActionName"/>; "not-spam" too), whatever the case.</summary>
    public static bool TryParseAction(string text, out ModerationAction action)
    {
        var name = text.ToLowerInvariant() is "not-spam" ? "notspam" : text.ToLowerInvariant();
        action = Enum.GetValues<ModerationAction>().FirstOrDefault(a => ActionName(a) == name, (ModerationAction)(-1));
        return Enum.IsDefined(action);
    }

    public static string ActionName(ModerationAction action) => action.ToString().ToLowerInvariant();

    /// <summary>The state an action leads to from <paramref name="from"/>, or null when it does not apply there.</summary>
    public static CommentState? Transition(CommentState from, ModerationAction action) => (from, action) switch
    {
        (CommentState.Pending, ModerationAction.Approve) => CommentState.Approved,
        (CommentState.Approved, ModerationAction.Unapprove) => CommentState.Pending,
        (CommentState.Pending or CommentState.Approved, ModerationAction.Spam) => CommentState.Spam,
        (CommentState.Spam, ModerationAction.NotSpam) => CommentState.Pending,
        (CommentState.Pending or CommentState.Approved or CommentState.Spam, ModerationAction.Trash) => CommentState.Trash,
        (CommentState.Trash, ModerationAction.Restore) => CommentState.Pending,
        _ => null,
    };

    /// <summary>The policy in force for an article and whether its comments are open at <paramref name="nowUtc"/>.</summary>
    public static (CommentPolicy Policy, bool Open) PolicyFor(Article article, SiteSettings settings, DateTime nowUtc)
    {
        var policy = article.CommentPolicy ?? settings.CommentPolicy;
        var closeAfter = article.CloseCommentsAfterDays ?? settings.CloseCommentsAfterDays;
        var closed = closeAfter is { } days && article.PublishAt is { } published && nowUtc > published.AddDays(days);
        return (policy, policy != CommentPolicy.Disabled && !closed);
    }

    public async Task<SubmitResult> SubmitAsync(Article article, CommentSubmission input, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var settings = await SiteSettingsStore.GetAsync(db, ct);
        var (policy, open) = PolicyFor(article, settings, now);
        if (!open)
        {
            return new SubmitResult(SubmitOutcome.Closed, null, []);
        }

        var errors = new Dictionary<string, string[]>();
        var name = input.Name?.Trim() ?? "";
        var email = input.Email?.Trim() ?? "";
        var body = (input.Body ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (name.Length == 0)
        {
            errors["name"] = ["Please give a name to show with your comment."];
        }
        else if (name.Length > CommentRules.MaxNameLength)
        {
            errors["name"] = [$"A name can be up to {CommentRules.MaxNameLength} characters."];
        }

        if (email.Length == 0)
        {
            errors["email"] = ["Please give your e-mail address. It is never shown."];
        }
        else if (email.Length > CommentRules.MaxEmailLength || !IsEmail(email))
        {
            errors["email"] = ["That does not look like an e-mail address."];
        }

        if (body.Length == 0)
        {
            errors["body"] = ["Please write a comment."];
        }
        else if (body.Length > CommentRules.MaxBodyLength)
        {
            errors["body"] = [$"A comment can be up to {CommentRules.MaxBodyLength:N0} characters; this one has {body.Length:N0}."];
        }

        long? parentId = null;
        if (input.ParentId is { } wanted)
        {
            var parent = await db.Comments.AsNoTracking()
                .Where(c => c.Id == wanted && c.ArticleId == article.Id && c.State == CommentState.Approved)
                .Select(c => new { c.Id, c.ParentId })
                .FirstOrDefaultAsync(ct);
            if (parent is null)
            {
                errors["parentId"] = ["The comment you are replying to is not on this article."];
            }
            else
            {
                // One level of replies: a reply to a reply joins the same thread.
                parentId = parent.ParentId ?? parent.Id;
            }
        }

        if (errors.Count > 0)
        {
            return new SubmitResult(SubmitOutcome.Invalid, null, errors);
        }

        var ipHash = ipHasher.Hash(input.Address);
        var reasons = SpamReasons(article, input, settings, name, email, body).ToList();
        var spam = reasons.Count > 0;
        var hold = policy == CommentPolicy.Moderated;
        var links = CommentText.CountLinks(body) + CommentText.CountLinks(name);
        if (links > CommentRules.MaxLinksBeforeHold)
        {
            hold = true;
            reasons.Add($"links: {links} links (more than {CommentRules.MaxLinksBeforeHold} are held for a moderator)");
        }

        var since = now - CommentRules.DuplicateWindow;
        var sameSender = db.Comments.Where(c => c.ArticleId == article.Id && c.CreatedAt >= since && c.State != CommentState.Trash && c.Body == body);
        sameSender = ipHash is null ? sameSender.Where(c => c.Email == email) : sameSender.Where(c => c.Email == email || c.IpHash == ipHash);
        var duplicateOf = await sameSender.OrderByDescending(c => c.Id).Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);

        var state = duplicateOf is not null ? CommentState.Trash : spam ? CommentState.Spam : hold ? CommentState.Pending : CommentState.Approved;
        if (duplicateOf is { } original)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"duplicate: the same text as comment #{original}, sent within {CommentRules.DuplicateWindow.TotalHours:0} hours"));
        }

        var comment = new Comment
        {
            ArticleId = article.Id,
            ParentId = parentId,
            Name = name,
            Email = email,
            Body = body,
            State = state,
            Reasons = string.Join('\n', reasons),
            IpHash = ipHash,
            CreatedAt = now,
            StateChangedAt = now,
        };
        db.Comments.Add(comment);
        await db.SaveChangesAsync(ct);

        if (state == CommentState.Approved)
        {
            await cache.ChangedAsync(ct);
        }

        return duplicateOf is not null
            ? new SubmitResult(SubmitOutcome.Invalid, comment, new() { ["body"] = ["You have already posted this comment."] })
            : new SubmitResult(state == CommentState.Approved ? SubmitOutcome.Published : SubmitOutcome.Held, comment, []);
    }

    /// <summary>Applies an action to each comment it fits; answers the ids it changed.</summary>
    public async Task<List<long>> ApplyAsync(IReadOnlyCollection<long> ids, ModerationAction action, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var comments = await db.Comments.Where(c => ids.Contains(c.Id)).ToListAsync(ct);
        var changed = new List<long>();
        foreach (var comment in comments)
        {
            if (Transition(comment.State, action) is { } next)
            {
                comment.State = next;
                comment.StateChangedAt = now;
                changed.Add(comment.Id);
            }
        }

        await db.SaveChangesAsync(ct);
        await cache.ChangedAsync(ct);
        return changed;
    }

    /// <summary>
    /// A mailed link's action, applied only when the comment is still as it was when the link was made: in one
    /// conditional UPDATE, so of two requests with the same link at most one acts. False when it has changed since
    /// (the link was used, or someone moderated the comment another way).
    /// </summary>
    public async Task<bool> ApplyLinkAsync(ModerationLink link, CancellationToken ct)
    {
        if (Transition(link.State, link.Action) is not { } next)
        {
            return false;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var changed = await db.Comments
            .Where(c => c.Id == link.CommentId && c.State == link.State && c.StateChangedAt == link.StateChangedAt)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.State, next).SetProperty(c => c.StateChangedAt, now), ct);
        if (changed == 0)
        {
            return false;
        }

        await cache.ChangedAsync(ct);
        return true;
    }

    /// <summary>A reply written as the site, public at once; a pending comment it answers is approved with it.</summary>
    public async Task<Comment?> ReplyAsSiteAsync(long toId, string body, string moderatorEmail, CancellationToken ct)
    {
        var parent = await db.Comments.FirstOrDefaultAsync(c => c.Id == toId, ct);
        if (parent is null || parent.State is CommentState.Spam or CommentState.Trash)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (parent.State == CommentState.Pending)
        {
            parent.State = CommentState.Approved;
            parent.StateChangedAt = now;
        }

        var reply = new Comment
        {
            ArticleId = parent.ArticleId,
            ParentId = parent.ParentId ?? parent.Id,
            Name = SiteName,
            Email = moderatorEmail,
            Body = body.Replace("\r\n", "\n", StringComparison.Ordinal).Trim(),
            State = CommentState.Approved,
            Reasons = "",
            FromSite = true,
            CreatedAt = now,
            StateChangedAt = now,
        };
        db.Comments.Add(reply);
        await db.SaveChangesAsync(ct);
        await cache.ChangedAsync(ct);
        return reply;
    }

    public const string SiteName = "GutSkin";

    /// <summary>Why a comment is spam: the form's honeypot and stamp (a form only), then the blocklist.</summary>
    private IEnumerable<string> SpamReasons(Article article, CommentSubmission input, SiteSettings settings, string name, string email, string body)
    {
        if (input.FromForm)
        {
            if (!string.IsNullOrEmpty(input.Honeypot))
            {
                yield return "honeypot: the hidden website field was filled in";
            }

            switch (stamps.Age(input.Stamp, article.Id))
            {
                case null:
                    yield return "form-stamp: the form's timestamp was missing or not signed by this site";
                    break;
                case var age when age < CommentRules.MinimumTimeToSubmit:
                    yield return string.Create(CultureInfo.InvariantCulture, $"too-fast: sent {Math.Max(0, age.Value.TotalSeconds):0.0} s after the form was served (minimum {CommentRules.MinimumTimeToSubmit.TotalSeconds:0} s)");
                    break;
            }
        }

        foreach (var blocked in Blocklist.Match(settings.Blocklist, name, email, body, input.Address))
        {
            yield return $"blocklist: {blocked}";
        }
    }

    private static bool IsEmail(string text) =>
        MailAddress.TryCreate(text, out var address) && address.Address == text && text.Contains('.', StringComparison.Ordinal) && !text.Contains(' ', StringComparison.Ordinal);
}

/// <summary>
/// The site's blocklist: one entry a line; an e-mail address (or "@domain"), an IP address, or else a word. Words
/// are compared after <see cref="LookAlikes.Fold"/>, so zero-width characters, full-width letters and Cyrillic or
/// Greek look-alikes do not slip a blocked word past it.
/// </summary>
public static class Blocklist
{
    public static IEnumerable<string> Match(string blocklist, string name, string email, string body, IPAddress? address)
    {
        var ip = address is null ? null : IpHasher.Plain(address);
        var text = new Lazy<string>(() => LookAlikes.Fold(name) + "\n" + LookAlikes.Fold(body));
        foreach (var entry in blocklist.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (entry.StartsWith('#'))
            {
                continue;
            }

            if (IPAddress.TryParse(entry, out var blockedIp))
            {
                if (ip is not null && blockedIp.Equals(ip))
                {
                    yield return "the sender's IP address is blocked";
                }
            }
            else if (entry.Contains('@', StringComparison.Ordinal))
            {
                var blocked = entry.StartsWith('@')
                    ? email.EndsWith(entry, StringComparison.OrdinalIgnoreCase)
                    : string.Equals(email, entry, StringComparison.OrdinalIgnoreCase);
                if (blocked)
                {
                    yield return "the sender's e-mail address is blocked";
                }
            }
            else if (LookAlikes.Fold(entry) is { Length: > 0 } word && text.Value.Contains(word, StringComparison.Ordinal))
            {
                yield return $"the word “{entry}” is blocked";
            }
        }
    }
}
