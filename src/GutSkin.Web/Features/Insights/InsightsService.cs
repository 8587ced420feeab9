using GutSkin.Analysis;
using GutSkin.Web.Features.Journal;
using GutSkin.Web.Infrastructure;
using Microsoft.Extensions.Caching.Memory;

namespace GutSkin.Web.Features.Insights;

/// <summary>A member's journal as the analysis core sees it, and the report computed from it.</summary>
public sealed record InsightsResult(JournalData Journal, InsightsReport Report)
{
    /// <summary>An item's label for the pages, or its key when the journal does not know it.</summary>
    public string Label(string key) => Journal.Contains(key) ? Journal.GetItem(key).Label : key;
}

/// <summary>
/// Runs the insights scan for a member. Results are cached per member, window and lag, keyed by the
/// member's journal version, so they are recomputed only after the journal or the items changed.
/// </summary>
public sealed class InsightsService(JournalReader reader, IMemoryCache cache)
{
    private static readonly MemoryCacheEntryOptions Entry = new() { SlidingExpiration = TimeSpan.FromMinutes(30), Size = 1 };

    /// <summary>The pages' analysis: the whole journal, up to the lag a link asked for (the default for any other value).</summary>
    public Task<InsightsResult> AnalyzeForPageAsync(Member member, string? maxLag, DateOnly today, CancellationToken ct) =>
        AnalyzeAsync(member, null, null, Window.Parse(null, null, maxLag, today).Window?.MaxLag ?? InsightsAnalyzer.DefaultMaxLag, ct);

    public async Task<InsightsResult> AnalyzeAsync(Member member, DateOnly? from, DateOnly? to, int maxLag, CancellationToken ct)
    {
        var key = (nameof(InsightsService), member.Id, member.JournalVersion, from, to, maxLag);
        if (cache.TryGetValue(key, out InsightsResult? cached) && cached is not null)
        {
            return cached;
        }

        var journal = await reader.JournalAsync(member, ct);
        var result = new InsightsResult(journal, InsightsAnalyzer.Analyze(journal, maxLag, from, to));
        cache.Set(key, result, Entry);
        return result;
    }
}
