using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GutSkin.Web.Features.Account;

public enum SessionKind
{
    /// <summary>A login cookie in a browser.</summary>
    Browser,

    /// <summary>Bearer and refresh tokens held by an app or a script.</summary>
    Token,
}

/// <summary>
/// One sign-in, kept on the server so it can be listed and ended: the cookie or token carries only its id
/// (<see cref="SessionClaims.Session"/>), and every signed-in request checks the row is still alive.
/// </summary>
public sealed class AccountSession
{
    public required string Id { get; set; }

    public required string UserId { get; set; }

    public AppUser? User { get; set; }

    public required SessionKind Kind { get; set; }

    /// <summary>A summary of the user agent ("Firefox on Android"), never the whole string.</summary>
    public required string Device { get; set; }

    /// <summary>True when the cookie outlives the browser ("keep me signed in"); tokens always are.</summary>
    public required bool Persistent { get; set; }

    public required DateTime CreatedAt { get; set; }

    /// <summary>Updated at most once a minute (<see cref="AccountSessions.LastSeenPrecision"/>).</summary>
    public required DateTime LastSeenAt { get; set; }

    /// <summary>When the member last gave their password (or a code) in this session: at sign-in, or when they confirmed it was them.</summary>
    public required DateTime AuthenticatedAt { get; set; }

    /// <summary>The account's security stamp when the session was issued or carried over a change; a session with an older one is over.</summary>
    public required string SecurityStamp { get; set; }

    /// <summary>The one refresh token of this session that may still be used (token sessions only).</summary>
    public string? RefreshTokenId { get; set; }

    public DateTime? RevokedAt { get; set; }
}

public static class SessionClaims
{
    /// <summary>The session id in every login cookie and bearer token (OpenID Connect's name for it).</summary>
    public const string Session = "sid";

    /// <summary>The id of the refresh token issued with a bearer token.</summary>
    public const string RefreshToken = "gutskin:rt";
}

/// <summary>The request's session, once its cookie or token was checked (or a sign-in started one).</summary>
public sealed record CurrentSession(string Id, string UserId, DateTime AuthenticatedAt, string? RefreshTokenId = null);

internal sealed class AccountSessionConfiguration : IEntityTypeConfiguration<AccountSession>
{
    public void Configure(EntityTypeBuilder<AccountSession> builder)
    {
        builder.ToTable("AccountSessions");
        builder.Property(s => s.Id).HasMaxLength(64);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(10);
        builder.Property(s => s.Device).HasMaxLength(AccountSessions.MaxDeviceLength);
        builder.Property(s => s.SecurityStamp).HasMaxLength(256);
        builder.Property(s => s.RefreshTokenId).HasMaxLength(64);
        builder.HasIndex(s => s.UserId);
        builder.HasOne(s => s.User).WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
