using System.Buffers.Text;
using System.Linq.Expressions;
using System.Security.Cryptography;
using GutSkin.Web.Data;
using GutSkin.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace GutSkin.Web.Features.Account;

/// <summary>A member's session as the devices page and the API show it; <c>kind</c> is "browser" (a login cookie) or "token" (an app's bearer token).</summary>
public sealed record SessionResponse(string Id, string Device, string Kind, bool Persistent, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, bool Current);

/// <summary>Starts, checks, lists and ends the server-side sessions behind login cookies and bearer tokens.</summary>
public sealed class AccountSessions(GutSkinDb db, TimeProvider time, WriteGate gate)
{
    public const int MaxDeviceLength = 100;

    /// <summary>Last seen is written at most this often per session, so a signed-in request is a read, not a write.</summary>
    public static readonly TimeSpan LastSeenPrecision = TimeSpan.FromMinutes(1);

    /// <summary>As long as a login cookie or a refresh token lives without use; an idle session is over after that.</summary>
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromDays(14);

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>A new session for a sign-in with a password (and code), which counts as a recent authentication.</summary>
    public async Task<CurrentSession> StartAsync(AppUser user, SessionKind kind, bool persistent, string? userAgent, CancellationToken ct = default)
    {
        var now = Now;
        var session = new AccountSession
        {
            Id = NewId(),
            UserId = user.Id,
            Kind = kind,
            Device = DeviceName.Describe(userAgent),
            Persistent = persistent,
            CreatedAt = now,
            LastSeenAt = now,
            AuthenticatedAt = now,
            SecurityStamp = user.SecurityStamp ?? "",
            RefreshTokenId = kind == SessionKind.Token ? NewId() : null,
        };
        using (await gate.EnterAsync(ct))
        {
            // Sessions that are over stay only until the member's next sign-in, so the table keeps what is alive.
            var idle = now - IdleLifetime;
            var stamp = session.SecurityStamp;
            await db.AccountSessions
                .Where(s => s.UserId == user.Id && (s.RevokedAt != null || s.LastSeenAt < idle || s.SecurityStamp != stamp))
                .ExecuteDeleteAsync(ct);
            db.AccountSessions.Add(session);
            await db.SaveChangesAsync(ct);
            db.Entry(session).State = EntityState.Detached;
        }

        return new CurrentSession(session.Id, user.Id, now, session.RefreshTokenId);
    }

    /// <summary>
    /// The session if it is alive and the principal's security stamp is the account's current one; one read by
    /// primary key (session joined to its user), and a write of last-seen at most once a minute.
    /// </summary>
    public async Task<CurrentSession?> CheckAsync(string sessionId, string userId, string stamp, CancellationToken ct)
    {
        var found = await db.AccountSessions
            .Where(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null)
            .Select(s => new { s.User!.SecurityStamp, s.LastSeenAt, s.AuthenticatedAt, s.RefreshTokenId })
            .FirstOrDefaultAsync(ct);
        if (found is null || !string.Equals(found.SecurityStamp, stamp, StringComparison.Ordinal))
        {
            return null;
        }

        var now = Now;
        if (now - found.LastSeenAt >= LastSeenPrecision)
        {
            await UpdateAsync(s => s.Id == sessionId, s => s.SetProperty(x => x.LastSeenAt, now), ct);
        }

        return new CurrentSession(sessionId, userId, DateTime.SpecifyKind(found.AuthenticatedAt, DateTimeKind.Utc), found.RefreshTokenId);
    }

    /// <summary>The session goes on after a change of the account (password, two-factor): it takes the new security stamp.</summary>
    public Task ContinueAsync(CurrentSession session, string stamp, CancellationToken ct = default) =>
        UpdateAsync(s => s.Id == session.Id && s.UserId == session.UserId, s => s.SetProperty(x => x.SecurityStamp, stamp), ct);

    /// <summary>The member gave their password (and code) again: the session counts as recently authenticated from now.</summary>
    public async Task<CurrentSession> ReauthenticatedAsync(CurrentSession session, CancellationToken ct = default)
    {
        var now = Now;
        await UpdateAsync(s => s.Id == session.Id && s.UserId == session.UserId, s => s.SetProperty(x => x.AuthenticatedAt, now), ct);
        return session with { AuthenticatedAt = now };
    }

