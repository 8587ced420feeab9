using GutSkin.Analysis;
using GutSkin.Web.Data;
using GutSkin.Web.Features.Items;
using GutSkin.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using AnalysisValue = GutSkin.Analysis.JournalValue;

namespace GutSkin.Web.Features.Insights;

/// <summary>A member's journal as the analysis core sees it, and the report computed from it.</summary>
public sealed record InsightsResult(JournalData Journal, InsightsReport Report);

/// <summary>
/// Runs the insights scan for a member. Results are cached per member, window and lag, keyed by the
/// member's journal version, so they are recomputed only after the journal or the items changed.
/// </summary>
public sealed class InsightsService(GutSkinDb db, ItemService items, IMemoryCache cache)
{
    private static readonly MemoryCacheEntryOptions Entry = new() { SlidingExpiration = TimeSpan.FromMinutes(30), Size = 1 };

    public async Task<InsightsResult> AnalyzeAsync(Member member, DateOnly? from, DateOnly? to, int maxLag, CancellationToken ct)
    {
        var key = (nameof(InsightsService), member.Id, member.JournalVersion, from, to, maxLag);
        if (cache.TryGetValue(key, out InsightsResult? cached) && cached is not null)
        {
            return cached;
        }

        var journal = await JournalAsync(member, ct);
        var result = new InsightsResult(journal, InsightsAnalyzer.Analyze(journal, maxLag, from, to));
        cache.Set(key, result, Entry);
        return result;
    }

    /// <summary>The member's journal as plain series, cached like the reports (experiments and charts share it).</summary>
    public async Task<JournalData> JournalAsync(Member member, CancellationToken ct)
    {
        var key = (nameof(JournalData), member.Id, member.JournalVersion);
        if (cache.TryGetValue(key, out JournalData? cached) && cached is not null)
        {
            return cached;
        }

        var journal = await LoadAsync(member.Id, ct);
        cache.Set(key, journal, Entry);
        return journal;
    }

    private async Task<JournalData> LoadAsync(string userId, CancellationToken ct)
    {
        var all = await items.AllAsync(userId, ct);
        var keyById = all.ToDictionary(i => i.Id, i => i.Key);
        var rows = await db.JournalValues.AsNoTracking()
            .Where(v => v.Day!.UserId == userId)
            .Select(v => new { v.Day!.Date, v.ItemId, v.Value })
            .ToListAsync(ct);
        return new JournalData([.. all.Select(ToSeries)], rows.Select(r => new AnalysisValue(r.Date, keyById[r.ItemId], r.Value)));
    }

    public static SeriesItem ToSeries(TrackedItem item) => new(item.Key, item.Label, item.Group, item.Kind == ItemKind.YesNo, item.Unit);
}
