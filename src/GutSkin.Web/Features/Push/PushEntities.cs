using GutSkin.Web.Features.Account;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GutSkin.Web.Features.Push;

/// <summary>
/// One browser (device) where a member turned reminders on: the push service's endpoint and the keys that encrypt
/// messages to it (RFC 8291). The endpoint is a capability URL: whoever knows it can send to the device, so it is
/// never logged and never shown to another member. It belongs to one member; erasing the member deletes it.
/// </summary>
public sealed class MemberPushSubscription
{
    public const int MaxEndpointLength = 2048;

    public long Id { get; set; }

    public required string UserId { get; set; }

    public AppUser? User { get; set; }

    public required string Endpoint { get; set; }

    /// <summary>The browser's P-256 public key, base64url (65 bytes uncompressed).</summary>
    public required string P256dh { get; set; }

    /// <summary>The browser's 16-byte authentication secret, base64url.</summary>
    public required string Auth { get; set; }

    public required DateTime CreatedAt { get; set; }
}

/// <summary>
/// The site's VAPID key pair (RFC 8292), one row with a fixed id so the database decides which instance made it. The
/// private key is stored only as data protection protected it (the key ring, itself encrypted under the key file or
/// certificate): a copy of the database alone cannot sign push messages.
/// </summary>
public sealed class VapidKeyRow
{
    public const int TheOnlyId = 1;

    public int Id { get; set; }

    /// <summary>The public key, base64url of the uncompressed P-256 point (65 bytes).</summary>
    public required string PublicKey { get; set; }

    /// <summary>The private scalar, protected by data protection (purpose <see cref="VapidKeys.Purpose"/>).</summary>
    public required string ProtectedPrivateKey { get; set; }

    public required DateTime CreatedAt { get; set; }
}

internal sealed class MemberPushSubscriptionConfiguration : IEntityTypeConfiguration<MemberPushSubscription>
{
    public void Configure(EntityTypeBuilder<MemberPushSubscription> builder)
    {
        builder.ToTable("PushSubscriptions");
        builder.Property(s => s.Endpoint).HasMaxLength(MemberPushSubscription.MaxEndpointLength);
        builder.Property(s => s.P256dh).HasMaxLength(100);
        builder.Property(s => s.Auth).HasMaxLength(40);
        // One device, one owner: subscribing again with the same endpoint updates that row.
        builder.HasIndex(s => s.Endpoint).IsUnique();
        builder.HasOne(s => s.User).WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class VapidKeyRowConfiguration : IEntityTypeConfiguration<VapidKeyRow>
{
    public void Configure(EntityTypeBuilder<VapidKeyRow> builder)
    {
        builder.ToTable("VapidKeys");
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.PublicKey).HasMaxLength(100);
        builder.Property(k => k.ProtectedPrivateKey).HasMaxLength(1000);
    }
}
