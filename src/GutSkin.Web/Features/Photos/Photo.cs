using GutSkin.Web.Features.Account;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GutSkin.Web.Features.Photos;

/// <summary>
/// One skin photo of a member's day: what it shows and its size. The pixels are elsewhere (<see cref="IPhotoStore"/>),
/// sealed under the member's own key (<see cref="PhotoCipher"/>). The id is 128 random bits, base64url.
/// </summary>
public sealed class Photo
{
    public const int IdLength = 22;

    public required string Id { get; set; }

    public required string UserId { get; set; }

    public AppUser? User { get; set; }

    public DateOnly Date { get; set; }

    public string? Area { get; set; }

    public string? Caption { get; set; }

    public int Width { get; set; }

    public int Height { get; set; }

    public required DateTime CreatedAt { get; set; }
}

/// <summary>The sealed bytes of a photo or of its thumbnail, in the database store.</summary>
public sealed class PhotoContent
{
    public required string PhotoId { get; set; }

    public PhotoSize Size { get; set; }

    public required byte[] Sealed { get; set; }
}

public enum PhotoSize
{
    Image = 0,
    Thumbnail = 1,
}

/// <summary>A member's 256-bit photo key, kept only as data protection protected it (the key ring, itself under the key file).</summary>
public sealed class MemberPhotoKey
{
    public required string UserId { get; set; }

    public required byte[] ProtectedKey { get; set; }
}

internal sealed class PhotoConfiguration : IEntityTypeConfiguration<Photo>
{
    public void Configure(EntityTypeBuilder<Photo> builder)
    {
        builder.ToTable("Photos");
        builder.Property(p => p.Id).HasMaxLength(Photo.IdLength);
        builder.Property(p => p.Area).HasMaxLength(10);
        builder.Property(p => p.Caption).HasMaxLength(PhotoRules.MaxCaptionLength);
        builder.HasIndex(p => new { p.UserId, p.Date });
        builder.HasOne(p => p.User).WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PhotoContentConfiguration : IEntityTypeConfiguration<PhotoContent>
{
    public void Configure(EntityTypeBuilder<PhotoContent> builder)
    {
        builder.ToTable("PhotoContents");
        builder.HasKey(c => new { c.PhotoId, c.Size });
        builder.HasOne<Photo>().WithMany().HasForeignKey(c => c.PhotoId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MemberPhotoKeyConfiguration : IEntityTypeConfiguration<MemberPhotoKey>
{
    public void Configure(EntityTypeBuilder<MemberPhotoKey> builder)
    {
        builder.ToTable("MemberPhotoKeys");
        builder.HasKey(k => k.UserId);
        builder.Property(k => k.ProtectedKey).HasMaxLength(1000);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
