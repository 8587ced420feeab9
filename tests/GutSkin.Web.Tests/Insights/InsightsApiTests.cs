using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GutSkin.Interchange;

namespace GutSkin.Web.Tests.Insights;

public sealed class InsightsApiTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    private static readonly DateOnly Start = new(2025, 6, 1);

    private Task<TestMember> PlantedMemberAsync() => factory.SharedAsync("planted", async () =>
    {
        var member = await factory.MemberAsync();
        var import = await member.Client.PostAsync("/api/journal/import", TestSupport.Csv(PlantedJournal.Csv(Start, 365)));
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        return member;
    });

    private static async Task<JsonElement> InsightsAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync($"/api/insights{query}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static JsonElement Find(JsonElement list, string factor, string outcome, int lag) =>
        list.EnumerateArray().Single(a => a.GetProperty("factor").GetString() == factor && a.GetProperty("outcome").GetString() == outcome && a.GetProperty("lagDays").GetInt32() == lag);

    [Fact]
    public async Task ImportedJournal_FindsThePlantedLinks_WithTheDocumentShapeOfTheProduct()
    {
        var member = await PlantedMemberAsync();
        var doc = await InsightsAsync(member.Client);

        Assert.Equal(3, doc.GetProperty("maxLag").GetInt32());
        var sugar = Find(doc.GetProperty("associations"), "sugary_foods", "breakouts", 2);
        foreach (var field in new[] { "n", "effectiveDays", "effect", "standardError", "ciLow", "ciHigh", "pValue", "qValue" })
        {
            Assert.True(sugar.TryGetProperty(field, out _), $"association lacks {field}");
        }

        Assert.Equal(363, sugar.GetProperty("n").GetInt32());
        Assert.InRange(sugar.GetProperty("effect").GetDouble(), 0.75, 1.05);
        Assert.True(sugar.GetProperty("ciLow").GetDouble() > 0);
        Assert.True(sugar.GetProperty("qValue").GetDouble() <= 0.10);

        var findings = doc.GetProperty("findings").EnumerateArray().ToList();
        var sugarFinding = Assert.Single(findings, f => f.GetProperty("factor").GetString() == "sugary_foods" && f.GetProperty("outcome").GetString() == "breakouts");
        Assert.Equal(2, sugarFinding.GetProperty("lagDays").GetInt32());
        Assert.StartsWith("Two days after more sugary foods", sugarFinding.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("not proof", sugarFinding.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("For each extra serving of sugary foods and drinks two days before, your breakouts were about ", sugarFinding.GetProperty("plain").GetString(), StringComparison.Ordinal);
        var q = sugarFinding.GetProperty("qValue").GetDouble();
        Assert.Equal(q <= 0.01 ? "clear" : q <= 0.05 ? "fairlyClear" : "tentative", sugarFinding.GetProperty("strength").GetString());
        Assert.Contains(findings, f => f.GetProperty("factor").GetString() == "bloating" && f.GetProperty("outcome").GetString() == "redness" && f.GetProperty("lagDays").GetInt32() == 0);

        // Same-day sugar was not planted: it must not be a finding.
        Assert.DoesNotContain(findings, f => f.GetProperty("factor").GetString() == "sugary_foods" && f.GetProperty("lagDays").GetInt32() == 0 && f.GetProperty("outcome").GetString() == "breakouts");
    }

    [Fact]
    public async Task ApiAgreesWithTheAnalyzeCommandOnTheSameCsv()
    {
        var member = await PlantedMemberAsync();
        var api = await InsightsAsync(member.Client, "?maxLag=5");
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, PlantedJournal.Csv(Start, 365), TestContext.Current.CancellationToken);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        try
        {
            Assert.Equal(0, AnalyzeCommand.Run([file, "--max-lag", "5"], stdout, stderr));
        }
        finally
        {
            File.Delete(file);
        }

        var offline = JsonDocument.Parse(stdout.ToString()).RootElement;
        Assert.Equal(api.GetProperty("associations").GetArrayLength(), offline.GetProperty("associations").GetArrayLength());
        Assert.Equal(api.GetProperty("associations").ToString(), offline.GetProperty("associations").ToString());
        Assert.Equal(api.GetProperty("findings").ToString(), offline.GetProperty("findings").ToString());
    }

    [Fact]
    public async Task ChangingTheJournal_RecomputesTheCachedResult()
    {
        var member = await factory.MemberAsync();
        Assert.Equal(HttpStatusCode.OK, (await member.Client.PostAsync("/api/journal/import", TestSupport.Csv(PlantedJournal.Csv(Start, 60)), TestContext.Current.CancellationToken)).StatusCode);
        var before = Find((await InsightsAsync(member.Client)).GetProperty("associations"), "bloating", "redness", 0).GetProperty("n").GetInt32();

        var put = await member.Client.PutAsJsonAsync("/api/journal/2025-07-31", new { values = new Dictionary<string, double> { ["bloating"] = 4, ["redness"] = 5 } }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var after = Find((await InsightsAsync(member.Client)).GetProperty("associations"), "bloating", "redness", 0).GetProperty("n").GetInt32();
        Assert.Equal(before + 1, after);

        Assert.Equal(HttpStatusCode.NoContent, (await member.Client.DeleteAsync("/api/journal/2025-07-31", TestContext.Current.CancellationToken)).StatusCode);
        var deleted = Find((await InsightsAsync(member.Client)).GetProperty("associations"), "bloating", "redness", 0).GetProperty("n").GetInt32();
        Assert.Equal(before, deleted);
    }

    [Fact]
    public async Task LittleData_IsReportedAsNotTested_WithWhatIsMissing()
    {
        var member = await factory.MemberAsync();
        Assert.Equal(HttpStatusCode.OK, (await member.Client.PostAsync("/api/journal/import", TestSupport.Csv(PlantedJournal.Csv(Start, 13)), TestContext.Current.CancellationToken)).StatusCode);
        var doc = await InsightsAsync(member.Client);

        Assert.Empty(doc.GetProperty("associations").EnumerateArray());
        Assert.Empty(doc.GetProperty("findings").EnumerateArray());
        var pair = Find(doc.GetProperty("notTested"), "sugary_foods", "breakouts", 0);
        Assert.Equal(13, pair.GetProperty("n").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(pair.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task AnotherMember_SeesNoneOfTheFirstMembersInsights()
    {
        await PlantedMemberAsync();
        var other = await factory.MemberAsync();
        var doc = await InsightsAsync(other.Client);
        Assert.Empty(doc.GetProperty("associations").EnumerateArray());
        Assert.Empty(doc.GetProperty("notTested").EnumerateArray());
        Assert.Empty(doc.GetProperty("findings").EnumerateArray());
    }

    [Theory]
    [InlineData("?maxLag=15", "maxLag")]
    [InlineData("?maxLag=-1", "maxLag")]
    [InlineData("?maxLag=three", "maxLag")]
    [InlineData("?from=2026-02-30", "from")]
    [InlineData("?from=2026-03-01&to=2026-02-01", "to")]
    [InlineData("?from=0001-01-01", "from")]
    [InlineData("?to=9999-12-31", "to")]
    public async Task BadQuery_IsAProblemNamingTheParameter(string query, string field)
    {
        var member = await factory.SharedMemberAsync();
        await TestSupport.AssertProblemAsync(await member.Client.GetAsync($"/api/insights{query}", TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task MaxLag14_IsAllowed_AndTestsEveryLag()
    {
        var member = await PlantedMemberAsync();
        var doc = await InsightsAsync(member.Client, "?maxLag=14");
        Assert.Equal(14, doc.GetProperty("maxLag").GetInt32());
        Assert.Equal(15, doc.GetProperty("associations").EnumerateArray().Where(a => a.GetProperty("factor").GetString() == "sugary_foods" && a.GetProperty("outcome").GetString() == "breakouts").Count());
    }

    /// <summary>
    /// Custom items in litres take any decimal within their range, so 1e-170 and subnormal 1e-315 can be logged
    /// (range ends stop at 100000, so values near 1e160 cannot: the analyze command's and the core's tests cover
    /// those). Once the squares underflowed, p came out NaN, and the answer was a 200 cut off after ~33 kB.
    /// </summary>
    [Fact]
    public async Task TinyAndSubnormalCustomValues_Answer200WithTheWholeDocument()
    {
        var member = await factory.MemberAsync();
        foreach (var (key, group) in new[] { ("tiny_dose", "habit"), ("trace", "habit"), ("tiny_rash", "skin") })
        {
            await TestSupport.ReadJsonAsync(await member.Client.PostAsJsonAsync("/api/items", new { key, label = key.Replace('_', ' '), group, kind = "litres" }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.Created);
        }

        var csv = new System.Text.StringBuilder("date,item,value\n");
        for (var i = 0; i < 60; i++)
        {
            var day = Start.AddDays(i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var dose = 1 + ((i * 7) % 5);
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{day},tiny_dose,{dose}e-170\n{day},trace,{1 + (i % 4)}e-315\n");
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{day},tiny_rash,{dose + (i % 3)}e-170\n{day},redness,{(dose + (i % 3)) % 11}\n");
        }

        Assert.Equal(HttpStatusCode.OK, (await member.Client.PostAsync("/api/journal/import", TestSupport.Csv(csv.ToString()), TestContext.Current.CancellationToken)).StatusCode);

        var doc = await InsightsAsync(member.Client);
        var rash = Find(doc.GetProperty("associations"), "tiny_dose", "tiny_rash", 0);
        Assert.InRange(rash.GetProperty("effect").GetDouble(), 0.5, 1.5);
        Assert.True(rash.GetProperty("pValue").GetDouble() < 0.001);
        var redness = Find(doc.GetProperty("associations"), "tiny_dose", "redness", 0);
        Assert.InRange(Math.Abs(redness.GetProperty("effect").GetDouble()), 1e168, 1e172);
        Assert.True(redness.GetProperty("standardError").GetDouble() > 0);
        Assert.Equal("outOfRange", Find(doc.GetProperty("notTested"), "trace", "redness", 0).GetProperty("kind").GetString());
        Assert.Equal(HttpStatusCode.OK, (await member.Client.GetAsync("/insights", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Anonymous_Gets401()
    {
        var response = await factory.CreateClient().GetAsync("/api/insights", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
