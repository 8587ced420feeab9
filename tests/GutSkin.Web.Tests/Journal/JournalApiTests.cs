using System.Net;
using System.Text.Json;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Journal;

/// <summary>PUT, GET and DELETE of journal days, and every bad input of a day; the clock stays at 2026-06-15T12:00Z (UTC member: today is 2026-06-15).</summary>
public sealed class JournalApiTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    [Fact]
    public async Task PutDay_ValidDay_IsStoredAndReadBackWithScores()
    {
        var member = await factory.MemberAsync();
        var body = new
        {
            values = new Dictionary<string, double>
            {
                ["redness"] = 4,
                ["breakouts"] = 2,
                ["bloating"] = 3,
                ["constipation"] = 1,
                ["stool_form"] = 4,
                ["probiotic_supplement"] = 1,
                ["water"] = 1.5,
                ["sleep"] = 7.25,
            },
            note = "Tried kefir for the first time.",
        };

        var put = await ReadJsonAsync(await member.Client.PutDayAsync("2026-06-14", body));
        var get = await ReadJsonAsync(await member.Client.GetAsync("/api/journal/2026-06-14", TestContext.Current.CancellationToken));

        foreach (var day in new[] { put, get })
        {
            Assert.Equal("2026-06-14", day.GetProperty("date").GetString());
            Assert.Equal("Tried kefir for the first time.", day.GetProperty("note").GetString());
            var values = day.GetProperty("values");
            Assert.Equal(8, values.EnumerateObject().Count());
            Assert.Equal(4, values.GetProperty("redness").GetDouble());
            Assert.Equal(1, values.GetProperty("probiotic_supplement").GetDouble());
            Assert.Equal(1.5, values.GetProperty("water").GetDouble());
            Assert.Equal(7.25, values.GetProperty("sleep").GetDouble());
            Assert.Equal(3, day.GetProperty("skinScore").GetDouble());
            Assert.Equal(2, day.GetProperty("gutScore").GetDouble());
            Assert.Equal(GutSkinFactory.Start, day.GetProperty("updatedAt").GetDateTimeOffset());
        }

        Assert.Equal(8, factory.StoredValues(member.Id));
    }

    [Fact]
    public async Task PutDay_SecondPut_ReplacesTheWholeDay()
    {
        var member = await factory.MemberAsync();
        await ReadJsonAsync(await member.Client.PutDayAsync("2026-06-10", new { values = new { redness = 5, bloating = 2 }, note = "first" }));

        await ReadJsonAsync(await member.Client.PutDayAsync("2026-06-10", new { values = new { itch = 1 } }));

        var day = await ReadJsonAsync(await member.Client.GetAsync("/api/journal/2026-06-10", TestContext.Current.CancellationToken));
        Assert.Equal(["itch"], day.GetProperty("values").EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, day.GetProperty("note").ValueKind);
        Assert.Equal(JsonValueKind.Null, day.GetProperty("gutScore").ValueKind);
        Assert.Equal(1, factory.StoredValues(member.Id));
    }

    [Fact]
    public async Task PutDay_NullValue_IsMissingNotZero()
    {
        var member = await factory.MemberAsync();

        var day = await ReadJsonAsync(await member.Client.PutAsync("/api/journal/2026-06-09", Json("""{"values":{"redness":null,"itch":0}}"""), TestContext.Current.CancellationToken));

        Assert.Equal(["itch"], day.GetProperty("values").EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, day.GetProperty("skinScore").GetDouble());
    }

    [Fact]
    public async Task GetDays_FromTo_IsInclusiveAndOldestFirst()
    {
        var member = await factory.MemberAsync();
        foreach (var date in new[] { "2026-06-13", "2026-06-10", "2026-06-12", "2026-06-11" })
        {
            await ReadJsonAsync(await member.Client.PutDayAsync(date, new { values = new { redness = 1 } }));
        }

        var range = await ReadJsonAsync(await member.Client.GetAsync("/api/journal?from=2026-06-11&to=2026-06-12", TestContext.Current.CancellationToken));
        var all = await ReadJsonAsync(await member.Client.GetAsync("/api/journal", TestContext.Current.CancellationToken));
        var fromOnly = await ReadJsonAsync(await member.Client.GetAsync("/api/journal?from=2026-06-12", TestContext.Current.CancellationToken));

        Assert.Equal(["2026-06-11", "2026-06-12"], range.EnumerateArray().Select(d => d.GetProperty("date").GetString()));
        Assert.Equal(["2026-06-10", "2026-06-11", "2026-06-12", "2026-06-13"], all.EnumerateArray().Select(d => d.GetProperty("date").GetString()));
        Assert.Equal(["2026-06-12", "2026-06-13"], fromOnly.EnumerateArray().Select(d => d.GetProperty("date").GetString()));
    }

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2026-02-30", "from")]
    [InlineData("to=2026-13-01", "to")]
    [InlineData("from=2026-06-12&to=2026-06-11", "to")]
    [InlineData("from=0001-01-01", "from")]
    [InlineData("from=1899-12-31&to=2026-06-01", "from")]
    [InlineData("to=9999-12-31", "to")]
    [InlineData("to=2026-06-17", "to")]
    public async Task GetDays_BadRange_IsProblemNamingTheField(string query, string field)
    {
        var member = await factory.SharedMemberAsync();

        await AssertProblemAsync(await member.Client.GetAsync($"/api/journal?{query}", TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task GetDay_NotLogged_IsNotFound()
    {
        var member = await factory.SharedMemberAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await member.Client.GetAsync("/api/journal/2025-01-01", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task DeleteDay_LoggedDay_IsGoneWithItsValues()
    {
        var member = await factory.MemberAsync();
        await ReadJsonAsync(await member.Client.PutDayAsync("2026-06-08", new { values = new { redness = 2, sleep = 8 }, note = "n" }));
        await ReadJsonAsync(await member.Client.PutDayAsync("2026-06-07", new { values = new { redness = 3 } }));

        var delete = await member.Client.DeleteAsync("/api/journal/2026-06-08", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.Client.GetAsync("/api/journal/2026-06-08", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await member.Client.GetAsync("/api/journal/2026-06-07", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(1, factory.StoredValues(member.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await member.Client.DeleteAsync("/api/journal/2026-06-08", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Theory]
    [InlineData("""{"values":{"unicorn":3}}""", "values.unicorn")]
    [InlineData("""{"values":{"Redness":3}}""", "values.Redness")]
    [InlineData("""{"values":{"redness":11}}""", "values.redness")]
    [InlineData("""{"values":{"redness":-1}}""", "values.redness")]
    [InlineData("""{"values":{"redness":2.5}}""", "values.redness")]
    [InlineData("""{"values":{"stool_form":0}}""", "values.stool_form")]
    [InlineData("""{"values":{"stool_form":8}}""", "values.stool_form")]
    [InlineData("""{"values":{"stool_form":3.5}}""", "values.stool_form")]
    [InlineData("""{"values":{"probiotic_supplement":2}}""", "values.probiotic_supplement")]
    [InlineData("""{"values":{"antibiotics":0.5}}""", "values.antibiotics")]
    [InlineData("""{"values":{"fermented_foods":21}}""", "values.fermented_foods")]
    [InlineData("""{"values":{"fermented_foods":1.5}}""", "values.fermented_foods")]
    [InlineData("""{"values":{"water":10.5}}""", "values.water")]
    [InlineData("""{"values":{"sleep":25}}""", "values.sleep")]
    [InlineData("""{"values":{"redness":"three"}}""", "values.redness")]
    [InlineData("""{"values":{"redness":"3"}}""", "values.redness")]
    [InlineData("""{"values":{"redness":true}}""", "values.redness")]
    [InlineData("""{"values":{"redness":[3]}}""", "values.redness")]
    [InlineData("""{"values":{"redness":1e400}}""", "values.redness")]
    [InlineData("""{"values":{"redness":3,"stool_form":9}}""", "values.stool_form")]
    [InlineData("""{"values":["redness"]}""", "values")]
    [InlineData("""{"values":{"redness":3},"note":42}""", "note")]
    [InlineData("""{"values":{"redness":3},"note":"nul \u0000 inside"}""", "note")]
    public async Task PutDay_BadValue_IsProblemNamingTheFieldAndWritesNothing(string json, string field)
    {
        var member = await factory.SharedMemberAsync();
        await ReadJsonAsync(await member.Client.PutDayAsync("2026-06-05", new { values = new { redness = 7 }, note = "before" }));
        var before = factory.Fingerprint();

        await AssertProblemAsync(await member.Client.PutAsync("/api/journal/2026-06-05", Json(json), TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, field);
        await AssertProblemAsync(await member.Client.PutAsync("/api/journal/2026-06-06", Json(json), TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, field);

        Assert.Equal(before, factory.Fingerprint());
        Assert.Equal(HttpStatusCode.NotFound, (await member.Client.GetAsync("/api/journal/2026-06-06", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Theory]
    [InlineData("""{"values":{"redness":3""")]
    [InlineData("""{"values":{"redness":3}}}""")]
    [InlineData("not json at all")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    public async Task PutDay_MalformedJson_IsProblemAndWritesNothing(string json)
    {
        var member = await factory.SharedMemberAsync();
        var before = factory.Fingerprint();

        await AssertBadRequestWithSomeFieldAsync(await member.Client.PutAsync("/api/journal/2026-06-04", Json(json), TestContext.Current.CancellationToken));

        Assert.Equal(before, factory.Fingerprint());
    }

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("2026-13-01")]
    [InlineData("2026-06-31")]
    [InlineData("yesterday")]
    [InlineData("2026-6-1")]
    [InlineData("20260601")]
    [InlineData("01-06-2026")]
    [InlineData("0001-01-01")]
    [InlineData("1899-12-31")]
    [InlineData("9999-12-31")]
    public async Task AnyDayRoute_MalformedOrImpossibleDate_IsProblemNamingDateAndWritesNothing(string date)
    {
        var member = await factory.SharedMemberAsync();
        await ReadJsonAsync(await member.Client.PutDayAsync("2026-06-01", new { values = new { redness = 1 } }));
        var before = factory.Fingerprint();

        await AssertProblemAsync(await member.Client.PutDayAsync(date, new { values = new { redness = 3 } }), HttpStatusCode.BadRequest, "date");
        await AssertProblemAsync(await member.Client.GetAsync($"/api/journal/{date}", TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "date");
        await AssertProblemAsync(await member.Client.DeleteAsync($"/api/journal/{date}", TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "date");

        Assert.Equal(before, factory.Fingerprint());
    }

    [Fact]
    public async Task PutDay_NoteOver2000Characters_IsProblemNamingNoteAndWritesNothing()
    {
        var member = await factory.SharedMemberAsync();
        var before = factory.Fingerprint();

        await AssertProblemAsync(await member.Client.PutDayAsync("2026-06-03", new { values = new { redness = 3 }, note = new string('a', 2001) }), HttpStatusCode.BadRequest, "note");

        Assert.Equal(before, factory.Fingerprint());
    }

    [Fact]
    public async Task PutDay_NoteOfExactly2000Characters_IsKeptWhole()
    {
        var member = await factory.SharedMemberAsync();
        var note = string.Concat(Enumerable.Repeat("Grüße ✓ ", 250));
        Assert.Equal(2000, note.Length);

        await ReadJsonAsync(await member.Client.PutDayAsync("2026-06-02", new { values = new { redness = 3 }, note }));

        var day = await ReadJsonAsync(await member.Client.GetAsync("/api/journal/2026-06-02", TestContext.Current.CancellationToken));
        Assert.Equal(note, day.GetProperty("note").GetString());
    }

    [Fact]
    public async Task PutDay_TomorrowIsAllowedButNotTheDayAfter()
    {
        var member = await factory.MemberAsync();
        var before = factory.Fingerprint();

        await AssertProblemAsync(await member.Client.PutDayAsync("2026-06-17", new { values = new { redness = 3 } }), HttpStatusCode.BadRequest, "date");
        Assert.Equal(before, factory.Fingerprint());

        await ReadJsonAsync(await member.Client.PutDayAsync("2026-06-16", new { values = new { redness = 3 } }));
        await ReadJsonAsync(await member.Client.PutDayAsync("2026-06-15", new { values = new { redness = 3 } }));
    }

    [Fact]
    public async Task PutDay_DayLongAgo_IsAccepted()
    {
        var member = await factory.SharedMemberAsync();

        var day = await ReadJsonAsync(await member.Client.PutDayAsync("1999-12-31", new { values = new { sleep = 6.5 } }));

        Assert.Equal("1999-12-31", day.GetProperty("date").GetString());
    }

    [Fact]
    public async Task PutDay_WithoutValues_StoresTheNoteAlone()
    {
        var member = await factory.SharedMemberAsync();

        var day = await ReadJsonAsync(await member.Client.PutAsync("/api/journal/2026-05-30", Json("""{"note":"Nothing to log but a thought."}"""), TestContext.Current.CancellationToken));

        Assert.Empty(day.GetProperty("values").EnumerateObject());
        Assert.Equal("Nothing to log but a thought.", (await ReadJsonAsync(await member.Client.GetAsync("/api/journal/2026-05-30", TestContext.Current.CancellationToken))).GetProperty("note").GetString());
    }

    [Fact]
    public async Task PutDay_ManyFirstSavesOfTheSameDayAtOnce_AllSucceedIntoOneDay()
    {
        var member = await factory.MemberAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => member.Client.PutDayAsync("2026-05-20", new { values = new { redness = i % 11 }, note = $"save {i}" })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var day = await ReadJsonAsync(await member.Client.GetAsync("/api/journal/2026-05-20", TestContext.Current.CancellationToken));
        var note = day.GetProperty("note").GetString()!;
        var winner = int.Parse(note["save ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(winner % 11, day.GetProperty("values").GetProperty("redness").GetDouble());
        Assert.Equal(1, factory.WithDb(db => db.JournalDays.Count(d => d.UserId == member.Id && d.Date == new DateOnly(2026, 5, 20))));
        Assert.Equal(1, factory.StoredValues(member.Id, new DateOnly(2026, 5, 20)));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData(null)]
    public async Task PutDay_BodyThatIsNotJson_Is415ProblemAndWritesNothing(string? mediaType)
    {
        var member = await factory.SharedMemberAsync();
        var content = new ByteArrayContent("""{"values":{"redness":3}}"""u8.ToArray());
        if (mediaType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", mediaType);
        }

        var before = factory.Fingerprint();

        await AssertProblemAsync(await member.Client.PutAsync("/api/journal/2026-05-25", content, TestContext.Current.CancellationToken), HttpStatusCode.UnsupportedMediaType);

        Assert.Equal(before, factory.Fingerprint());
    }
}
