using GutSkin.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Features.Plan;

/// <summary>A member whose plan has reminders on, with what the reminder job needs to decide and send.</summary>
public sealed record ReminderCandidate(string UserId, TimeOnly Time, ReminderChannel Channel, DateOnly? LastDate, string TimeZone, string Email);

/// <summary>
/// The plan's reminder state as the reminder job and the unsubscribe link use it: who has reminders on, the claim
/// that lets one run (in any process) hold a member's reminder until it expires, the day done, and switching off.
/// </summary>
public sealed class PlanReminders(GutSkinDb db)
{
    /// <summary>Members with reminders on and an address (a confirmed one, when <paramref name="confirmedOnly"/>).</summary>
    public Task<List<ReminderCandidate>> CandidatesAsync(bool confirmedOnly, CancellationToken ct) =>
        db.Plans.AsNoTracking()
            .Where(p => p.ReminderEnabled && p.User!.Email != null && (!confirmedOnly || p.User.EmailConfirmed))
            .Select(p => new ReminderCandidate(p.UserId, p.ReminderTime, p.ReminderChannel, p.LastReminderDate, p.User!.TimeZone, p.User.Email!))
            .ToListAsync(ct);

    /// <summary>Claims the reminder of <paramref name="due"/> until <paramref name="until"/>; false when it was sent or another run holds it.</summary>
    public async Task<bool> ClaimAsync(string userId, DateOnly due, DateTime now, DateTime until, CancellationToken ct) =>
        await db.Plans
            .Where(p => p.UserId == userId && p.ReminderEnabled && (p.LastReminderDate == null || p.LastReminderDate < due)
                && (p.ReminderClaimedUntil == null || p.ReminderClaimedUntil <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.ReminderClaimedUntil, until), ct) > 0;

    /// <summary>Gives a claim back, so the next run tries again.</summary>
    public Task ReleaseAsync(string userId, DateTime until) =>
        db.Plans.Where(p => p.UserId == userId && p.ReminderClaimedUntil == until)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.ReminderClaimedUntil, (DateTime?)null), CancellationToken.None);

    /// <summary>The reminder of <paramref name="due"/> is done, whatever happens to this process next.</summary>
    public Task SentAsync(string userId, DateOnly due) =>
        db.Plans.Where(p => p.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.LastReminderDate, due).SetProperty(p => p.ReminderClaimedUntil, (DateTime?)null), CancellationToken.None);

    public Task TurnOffAsync(string userId, CancellationToken ct) =>
        db.Plans.Where(p => p.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(p => p.ReminderEnabled, false), ct);
}
