using System.Globalization;
using GutSkin.Web.Features.Plan;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;

namespace GutSkin.Web.Features.SelfCheck;

/// <summary>Carries self-check answers through sign-up or log-in in a protected token, and turns them into a plan.</summary>
public sealed class SelfCheckPlans(PlanService plans, IDataProtectionProvider protection)
{
    private IDataProtector Protector => protection.CreateProtector("GutSkin.SelfCheck.Answers.v1");

    /// <summary>Encrypted and signed: answers about one's health stay unreadable in addresses and logs, and cannot be forged.</summary>
    public string Protect(SelfCheckAnswers answers) => Protector.Protect(answers.ToString());

    /// <summary>Null for anything this app did not protect.</summary>
    public SelfCheckAnswers? Unprotect(string? token) =>
        Protector.TryUnprotect(token, maxLength: 4000) is { } text && SelfCheckAnswers.Parse(text) is { IsComplete: true } answers ? answers : null;

    public static PlanDocument ToPlan(SelfCheckResult result, MemberPlan? existing) => new(
        [.. result.TrackItems],
        result.Targets.ToDictionary(t => t.Key, t => (PlanTargetDocument?)new PlanTargetDocument(t.Min, t.Max)),
        new PlanReminderDocument(
            existing?.ReminderEnabled ?? false,
            (existing?.ReminderTime ?? PlanService.DefaultReminderTime).ToString("HH:mm", CultureInfo.InvariantCulture)));

    /// <summary>Creates or replaces the member's plan from the answers; the reminder settings stay as they were.</summary>
    public async Task<MemberPlan?> SaveAsync(string userId, SelfCheckAnswers answers, CancellationToken ct)
    {
        var existing = await plans.FindAsync(userId, ct);
        var (plan, _) = await plans.SaveAsync(userId, ToPlan(SelfCheckScoring.Score(answers), existing), ct);
        return plan;
    }
}
