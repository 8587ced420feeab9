using System.Collections.Concurrent;
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
/// member's journal version, so they are recomputed only after the journal or the items changed. One scan at a time
/// per key: requests that arrive while it runs wait for it instead of starting their own (a member's two devices, an
/// API client's retries), so a journal change costs one scan, not one per request.
/// </summary>
public sealed class InsightsService(IServiceScopeFactory scopes, IMemoryCache cache)
{
    private static readonly MemoryCacheEntryOptions Entry = new() { SlidingExpiration = TimeSpan.FromMinutes(30), Size = 1 };
    private static readonly ConcurrentDictionary<object, Lazy<Task<InsightsResult>>> Running = new();

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

        return await Running.GetOrAdd(key, _ => new Lazy<Task<InsightsResult>>(() => ScanAsync(key, member, from, to, maxLag))).Value.WaitAsync(ct);
    }

    /// <summary>
    /// The scan, in a scope of its own and not cancelled with the request that started it: the requests waiting for it
    /// may outlive that one. Once done (or failed) it is no longer running; its result is in the cache.
    /// </summary>
    private async Task<InsightsResult> ScanAsync(object key, Member member, DateOnly? from, DateOnly? to, int maxLag)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var journal = await scope.ServiceProvider.GetRequiredService<JournalReader>().JournalAsync(member, CancellationToken.None);
            var result = new InsightsResult(journal, InsightsAnalyzer.Analyze(journal, maxLag, from, to));
            cache.Set(key, result, Entry);
            return result;
        }
        finally
        {
            Running.TryRemove(key, out _);
        }
    }
}
