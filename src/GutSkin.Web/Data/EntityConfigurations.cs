using GutSkin.Web.Features.Account;
using GutSkin.Web.Features.Items;
using GutSkin.Web.Features.Journal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GutSkin.Web.Data;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(100);
        builder.Property(u => u.TimeZone).HasMaxLength(64);
    }
}

internal sealed class RateCounterConfiguration : IEntityTypeConfiguration<Infrastructure.RateCounter>
{
    public void Configure(EntityTypeBuilder<Infrastructure.RateCounter> builder)
    {
        builder.ToTable("RateCounters");
        builder.HasKey(c => c.Key);
        builder.Property(c => c.Key).HasMaxLength(64);
        // The clean-up deletes by window start.
        builder.HasIndex(c => c.WindowStart);
    }
}

internal sealed class TrackedItemConfiguration : IEntityTypeConfiguration<TrackedItem>
{
    public void Configure(EntityTypeBuilder<TrackedItem> builder)
    {
        builder.ToTable("Items");
        builder.Property(i => i.Key).HasMaxLength(40);
        builder.Property(i => i.Label).HasMaxLength(80);
        builder.Property(i => i.Unit).HasMaxLength(20);
        builder.Property(i => i.Group).HasConversion<string>().HasMaxLength(10);
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(10);
        builder.HasIndex(i => new { i.OwnerId, i.Key }).IsUnique();
        builder.HasOne(i => i.Owner).WithMany().HasForeignKey(i => i.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(i => i.IsCustom);
        builder.HasData(Catalog.BuiltIn.Select(i => new
        {
            i.Id,
            i.Key,
            i.Label,
            i.Group,
            i.Kind,
            i.Min,
            i.Max,
            i.Unit,
            Archived = false,
        }));
    }
}

internal sealed class JournalDayConfiguration : IEntityTypeConfiguration<JournalDay>
{
    public void Configure(EntityTypeBuilder<JournalDay> builder)
    {
        builder.HasIndex(d => new { d.UserId, d.Date }).IsUnique();
        builder.Property(d => d.Note).HasMaxLength(GutSkin.Analysis.DayRules.MaxNoteLength);
        builder.HasOne(d => d.User).WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

