using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Plan;

/// <summary>The home page: visitors are offered the self-check and the articles; members see their week's targets next to what was there.</summary>
public sealed class DashboardTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    [Fact]
    public async Task Visitor_SeesTheSelfCheckAndTheArticles()
    {
        var html = await factory.CreateClient().GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Contains("href=\"/self-check\"", html, StringComparison.Ordinal);
        Assert.Contains("Latest articles", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/blog\"", html, StringComparison.Ordinal);
        // The newest articles are listed by title: the starter article is there from the first run.
        Assert.Contains($"href=\"/blog/{GutSkin.Web.Features.Articles.StarterArticle.Slug}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("This week's targets", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MemberWithoutTargets_IsInvitedToSetThem_AndKeepsTodayAndStreak()
    {
        var member = await factory.MemberAsync();

        var html = await (await factory.CookieClientAsync(member.Email)).GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Contains("This week's targets", html, StringComparison.Ordinal);
        Assert.Contains("Set habit targets", html, StringComparison.Ordinal);
        Assert.Contains("Today is not logged yet.", html, StringComparison.Ordinal);
        Assert.Contains("Your journal", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/plan\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adherence_CountsOnlyThisWeekAndOnlyTheMembersOwnDays()
    {
        // Wednesday 17 June 2026: log Sunday (last week), Monday and Wednesday; the other member logs Tuesday.
        if (factory.Time.GetUtcNow() < new DateTimeOffset(2026, 6, 17, 12, 0, 0, TimeSpan.Zero))
        {
            factory.Time.SetUtcNow(new DateTimeOffset(2026, 6, 17, 12, 0, 0, TimeSpan.Zero));
        }

        var member = await factory.MemberAsync();
        var other = await factory.MemberAsync();
        await ReadJsonAsync(await member.Client.PutAsync("/api/plan", Json("""{"items": ["redness"], "targets": {"water": {"min": 2}, "processed_foods": {"max": 1}}}"""), TestContext.Current.CancellationToken));
        await ReadJsonAsync(await other.Client.PutAsync("/api/plan", Json("""{"items": ["redness"], "targets": {"water": {"min": 2}}}"""), TestContext.Current.CancellationToken));
        await ReadJsonAsync(await member.Client.PutDayAsync("2026-06-14", new { values = new { water = 3 } }));
        await ReadJsonAsync(await member.Client.PutDayAsync("2026-06-15", new { values = new { water = 2, processed_foods = 0 } }));
        await ReadJsonAsync(await member.Client.PutDayAsync("2026-06-17", new { values = new { water = 1.5 } }));
        await ReadJsonAsync(await other.Client.PutDayAsync("2026-06-16", new { values = new { water = 4 } }));

        var html = await (await factory.CookieClientAsync(member.Email)).GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Contains("Water: at least 2 L", html, StringComparison.Ordinal);
        Assert.Contains("met on 1 of 2 logged day(s) this week; not logged on 1 of 3 day(s)", html, StringComparison.Ordinal);
        Assert.Contains("Processed foods: at most 1 serving", html, StringComparison.Ordinal);
        Assert.Contains("met on 1 of 1 logged day(s) this week; not logged on 2 of 3 day(s)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Targets_SayPointsAndServingsInThePluralForAnyAmountButOne()
    {
        var member = await factory.MemberAsync();
        await ReadJsonAsync(await member.Client.PutAsync("/api/plan", Json("""{"items": ["redness"], "targets": {"stress": {"max": 5}, "fermented_foods": {"min": 1}, "prebiotic_foods": {"min": 2}, "sleep": {"min": 7, "max": 9}}}"""), TestContext.Current.CancellationToken));

        var html = await (await factory.CookieClientAsync(member.Email)).GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Contains("Stress: at most 5 points</span>", html, StringComparison.Ordinal);
        Assert.Contains(": at least 1 serving</span>", html, StringComparison.Ordinal);
        Assert.Contains("Prebiotic-rich foods: at least 2 servings</span>", html, StringComparison.Ordinal);
        Assert.Contains("Sleep: between 7 and 9 h", html, StringComparison.Ordinal);
        Assert.DoesNotContain("5 point<", html, StringComparison.Ordinal);
    }
}
