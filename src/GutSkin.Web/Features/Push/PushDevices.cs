using GutSkin.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Features.Push;

public enum DeviceSaved
{
    Created,
    Updated,

    /// <summary>The endpoint is another member's device: nothing changed.</summary>
    TakenByAnotherMember,
}

/// <summary>A member's devices with push on: stored by endpoint, one owner each, at most <see cref="MaxPerMember"/> a member.</summary>
public sealed class PushDevices(GutSkinDb db, TimeProvider time)
{
    /// <summary>More devices than anyone has: beyond it the oldest goes (a reinstalled browser leaves its old subscription behind).</summary>
    public const int MaxPerMember = 20;

    public Task<List<MemberPushSubscription>> OfMemberAsync(string userId, CancellationToken ct) =>
        db.PushSubscriptions.AsNoTracking().Where(s => s.UserId == userId).OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).ToListAsync(ct);

    /// <summary>Stores the subscription for the member; the same endpoint again only updates its keys (idempotent).</summary>
    public async Task<(DeviceSaved Outcome, MemberPushSubscription? Device)> SaveAsync(string userId, CheckedSubscription subscription, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        try
        {
            return await SaveOnceAsync(userId, subscription, ct);
        }
        catch (DbUpdateException)
        {
            // The same endpoint stored at the same moment by another request: now it exists, so this is an update (or not ours).
            db.ChangeTracker.Clear();
            return await SaveOnceAsync(userId, subscription, ct);
        }
    }

    /// <summary>Removes the member's subscription with this endpoint; false when the member has none with it.</summary>
    public async Task<bool> RemoveAsync(string userId, string endpoint, CancellationToken ct) =>
        await db.PushSubscriptions.Where(s => s.UserId == userId && s.Endpoint == endpoint).ExecuteDeleteAsync(ct) > 0;

    /// <summary>Removes a subscription the push service no longer knows (it answered 404 or 410).</summary>
    public Task<int> ForgetAsync(long id, CancellationToken ct) =>
        db.PushSubscriptions.Where(s => s.Id == id).ExecuteDeleteAsync(ct);

    private async Task<(DeviceSaved, MemberPushSubscription?)> SaveOnceAsync(string userId, CheckedSubscription subscription, CancellationToken ct)
    {
        if (await db.PushSubscriptions.FirstOrDefaultAsync(s => s.Endpoint == subscription.Endpoint, ct) is { } existing)
        {
            if (existing.UserId != userId)
            {
                return (DeviceSaved.TakenByAnotherMember, null);
            }

            existing.P256dh = subscription.P256dh;
            existing.Auth = subscription.Auth;
            await db.SaveChangesAsync(ct);
            return (DeviceSaved.Updated, existing);
        }

        var device = new MemberPushSubscription
        {
            UserId = userId,
            Endpoint = subscription.Endpoint,
            P256dh = subscription.P256dh,
            Auth = subscription.Auth,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.PushSubscriptions.Add(device);
        await db.SaveChangesAsync(ct);
        var beyond = await db.PushSubscriptions.Where(s => s.UserId == userId).OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
            .Skip(MaxPerMember).Select(s => s.Id).ToListAsync(ct);
        if (beyond.Count > 0)
        {
            await db.PushSubscriptions.Where(s => beyond.Contains(s.Id)).ExecuteDeleteAsync(ct);
        }

        return (DeviceSaved.Created, device);
    }
}
