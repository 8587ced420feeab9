using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace GutSkin.Web.Tests.Experiments;

public sealed class ExperimentsApiTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    private static readonly DateOnly Start = new(2025, 6, 1);

    private static object Plan(string? name = "Probiotic", string? intervention = "probiotic_supplement", string? outcome = "redness",
        string? start = "2025-06-01", string? @switch = "2025-12-01", string? end = "2026-05-31", int? onsetDays = 14) =>
        new { name, intervention, outcome, start, @switch, end, onsetDays };

    /// <summary>A member whose redness is 2 points lower on every day from 2025-12-15 (after a 14-day onset), with noise.</summary>
    private Task<TestMember> MemberWhoseSkinImprovedAsync() => factory.SharedAsync("improved", async () =>
    {
        var member = await factory.MemberAsync();
        var random = new Random(3);
        var csv = new System.Text.StringBuilder("date,item,value\n");
        for (var day = Start; day <= new DateOnly(2026, 5, 31); day = day.AddDays(1))
        {
            var after = day >= new DateOnly(2025, 12, 15);
            var redness = Math.Clamp((after ? 3 : 5) + random.Next(-1, 2), 0, 10);
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd},redness,{redness}\n");
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd},probiotic_supplement,{(day >= new DateOnly(2025, 12, 1) && random.NextDouble() < 0.9 ? 1 : 0)}\n");
        }

        Assert.Equal(HttpStatusCode.OK, (await member.Client.PostAsync("/api/journal/import", TestSupport.Csv(csv.ToString()))).StatusCode);
        return member;
    });

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task CreatedExperiment_HasAnId_AndItsResultSaysHelped()
    {
        var member = await MemberWhoseSkinImprovedAsync();
        var created = await ReadAsync(await member.Client.PostAsJsonAsync("/api/experiments", Plan(), cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        Assert.True(id > 0);

        var result = await ReadAsync(await member.Client.GetAsync($"/api/experiments/{id}/result", TestContext.Current.CancellationToken), HttpStatusCode.OK);
        foreach (var field in new[] { "n", "effectiveDays", "effect", "standardError", "ciLow", "ciHigh", "pValue", "baselineDays", "interventionDays", "excludedDays", "adherence", "verdict" })
        {
            Assert.True(result.TryGetProperty(field, out _), $"result lacks {field}");
        }

        Assert.Equal("helped", result.GetProperty("verdict").GetString());
        Assert.InRange(result.GetProperty("effect").GetDouble(), -2.3, -1.7);
        Assert.True(result.GetProperty("ciHigh").GetDouble() < 0);
        Assert.Equal(14, result.GetProperty("excludedDays").GetInt32());
        Assert.Equal(183, result.GetProperty("baselineDays").GetInt32());
        Assert.Equal(182 - 14, result.GetProperty("interventionDays").GetInt32());
        Assert.InRange(result.GetProperty("adherence").GetDouble(), 0.8, 1.0);
        Assert.Contains("placebo", result.GetProperty("reading").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATreatment_CanBeTheIntervention_ASymptomCannot()
    {
        var member = await factory.MemberAsync();
        await ReadAsync(await member.Client.PostAsJsonAsync("/api/items", new { key = "azelaic_acid", label = "Azelaic acid gel", group = "treatment", kind = "yesno" }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.Created);

        await ReadAsync(await member.Client.PostAsJsonAsync("/api/experiments", Plan(name: "Azelaic acid", intervention: "azelaic_acid"), cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.Created);
        await TestSupport.AssertProblemAsync(await member.Client.PostAsJsonAsync("/api/experiments", Plan(intervention: "bloating"), cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "intervention");
        Assert.Contains("<option value=\"azelaic_acid\"", await member.Client.GetStringAsync("/experiments/new?template=custom", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOutcomeLoggedNear1eMinus170_GivesAnHonestResult_NotSE0AndP0()
    {
        // Pure noise on a custom skin item in litres: squaring 1e-170 once underflowed to SE 0 and p 0.
        var member = await factory.MemberAsync();
        await ReadAsync(await member.Client.PostAsJsonAsync("/api/items", new { key = "tiny_rash", label = "Tiny rash", group = "skin", kind = "litres" }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.Created);
        var random = new Random(18);
        var csv = new System.Text.StringBuilder("date,item,value\n");
        for (var day = Start; day < Start.AddDays(120); day = day.AddDays(1))
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd},tiny_rash,{3 + random.Next(0, 5)}e-170\n");
        }

        Assert.Equal(HttpStatusCode.OK, (await member.Client.PostAsync("/api/journal/import", TestSupport.Csv(csv.ToString()), TestContext.Current.CancellationToken)).StatusCode);
        var created = await ReadAsync(await member.Client.PostAsJsonAsync("/api/experiments", Plan(outcome: "tiny_rash", start: "2025-06-01", @switch: "2025-07-31", end: "2025-09-28", onsetDays: 0), cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.Created);

        var result = await ReadAsync(await member.Client.GetAsync($"/api/experiments/{created.GetProperty("id").GetInt32()}/result", TestContext.Current.CancellationToken), HttpStatusCode.OK);

        Assert.Equal(120, result.GetProperty("n").GetInt32());
        Assert.InRange(result.GetProperty("standardError").GetDouble(), 1e-172, 1e-168);
        Assert.True(result.GetProperty("pValue").GetDouble() > 0.001, result.ToString());
        Assert.Equal("noMeaningfulChange", result.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task TooFewDays_IsNotEnoughData_WithTheDaysMissing()
    {
        var member = await factory.MemberAsync();
        var created = await ReadAsync(await member.Client.PostAsJsonAsync("/api/experiments", Plan(start: "2026-06-10", @switch: "2026-06-24", end: "2026-07-31"), cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.Created);
        var result = await ReadAsync(await member.Client.GetAsync($"/api/experiments/{created.GetProperty("id").GetInt32()}/result", TestContext.Current.CancellationToken), HttpStatusCode.OK);
        Assert.Equal("notEnoughData", result.GetProperty("verdict").GetString());
        Assert.Equal(0, result.GetProperty("n").GetInt32());
        Assert.Equal("baseline", created.GetProperty("status").GetProperty("phase").GetString());
    }

    [Theory]
    [InlineData("end", "2025-06-01", "2025-12-01", "2025-05-01", 14, "probiotic_supplement", "redness")]
    [InlineData("onsetDays", "2025-06-01", "2025-12-01", "2025-12-10", 14, "probiotic_supplement", "redness")]
    [InlineData("intervention", "2025-06-01", "2025-12-01", "2026-05-31", 14, "moon_phase", "redness")]
    [InlineData("intervention", "2025-06-01", "2025-12-01", "2026-05-31", 14, "bloating", "redness")]
    [InlineData("outcome", "2025-06-01", "2025-12-01", "2026-05-31", 14, "probiotic_supplement", "sleep")]
    [InlineData("outcome", "2025-06-01", "2025-12-01", "2026-05-31", 14, "probiotic_supplement", "nope")]
    [InlineData("switch", "2025-06-01", "2025-06-01", "2026-05-31", 14, "probiotic_supplement", "redness")]
    [InlineData("start", "2025-02-30", "2025-12-01", "2026-05-31", 14, "probiotic_supplement", "redness")]
    [InlineData("start", "0001-01-01", "2025-12-01", "2026-05-31", 14, "probiotic_supplement", "redness")]
    [InlineData("switch", "2025-06-01", "9999-12-25", "2026-05-31", 14, "probiotic_supplement", "redness")]
    [InlineData("end", "2025-06-01", "2025-12-01", "9999-12-31", 14, "probiotic_supplement", "redness")]
    [InlineData("onsetDays", "2025-06-01", "2025-12-01", "2026-05-31", -1, "probiotic_supplement", "redness")]
    public async Task BadPlan_IsAProblemNamingTheField_AndCreatesNothing(string field, string start, string @switch, string end, int onset, string intervention, string outcome)
    {
        var member = await factory.MemberAsync();
        var response = await member.Client.PostAsJsonAsync("/api/experiments", Plan(intervention: intervention, outcome: outcome, start: start, @switch: @switch, end: end, onsetDays: onset), cancellationToken: TestContext.Current.CancellationToken);
        await TestSupport.AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Empty((await ReadAsync(await member.Client.GetAsync("/api/experiments", TestContext.Current.CancellationToken), HttpStatusCode.OK)).EnumerateArray());
    }

    [Fact]
    public async Task NameWithANulCharacter_IsAProblem_OnCreateAndOnRename()
    {
        var member = await factory.MemberAsync();
        await TestSupport.AssertProblemAsync(await member.Client.PostAsJsonAsync("/api/experiments", Plan(name: "Pro\0biotic"), cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "name");
        var created = await ReadAsync(await member.Client.PostAsJsonAsync("/api/experiments", Plan(start: "2026-06-10", @switch: "2026-06-24", end: "2026-07-31"), cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.Created);
        await TestSupport.AssertProblemAsync(await member.Client.PatchAsJsonAsync($"/api/experiments/{created.GetProperty("id").GetInt32()}", new { name = "a\0b" }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "name");
    }

    [Fact]
    public async Task MalformedBody_IsAProblem()
    {
        var member = await factory.SharedMemberAsync();
        await TestSupport.AssertProblemAsync(await member.Client.PostAsync("/api/experiments", TestSupport.Json("{\"name\": 3"), TestContext.Current.CancellationToken), HttpStatusCode.BadRequest);
        await TestSupport.AssertProblemAsync(await member.Client.PostAsync("/api/experiments", TestSupport.Json("{\"onsetDays\": \"many\"}"), TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "onsetDays");
    }

    [Fact]
    public async Task AlternatingDesign_IsAnalysedWithTheSameModel()
    {
        var member = await MemberWhoseSkinImprovedAsync();
        var created = await ReadAsync(await member.Client.PostAsJsonAsync("/api/experiments",
            new { name = "Blocks", intervention = "probiotic_supplement", outcome = "skin_score", start = "2025-06-01", end = "2025-09-20", onsetDays = 3, design = "alternating", blockDays = 14 }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.Created);
        Assert.Equal("alternating", created.GetProperty("design").GetString());
        var result = await ReadAsync(await member.Client.GetAsync($"/api/experiments/{created.GetProperty("id").GetInt32()}/result", TestContext.Current.CancellationToken), HttpStatusCode.OK);
        // Eight blocks of 14 days; the 3 onset days after each of the 7 switches are left out.
        Assert.Equal(21, result.GetProperty("excludedDays").GetInt32());
        Assert.Equal(112 - 21, result.GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task ChangesAfterTheStart_AreRecordedWithTheirDate()
    {
        var member = await MemberWhoseSkinImprovedAsync();
        var created = await ReadAsync(await member.Client.PostAsJsonAsync("/api/experiments", Plan(), cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        var patched = await ReadAsync(await member.Client.PatchAsJsonAsync($"/api/experiments/{id}", new { end = "2026-05-15" }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.OK);
        var change = Assert.Single(patched.GetProperty("changes").EnumerateArray());
        Assert.Equal("2026-06-15", change.GetProperty("changedOn").GetString());
        Assert.Contains("2026-05-31", change.GetProperty("description").GetString(), StringComparison.Ordinal);
        var result = await ReadAsync(await member.Client.GetAsync($"/api/experiments/{id}/result", TestContext.Current.CancellationToken), HttpStatusCode.OK);
        Assert.Single(result.GetProperty("changes").EnumerateArray());

        await TestSupport.AssertProblemAsync(await member.Client.PatchAsJsonAsync($"/api/experiments/{id}", new { end = "2025-12-05" }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "end");
        await TestSupport.AssertProblemAsync(await member.Client.PatchAsJsonAsync($"/api/experiments/{id}", new { end = "9999-12-31" }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "end");
    }

    [Fact]
    public async Task AnotherMember_CannotSeeChangeOrDeleteTheExperiment()
    {
        var owner = await MemberWhoseSkinImprovedAsync();
        var created = await ReadAsync(await owner.Client.PostAsJsonAsync("/api/experiments", Plan(name: "Mine"), cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        var other = await factory.MemberAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/api/experiments/{id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/api/experiments/{id}/result", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.PatchAsJsonAsync($"/api/experiments/{id}", new { name = "Theirs" }, cancellationToken: TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.DeleteAsync($"/api/experiments/{id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Empty((await ReadAsync(await other.Client.GetAsync("/api/experiments", TestContext.Current.CancellationToken), HttpStatusCode.OK)).EnumerateArray());

        var still = await ReadAsync(await owner.Client.GetAsync($"/api/experiments/{id}", TestContext.Current.CancellationToken), HttpStatusCode.OK);
        Assert.Equal("Mine", still.GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync($"/api/experiments/{id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.GetAsync($"/api/experiments/{id}", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task StatusAndResult_CountAdherenceByTheSameRule_WhileItRuns()
    {
        // Cutting sugar to at most one serving a day, switched on 2026-05-22 and running until 2026-07-19; today is 2026-06-15.
        var member = await factory.MemberAsync();
        var csv = new System.Text.StringBuilder("date,item,value\n");
        var switchDay = new DateOnly(2026, 5, 22);
        for (var day = new DateOnly(2026, 5, 1); day <= new DateOnly(2026, 6, 15); day = day.AddDays(1))
        {
            var k = day.DayNumber - switchDay.DayNumber;
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd},redness,{(k < 0 ? 5 : 3) + (k & 1)}\n");
            // From the switch: 3 servings on every fifth day, nothing logged the day after, otherwise 0 or 1 (the target met).
            var servings = k < 0 ? (int?)2 : (k % 5) switch { 0 => 3, 1 => null, _ => k & 1 };
            if (servings is { } s)
            {
                csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd},sugary_foods,{s}\n");
            }
        }

        Assert.Equal(HttpStatusCode.OK, (await member.Client.PostAsync("/api/journal/import", TestSupport.Csv(csv.ToString()), TestContext.Current.CancellationToken)).StatusCode);
        var created = await ReadAsync(await member.Client.PostAsJsonAsync("/api/experiments", new
        {
            name = "Less sugar", intervention = "sugary_foods", outcome = "redness", start = "2026-05-01", @switch = "2026-05-22", end = "2026-07-19",
            onsetDays = 3, target = 1, targetIsMaximum = true,
        }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();

        var status = (await ReadAsync(await member.Client.GetAsync($"/api/experiments/{id}", TestContext.Current.CancellationToken), HttpStatusCode.OK)).GetProperty("status");
        var result = await ReadAsync(await member.Client.GetAsync($"/api/experiments/{id}/result", TestContext.Current.CancellationToken), HttpStatusCode.OK);

        // The 25 intervention days up to today, the 3 onset days among them; 15 met the target (a day with nothing logged did not).
        Assert.Equal("intervention", status.GetProperty("phase").GetString());
        Assert.Equal(15 / 25.0, status.GetProperty("adherenceSoFar").GetDouble(), 12);
        Assert.Equal(15 / 25.0, result.GetProperty("adherence").GetDouble(), 12);
    }

    [Fact]
    public async Task Anonymous_Gets401()
    {
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/experiments", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/experiments", Plan(), cancellationToken: TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/experiments/1/result", TestContext.Current.CancellationToken)).StatusCode);
    }
}
