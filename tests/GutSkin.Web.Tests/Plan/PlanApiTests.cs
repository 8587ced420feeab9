using System.Net;
using System.Net.Http.Json;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Plan;

public sealed class PlanApiTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    private const string ExamplePlan = """
        {"items": ["redness", "bloating", "water", "sugary_foods"],
         "targets": {"water": {"min": 2}, "sugary_foods": {"max": 1}},
         "reminder": {"enabled": true, "localTime": "20:30"}}
        """;

    [Fact]
    public async Task GetPlan_NewMember_IsNotFound()
    {
        var member = await factory.MemberAsync();

        var response = await member.Client.GetAsync("/api/plan", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task PutPlan_TheIssueExample_IsStoredAndReadBackInTheSameShape()
    {
        var member = await factory.MemberAsync();

        var put = await ReadJsonAsync(await member.Client.PutAsync("/api/plan", Json(ExamplePlan), TestContext.Current.CancellationToken));
        var got = await ReadJsonAsync(await member.Client.GetAsync("/api/plan", TestContext.Current.CancellationToken));

        Assert.Equal(put.ToString(), got.ToString());
        Assert.Equal(["redness", "bloating", "water", "sugary_foods"], got.GetProperty("items").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(2, got.GetProperty("targets").GetProperty("water").GetProperty("min").GetDouble());
        Assert.False(got.GetProperty("targets").GetProperty("water").TryGetProperty("max", out _));
        Assert.Equal(1, got.GetProperty("targets").GetProperty("sugary_foods").GetProperty("max").GetDouble());
        Assert.True(got.GetProperty("reminder").GetProperty("enabled").GetBoolean());
        Assert.Equal("20:30", got.GetProperty("reminder").GetProperty("localTime").GetString());
    }

    [Fact]
    public async Task ReminderChannel_IsEmailUnlessChosen_RoundTrips_AndAnUnknownOneIs400NamingIt()
    {
        var member = await factory.MemberAsync();

        var unchosen = await ReadJsonAsync(await member.Client.PutAsync("/api/plan", Json(ExamplePlan), TestContext.Current.CancellationToken));
        var both = await ReadJsonAsync(await member.Client.PutAsync("/api/plan", Json("""{"items": ["redness"], "reminder": {"enabled": true, "localTime": "08:00", "channel": "both"}}"""), TestContext.Current.CancellationToken));
        var bad = await member.Client.PutAsync("/api/plan", Json("""{"items": ["redness"], "reminder": {"enabled": true, "localTime": "08:00", "channel": "pigeon"}}"""), TestContext.Current.CancellationToken);

        Assert.Equal("email", unchosen.GetProperty("reminder").GetProperty("channel").GetString());
        Assert.Equal("both", both.GetProperty("reminder").GetProperty("channel").GetString());
        await AssertProblemAsync(bad, HttpStatusCode.BadRequest, "reminder.channel");
        Assert.Equal("both", (await ReadJsonAsync(await member.Client.GetAsync("/api/plan", TestContext.Current.CancellationToken))).GetProperty("reminder").GetProperty("channel").GetString());
    }

    [Fact]
    public async Task PutPlan_Again_ReplacesItemsAndTargets()
    {
        var member = await factory.MemberAsync();
        await ReadJsonAsync(await member.Client.PutAsync("/api/plan", Json(ExamplePlan), TestContext.Current.CancellationToken));

        var got = await ReadJsonAsync(await member.Client.PutAsync("/api/plan", Json("""{"items": ["breakouts"], "targets": {"fermented_foods": {"min": 1, "max": 3}}}"""), TestContext.Current.CancellationToken));

        Assert.Equal(["breakouts", "fermented_foods"], got.GetProperty("items").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(["fermented_foods"], got.GetProperty("targets").EnumerateObject().Select(p => p.Name));
        Assert.False(got.GetProperty("reminder").GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task PutPlan_CustomItem_IsAccepted()
    {
        var member = await factory.MemberAsync();
        var created = await member.Client.PostAsJsonAsync("/api/items", new { key = "dairy", label = "Dairy", group = "habit", kind = "servings" }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var got = await ReadJsonAsync(await member.Client.PutAsync("/api/plan", Json("""{"items": ["redness", "dairy"], "targets": {"dairy": {"max": 0}}}"""), TestContext.Current.CancellationToken));

        Assert.Equal(0, got.GetProperty("targets").GetProperty("dairy").GetProperty("max").GetDouble());
    }

    [Theory]
    [InlineData("""{"items": ["redness", "no_such_item"]}""", "items[1]")]
    [InlineData("""{"items": [null]}""", "items[0]")]
    [InlineData("""{"targets": {"water": {"min": 2}}}""", "items")]
    [InlineData("""{"items": []}""", "items")]
    [InlineData("""{"items": ["water"], "targets": {"water": {"min": 3, "max": 2}}}""", "targets.water.min")]
    [InlineData("""{"items": ["water"], "targets": {"water": {"min": 11}}}""", "targets.water.min")]
    [InlineData("""{"items": ["water"], "targets": {"sugary_foods": {"max": -1}}}""", "targets.sugary_foods.max")]
    [InlineData("""{"items": ["water"], "targets": {"water": {}}}""", "targets.water")]
    [InlineData("""{"items": ["water"], "targets": {"water": null}}""", "targets.water")]
    [InlineData("""{"items": ["water"], "targets": {"redness": {"max": 2}}}""", "targets.redness")]
    [InlineData("""{"items": ["water"], "targets": {"unknown": {"max": 2}}}""", "targets.unknown")]
    [InlineData("""{"items": ["water"], "targets": {"water": {"min": 0}}}""", "targets.water")]
    [InlineData("""{"items": ["water"], "reminder": {"enabled": true}}""", "reminder.localTime")]
    [InlineData("""{"items": ["water"], "reminder": {"enabled": true, "localTime": "24:00"}}""", "reminder.localTime")]
    [InlineData("""{"items": ["water"], "reminder": {"enabled": true, "localTime": "8:30"}}""", "reminder.localTime")]
    [InlineData("""{"items": ["water"], "reminder": {"enabled": true, "localTime": "20:30:00"}}""", "reminder.localTime")]
    public async Task PutPlan_BadField_Is400NamingItAndChangesNothing(string body, string field)
    {
        var member = await factory.SharedMemberAsync();
        await ReadJsonAsync(await member.Client.PutAsync("/api/plan", Json(ExamplePlan), TestContext.Current.CancellationToken));
        var before = await ReadJsonAsync(await member.Client.GetAsync("/api/plan", TestContext.Current.CancellationToken));

        await AssertProblemAsync(await member.Client.PutAsync("/api/plan", Json(body), TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, field);

        Assert.Equal(before.ToString(), (await ReadJsonAsync(await member.Client.GetAsync("/api/plan", TestContext.Current.CancellationToken))).ToString());
    }

    [Theory]
    [InlineData("""{"items": ["water"], "targets": {"water": {"min": "2"}}}""")]
    [InlineData("""{"items": "water"}""")]
    [InlineData("""{"items": ["water"], "reminder": {"enabled": "yes"}}""")]
    [InlineData("""[]""")]
    [InlineData("""not json""")]
    public async Task PutPlan_WrongJsonTypes_IsA400ProblemNotA500(string body)
    {
        var member = await factory.SharedMemberAsync();

        var response = await member.Client.PutAsync("/api/plan", Json(body), TestContext.Current.CancellationToken);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task PutPlan_ArchivedItem_Is400()
    {
        var member = await factory.MemberAsync();
        await member.Client.PostAsJsonAsync("/api/items", new { key = "alcohol", label = "Alcohol", group = "habit", kind = "servings" }, cancellationToken: TestContext.Current.CancellationToken);
        var archived = await member.Client.PatchAsJsonAsync("/api/items/alcohol", new { archived = true }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(archived.IsSuccessStatusCode, await archived.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        await AssertProblemAsync(await member.Client.PutAsync("/api/plan", Json("""{"items": ["alcohol"]}"""), TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "items[0]");
    }

    [Fact]
    public async Task MemberCannotReadOrChangeAnotherMembersPlan()
    {
        var first = await factory.MemberAsync();
        var second = await factory.MemberAsync();
        await ReadJsonAsync(await first.Client.PutAsync("/api/plan", Json(ExamplePlan), TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.NotFound, (await second.Client.GetAsync("/api/plan", TestContext.Current.CancellationToken)).StatusCode);
        await ReadJsonAsync(await second.Client.PutAsync("/api/plan", Json("""{"items": ["itch"]}"""), TestContext.Current.CancellationToken));
        // The second member's custom item is not an item of the first.
        await second.Client.PostAsJsonAsync("/api/items", new { key = "gluten", label = "Gluten", group = "habit", kind = "servings" }, cancellationToken: TestContext.Current.CancellationToken);
        await AssertProblemAsync(await first.Client.PutAsync("/api/plan", Json("""{"items": ["gluten"]}"""), TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "items[0]");

        var firstPlan = await ReadJsonAsync(await first.Client.GetAsync("/api/plan", TestContext.Current.CancellationToken));
        Assert.Equal(["redness", "bloating", "water", "sugary_foods"], firstPlan.GetProperty("items").EnumerateArray().Select(i => i.GetString()));
        var secondPlan = await ReadJsonAsync(await second.Client.GetAsync("/api/plan", TestContext.Current.CancellationToken));
        Assert.Equal(["itch"], secondPlan.GetProperty("items").EnumerateArray().Select(i => i.GetString()));
    }

    [Fact]
    public async Task PutPlan_SeveralFirstSavesAtOnce_AllSucceedAndOnePlanRemains()
    {
        var member = await factory.MemberAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            member.Client.PutAsync("/api/plan", Json("""{"items": ["redness"], "targets": {"water": {"min": """ + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "}}}"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var plan = await ReadJsonAsync(await member.Client.GetAsync("/api/plan", TestContext.Current.CancellationToken));
        Assert.InRange(plan.GetProperty("targets").GetProperty("water").GetProperty("min").GetDouble(), 1, 6);
        Assert.Equal(1, factory.WithDb(db => db.Plans.Count(p => p.UserId == member.Id)));
    }

    [Fact]
    public async Task AnonymousCannotReadOrWriteAPlan()
    {
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/plan", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PutAsync("/api/plan", Json(ExamplePlan), TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task TodayPage_WithAPlan_ShowsOnlyItsItemsAndKeepsOtherValuesOfThatDay()
    {
        var member = await factory.MemberAsync();
        var cookie = await factory.CookieClientAsync(member.Email);
        var today = GutSkinFactory.Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await ReadJsonAsync(await member.Client.PutDayAsync(today, new { values = new Dictionary<string, double> { ["itch"] = 4 } }));

        var before = await cookie.GetStringAsync("/today", TestContext.Current.CancellationToken);
        Assert.Contains("id=\"item-psoriasis\"", before, StringComparison.Ordinal);
        Assert.DoesNotContain("Items from your plan", before, StringComparison.Ordinal);

        await ReadJsonAsync(await member.Client.PutAsync("/api/plan", Json(ExamplePlan), TestContext.Current.CancellationToken));
        var after = await cookie.GetStringAsync("/today", TestContext.Current.CancellationToken);

        foreach (var key in new[] { "redness", "bloating", "water", "sugary_foods", "itch" })
        {
            Assert.Contains($"id=\"item-{key}\"", after, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("id=\"item-psoriasis\"", after, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"item-sleep\"", after, StringComparison.Ordinal);
        Assert.Contains("Items from your plan", after, StringComparison.Ordinal);
        var yesterday = await cookie.GetStringAsync("/today/" + GutSkinFactory.Start.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), TestContext.Current.CancellationToken);
        Assert.DoesNotContain("id=\"item-itch\"", yesterday, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adherence_CountsThisWeeksLoggedDaysThatMetEachTarget()
    {
        // Start is Monday 15 June 2026; the week so far is that Monday alone, so log it and check the dashboard's table.
        var member = await factory.MemberAsync();
        await ReadJsonAsync(await member.Client.PutAsync("/api/plan", Json(ExamplePlan), TestContext.Current.CancellationToken));
        await ReadJsonAsync(await member.Client.PutDayAsync("2026-06-15", new { values = new Dictionary<string, double> { ["water"] = 2.5, ["sugary_foods"] = 3 } }));
        await ReadJsonAsync(await member.Client.PutDayAsync("2026-06-14", new { values = new Dictionary<string, double> { ["water"] = 3 } }));
        var cookie = await factory.CookieClientAsync(member.Email);

        var html = await cookie.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Contains("Water: at least 2 L", html, StringComparison.Ordinal);
        Assert.Contains("met on 1 of 1 logged day", html, StringComparison.Ordinal);
        Assert.Contains("Sugary foods and drinks: at most 1 serving", html, StringComparison.Ordinal);
        Assert.Contains("met on 0 of 1 logged day", html, StringComparison.Ordinal);
    }
}