    /// <summary>
    /// Exchanges the refresh token <paramref name="refreshTokenId"/> for a new one: null when the session is over, or
    /// when that token was used before. Reuse means two parties hold the chain (a stolen token), so the whole session ends.
    /// </summary>
    public async Task<CurrentSession?> RotateRefreshTokenAsync(string sessionId, string userId, string refreshTokenId, CancellationToken ct = default)
    {
        var now = Now;
        var next = NewId();
        using (await gate.EnterAsync(ct))
        {
            // One conditional update: of two requests racing with the same token, only one finds it current.
            var rotated = await db.AccountSessions
                .Where(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null && s.RefreshTokenId == refreshTokenId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.RefreshTokenId, next).SetProperty(x => x.LastSeenAt, now), ct);
            if (rotated == 0)
            {
                await db.AccountSessions.Where(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), ct);
                return null;
            }
        }

        var authenticatedAt = await db.AccountSessions.Where(s => s.Id == sessionId).Select(s => s.AuthenticatedAt).FirstAsync(ct);
        return new CurrentSession(sessionId, userId, DateTime.SpecifyKind(authenticatedAt, DateTimeKind.Utc), next);
    }

    /// <summary>Ends one of the member's sessions; false when they have no such session alive.</summary>
    public async Task<bool> RevokeAsync(string userId, string sessionId, CancellationToken ct = default) =>
        await RevokeWhereAsync(s => s.UserId == userId && s.Id == sessionId && s.RevokedAt == null, ct) > 0;

    /// <summary>Ends every session of the member but <paramref name="keepSessionId"/> (all of them when null).</summary>
    public Task<int> RevokeAllAsync(string userId, string? keepSessionId, CancellationToken ct = default) =>
        RevokeWhereAsync(s => s.UserId == userId && s.Id != keepSessionId && s.RevokedAt == null, ct);

    /// <summary>The member's live sessions, the most recently used first.</summary>
    public async Task<List<SessionResponse>> ListAsync(string userId, string? currentSessionId, CancellationToken ct = default)
    {
        var idle = Now - IdleLifetime;
        var rows = await db.AccountSessions
            .Where(s => s.UserId == userId && s.RevokedAt == null && s.LastSeenAt >= idle && s.SecurityStamp == s.User!.SecurityStamp)
            .OrderByDescending(s => s.LastSeenAt)
            .Select(s => new { s.Id, s.Device, s.Kind, s.Persistent, s.CreatedAt, s.LastSeenAt })
            .ToListAsync(ct);
        return [.. rows.Select(s => new SessionResponse(s.Id, s.Device, s.Kind == SessionKind.Token ? "token" : "browser", s.Persistent, s.CreatedAt.ToOffset(), s.LastSeenAt.ToOffset(), s.Id == currentSessionId))];
    }

    private Task<int> RevokeWhereAsync(Expression<Func<AccountSession, bool>> which, CancellationToken ct)
    {
        var now = Now;
        return UpdateAsync(which, s => s.SetProperty(x => x.RevokedAt, now), ct);
    }

    private async Task<int> UpdateAsync(Expression<Func<AccountSession, bool>> which, Action<UpdateSettersBuilder<AccountSession>> set, CancellationToken ct)
    {
        using (await gate.EnterAsync(ct))
        {
            return await db.AccountSessions.Where(which).ExecuteUpdateAsync(set, ct);
        }
    }

    /// <summary>256 random bits, URL-safe: unguessable, and nothing in it says who or when.</summary>
    private static string NewId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}

/// <summary>A short, human name for a user agent: "Firefox on Android", "Safari on iPhone", "App or script (curl)".</summary>
public static class DeviceName
{
    private static readonly (string Token, string Name)[] Browsers =
    [
        ("Edg/", "Edge"), ("EdgA/", "Edge"), ("EdgiOS/", "Edge"), ("OPR/", "Opera"), ("SamsungBrowser/", "Samsung Internet"),
        ("Firefox/", "Firefox"), ("FxiOS/", "Firefox"), ("CriOS/", "Chrome"), ("Chromium/", "Chromium"), ("Chrome/", "Chrome"), ("Safari/", "Safari"),
    ];

    private static readonly (string Token, string Name)[] Systems =
    [
        ("Android", "Android"), ("iPhone", "iPhone"), ("iPad", "iPad"), ("CrOS", "ChromeOS"), ("Windows", "Windows"),
        ("Mac OS X", "macOS"), ("Macintosh", "macOS"), ("Linux", "Linux"),
    ];

    public static string Describe(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return "Unknown device";
        }

        var browser = Browsers.FirstOrDefault(b => userAgent.Contains(b.Token, StringComparison.Ordinal)).Name;
        var system = Systems.FirstOrDefault(s => userAgent.Contains(s.Token, StringComparison.Ordinal)).Name;
        if (browser is null || !userAgent.StartsWith("Mozilla/", StringComparison.Ordinal))
        {
            // Not a browser: name the program by its first product token only (curl/8.5.0 -> curl).
            var product = new string([.. userAgent.TakeWhile(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.').Take(40)]);
            return product.Length > 0 ? $"App or script ({product})" : "App or script";
        }

        return system is null ? browser : $"{browser} on {system}";
    }
}
