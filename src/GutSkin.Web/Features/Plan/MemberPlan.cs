using GutSkin.Web.Features.Account;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GutSkin.Web.Features.Plan;

/// <summary>A member's plan: which items the Today page shows, habit targets and the daily reminder. One row per member.</summary>
public sealed class MemberPlan
{
    public required string UserId { get; set; }

    public AppUser? User { get; set; }

    /// <summary>Item keys in the order the member chose them.</summary>
    public required List<string> Items { get; set; }

    public List<PlanTarget> Targets { get; set; } = [];

    public bool ReminderEnabled { get; set; }

    /// <summary>How the reminder comes: e-mail (the default), push to the member's devices, or both.</summary>
    public ReminderChannel ReminderChannel { get; set; } = ReminderChannel.Email;

    /// <summary>The member's local wall-clock time for the reminder.</summary>
    public required TimeOnly ReminderTime { get; set; }

    /// <summary>The member's local date of the last reminder sent: at most one a day, across restarts and instances.</summary>
    public DateOnly? LastReminderDate { get; set; }

    /// <summary>
    /// While an instance sends the member's reminder, until when the claim is its alone (UTC); null when none is being sent.
    /// An instance that dies mid-send leaves a claim that expires, and another one sends the reminder.
    /// </summary>
    public DateTime? ReminderClaimedUntil { get; set; }
}

/// <summary>How a member's daily reminder comes. Stored by name.</summary>
public enum ReminderChannel
{
    Email,

    /// <summary>Web Push to every device where the member turned it on; e-mail when there is none.</summary>
    Push,
    Both,
}

/// <summary>A habit target: at least <see cref="Min"/> and/or at most <see cref="Max"/> a day.</summary>
public sealed class PlanTarget
{
    public required string UserId { get; set; }

    public required string ItemKey { get; set; }

    public double? Min { get; set; }

    public double? Max { get; set; }
}

internal sealed class MemberPlanConfiguration : IEntityTypeConfiguration<MemberPlan>
{
    public void Configure(EntityTypeBuilder<MemberPlan> builder)
    {
        builder.ToTable("Plans");
        builder.HasKey(p => p.UserId);
        builder.HasOne(p => p.User).WithOne().HasForeignKey<MemberPlan>(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Targets).WithOne().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => p.ReminderEnabled);
        builder.Property(p => p.ReminderChannel).HasConversion<string>().HasMaxLength(10);
    }
}

internal sealed class PlanTargetConfiguration : IEntityTypeConfiguration<PlanTarget>
{
    public void Configure(EntityTypeBuilder<PlanTarget> builder)
    {
        builder.ToTable("PlanTargets");
        builder.HasKey(t => new { t.UserId, t.ItemKey });
        builder.Property(t => t.ItemKey).HasMaxLength(40);
    }
}
