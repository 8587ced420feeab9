using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GutSkin.Web.Features.Experiments;

internal sealed class ExperimentConfiguration : IEntityTypeConfiguration<Experiment>
{
    public void Configure(EntityTypeBuilder<Experiment> builder)
    {
        builder.Property(e => e.Name).HasMaxLength(100);
        builder.Property(e => e.Template).HasMaxLength(20);
        builder.Property(e => e.InterventionKey).HasMaxLength(40);
        builder.Property(e => e.OutcomeKey).HasMaxLength(40);
        builder.Property(e => e.SecondaryOutcomes).HasMaxLength(400);
        builder.Property(e => e.Design).HasConversion<string>().HasMaxLength(12);
        builder.HasIndex(e => e.UserId);
        builder.HasOne(e => e.User).WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(e => e.Changes).WithOne(c => c.Experiment).HasForeignKey(c => c.ExperimentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ExperimentChangeConfiguration : IEntityTypeConfiguration<ExperimentChange>
{
    public void Configure(EntityTypeBuilder<ExperimentChange> builder) => builder.Property(c => c.Description).HasMaxLength(300);
}
