using GutSkin.Web.Features.Comments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GutSkin.Web.Features.Articles;

internal sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> builder)
    {
        builder.ToTable("Articles");
        builder.Property(a => a.Slug).HasMaxLength(ArticleRules.MaxSlugLength);
        builder.HasIndex(a => a.Slug).IsUnique();
        builder.Property(a => a.Title).HasMaxLength(ArticleRules.MaxTitleLength);
        builder.Property(a => a.Excerpt).HasMaxLength(ArticleRules.MaxExcerptLength);
        builder.Property(a => a.CoverImagePath).HasMaxLength(200);
        builder.Property(a => a.CoverImageAlt).HasMaxLength(ArticleRules.MaxAltLength);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(a => a.CommentPolicy).HasConversion<string>().HasMaxLength(12);
        builder.HasIndex(a => new { a.Status, a.PublishAt });
    }
}

internal sealed class ArticleSlugHistoryConfiguration : IEntityTypeConfiguration<ArticleSlugHistory>
{
    public void Configure(EntityTypeBuilder<ArticleSlugHistory> builder)
    {
        builder.ToTable("ArticleSlugHistory");
        builder.Property(s => s.OldSlug).HasMaxLength(ArticleRules.MaxSlugLength);
        builder.HasIndex(s => s.OldSlug).IsUnique();
        builder.HasOne(s => s.Article).WithMany().HasForeignKey(s => s.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> builder)
    {
        builder.ToTable("Comments");
        builder.Property(c => c.Name).HasMaxLength(CommentRules.MaxNameLength);
        builder.Property(c => c.Email).HasMaxLength(CommentRules.MaxEmailLength);
        builder.Property(c => c.Body).HasMaxLength(CommentRules.MaxBodyLength);
        builder.Property(c => c.Reasons).HasMaxLength(2000);
        builder.Property(c => c.IpHash).HasMaxLength(64);
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(10);
        builder.HasOne(c => c.Article).WithMany(a => a.Comments).HasForeignKey(c => c.ArticleId).OnDelete(DeleteBehavior.Cascade);
        // Deleting a comment takes its replies with it.
        builder.HasOne(c => c.Parent).WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.ArticleId, c.State, c.CreatedAt });
        builder.HasIndex(c => new { c.State, c.CreatedAt });
        builder.HasIndex(c => c.IpHash);
    }
}

internal sealed class SiteSettingsConfiguration : IEntityTypeConfiguration<SiteSettings>
{
    public void Configure(EntityTypeBuilder<SiteSettings> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.CommentPolicy).HasConversion<string>().HasMaxLength(12);
        builder.Property(s => s.Blocklist).HasMaxLength(20_000);
    }
}
