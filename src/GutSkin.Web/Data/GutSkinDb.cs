using GutSkin.Web.Features.Account;
using GutSkin.Web.Features.Articles;
using GutSkin.Web.Features.Comments;
using GutSkin.Web.Features.Experiments;
using GutSkin.Web.Features.Items;
using GutSkin.Web.Features.Journal;
using GutSkin.Web.Features.Photos;
using GutSkin.Web.Features.Plan;
using GutSkin.Web.Features.Push;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GutSkin.Web.Data;

/// <summary>The one model. Provider subclasses exist only to key a migration set each (EF Core, "Migrations with multiple providers").</summary>
public class GutSkinDb(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<TrackedItem> Items => Set<TrackedItem>();

    public DbSet<JournalDay> JournalDays => Set<JournalDay>();

    public DbSet<Experiment> Experiments => Set<Experiment>();

    public DbSet<MemberPlan> Plans => Set<MemberPlan>();

    /// <summary>Members' devices with push reminders on.</summary>
    public DbSet<MemberPushSubscription> PushSubscriptions => Set<MemberPushSubscription>();

    /// <summary>The site's one VAPID key pair (see <see cref="VapidKeys"/>).</summary>
    public DbSet<VapidKeyRow> VapidKeys => Set<VapidKeyRow>();

    /// <summary>Skin photos: what each shows; the sealed bytes are in <see cref="PhotoContents"/>, the member's key in <see cref="MemberPhotoKeys"/>.</summary>
    public DbSet<Photo> Photos => Set<Photo>();

    public DbSet<PhotoContent> PhotoContents => Set<PhotoContent>();

    public DbSet<MemberPhotoKey> MemberPhotoKeys => Set<MemberPhotoKey>();

    public DbSet<Article> Articles => Set<Article>();

    public DbSet<ArticleSlugHistory> ArticleSlugs => Set<ArticleSlugHistory>();

    public DbSet<Comment> Comments => Set<Comment>();

    public DbSet<SiteSettings> SiteSettings => Set<SiteSettings>();

    /// <summary>Signed-in sessions, one per device (see <see cref="AccountSession"/>).</summary>
    public DbSet<AccountSession> AccountSessions => Set<AccountSession>();

    /// <summary>Keys live in the database so every instance can read every cookie and token.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Rate-limit windows shared by every instance (see <see cref="Infrastructure.RateCounters"/>).</summary>
    public DbSet<Infrastructure.RateCounter> RateCounters => Set<Infrastructure.RateCounter>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(GutSkinDb).Assembly);
        if (Database.IsNpgsql())
        {
            // Seeded catalog rows carry explicit ids, which a PostgreSQL identity does not skip past.
            builder.Entity<TrackedItem>().Property(i => i.Id).HasIdentityOptions(startValue: Catalog.FirstCustomId);
        }
    }

    /// <summary>Every stored <see cref="DateTime"/> is UTC; SQLite hands it back without a kind, so it is marked UTC on reading.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcKind>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcKind>();
    }
}

internal sealed class UtcKind() : ValueConverter<DateTime, DateTime>(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

public sealed class SqliteGutSkinDb(DbContextOptions<SqliteGutSkinDb> options) : GutSkinDb(options);

public sealed class PostgresGutSkinDb(DbContextOptions<PostgresGutSkinDb> options) : GutSkinDb(options);
