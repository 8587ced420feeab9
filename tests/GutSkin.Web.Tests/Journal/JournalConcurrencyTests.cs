using System.Net;
using System.Text.RegularExpressions;
using GutSkin.Web.Features.Journal;
using Microsoft.Extensions.Primitives;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Journal;

/// <summary>
/// Concurrent edits of one day: GET and PUT answer the day's strong ETag, PUT honours If-Match (RFC 9110) with 412 for
/// a stale tag, and without If-Match the last write wins; the clock stays at 2026-06-15T12:00Z (UTC member).
/// </summary>
public sealed partial class JournalConcurrencyTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    [Fact]
    public async Task GetAndPut_AnswerTheSameStrongETag_AndEveryWriteChangesIt()
    {
        var member = await factory.MemberAsync();

        var put = await member.Client.PutDayAsync("2026-06-10", new { values = new { redness = 2 } });
        var first = ETagOf(put);
        var get = await member.Client.GetAsync("/api/journal/2026-06-10", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.False(put.Headers.ETag!.IsWeak);
        Assert.Equal(first, ETagOf(get));

        // The same body again is still a write: a new tag.
        var again = ETagOf(await member.Client.PutDayAsync("2026-06-10", new { values = new { redness = 2 } }));
        Assert.NotEqual(first, again);
        Assert.Equal(again, ETagOf(await member.Client.GetAsync("/api/journal/2026-06-10", TestContext.Current.CancellationToken)));

        // An import that touches the day changes it too (a CSV row keeps the day's other values).
        await ReadJsonAsync(await member.Client.PostAsync("/api/journal/import", Csv("date,item,value\n2026-06-10,itch,1\n"), TestContext.Current.CancellationToken));
        var imported = ETagOf(await member.Client.GetAsync("/api/journal/2026-06-10", TestContext.Current.CancellationToken));
        Assert.NotEqual(again, imported);

        // So does the Today page.
        var cookie = await factory.CookieClientAsync(member.Email);
        var page = await cookie.GetStringAsync("/today/2026-06-10", TestContext.Current.CancellationToken);
        var saved = await cookie.PostAsync("/today/2026-06-10", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryField().Match(page).Groups[1].Value,
            ["Values[redness]"] = "4",
        }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var fromPage = await member.Client.GetAsync("/api/journal/2026-06-10", TestContext.Current.CancellationToken);
        Assert.Equal(4, (await ReadJsonAsync(fromPage)).GetProperty("values").GetProperty("redness").GetDouble());
        Assert.NotEqual(imported, ETagOf(fromPage));
    }

    [Fact]
    public async Task TodayForm_ForADayChangedSinceItWasMade_Is409WithBothVersions_AndSavingAgainWrites()
    {
        var member = await factory.MemberAsync();
        var cookie = await factory.CookieClientAsync(member.Email);
        // The form is made while the day is empty (its version is ""), then another device logs the day.
        var page = await cookie.GetStringAsync("/today/2026-06-09", TestContext.Current.CancellationToken);
        Assert.Matches("name=\"Version\" value=\"\"", page);
        await ReadJsonAsync(await member.Client.PutDayAsync("2026-06-09", new { values = new { redness = 2, bloating = 1 }, note = "elsewhere" }));
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryField().Match(page).Groups[1].Value,
            ["Version"] = "",
            ["Values[redness]"] = "6",
            ["Values[bloating]"] = "1.0",
        };

        var refused = await cookie.PostAsync("/today/2026-06-09", new FormUrlEncodedContent(form), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Nothing was saved: this day was saved elsewhere", html);
        // Item by item where they differ: redness (6 here, 2 saved) and the note; bloating is the same value written differently.
        Assert.Equal(["2", "elsewhere"], SavedMeanwhile().Matches(html).Select(m => m.Groups[1].Value));
        var day = (await ReadJsonAsync(await member.Client.GetAsync("/api/journal/2026-06-09", TestContext.Current.CancellationToken))).GetProperty("values");
        Assert.Equal(2, day.GetProperty("redness").GetDouble());

        // The page came back with the member's entries and the current version: saving it again writes them.
        Assert.Contains("value=\"6\" checked", html.Replace("checked=\"checked\"", "checked"));
        form["Version"] = WebUtility.HtmlDecode(VersionField().Match(html).Groups[1].Value);
        form["__RequestVerificationToken"] = AntiforgeryField().Match(html).Groups[1].Value;
        Assert.Equal(HttpStatusCode.Redirect, (await cookie.PostAsync("/today/2026-06-09", new FormUrlEncodedContent(form), TestContext.Current.CancellationToken)).StatusCode);
        day = (await ReadJsonAsync(await member.Client.GetAsync("/api/journal/2026-06-09", TestContext.Current.CancellationToken))).GetProperty("values");
        Assert.Equal(6, day.GetProperty("redness").GetDouble());

        // A form without the field (an older page) writes as before.
        form.Remove("Version");
        form["Values[redness]"] = "3";
        Assert.Equal(HttpStatusCode.Redirect, (await cookie.PostAsync("/today/2026-06-09", new FormUrlEncodedContent(form), TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task PutDay_WithTheCurrentETag_WritesAndAnswersTheNewTag()
    {
        var member = await factory.MemberAsync();
        var tag = ETagOf(await member.Client.PutDayAsync("2026-06-11", new { values = new { redness = 1 }, note = "before" }));

        var put = await PutIfMatchAsync(member.Client, "2026-06-11", tag, """{"values":{"redness":3},"note":"after"}""");

        var day = await ReadJsonAsync(put);
        Assert.Equal("after", day.GetProperty("note").GetString());
        Assert.NotEqual(tag, ETagOf(put));
        var get = await member.Client.GetAsync("/api/journal/2026-06-11", TestContext.Current.CancellationToken);
        Assert.Equal(ETagOf(put), ETagOf(get));
        Assert.Equal(3, (await ReadJsonAsync(get)).GetProperty("values").GetProperty("redness").GetDouble());
    }

    [Fact]
    public async Task PutDay_WithAStaleETag_Is412AndWritesNothing()
    {
        var member = await factory.MemberAsync();
        var stale = ETagOf(await member.Client.PutDayAsync("2026-06-12", new { values = new { redness = 1 } }));
        var current = ETagOf(await member.Client.PutDayAsync("2026-06-12", new { values = new { redness = 2 }, note = "someone else" }));
        var before = factory.Fingerprint();

        var put = await PutIfMatchAsync(member.Client, "2026-06-12", stale, """{"values":{"redness":5}}""");

        var problem = await AssertProblemAsync(put, HttpStatusCode.PreconditionFailed);
        Assert.Contains("changed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(put.Headers.ETag);
        Assert.Equal(before, factory.Fingerprint());
        Assert.Equal(current, ETagOf(await member.Client.GetAsync("/api/journal/2026-06-12", TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task PutDay_IfNoneMatchStar_WritesOnlyADayNotLoggedYet()
    {
        var member = await factory.MemberAsync();

        var first = await PutWithAsync(member.Client, "2026-06-08", "If-None-Match", "*", """{"values":{"redness":2},"note":"offline"}""");
        Assert.Equal(2, (await ReadJsonAsync(first)).GetProperty("values").GetProperty("redness").GetDouble());
        var current = ETagOf(first);
        var before = factory.Fingerprint();

        // Logged meanwhile (here: by the first write): a second "only if new" write is refused and changes nothing.
        var again = await PutWithAsync(member.Client, "2026-06-08", "If-None-Match", "*", """{"values":{"redness":7}}""");

        var problem = await AssertProblemAsync(again, HttpStatusCode.PreconditionFailed);
        Assert.Contains("has been logged", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, factory.Fingerprint());
        Assert.Equal(current, ETagOf(await member.Client.GetAsync("/api/journal/2026-06-08", TestContext.Current.CancellationToken)));
    }

    [Theory]
    [InlineData("\"0000000000000001\"")]
    [InlineData("*, *")]
    public async Task PutDay_IfNoneMatchOtherThanStar_Is400NamingTheHeader(string value)
    {
        var member = await factory.MemberAsync();
        var before = factory.Fingerprint();

        var put = await PutWithAsync(member.Client, "2026-06-07", "If-None-Match", value, """{"values":{"redness":2}}""");

        var problem = await AssertProblemAsync(put, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("If-None-Match", out _), problem.ToString());
        Assert.Equal(before, factory.Fingerprint());
    }

    [Fact]
    public async Task PutDay_ATagListHoldingTheCurrentTag_Writes_AndOneWithout_Is412()
    {
        var member = await factory.MemberAsync();
        var old = ETagOf(await member.Client.PutDayAsync("2026-06-13", new { values = new { redness = 1 } }));
        var current = ETagOf(await member.Client.PutDayAsync("2026-06-13", new { values = new { redness = 2 } }));

        var without = await PutIfMatchAsync(member.Client, "2026-06-13", $"{old}, \"not-ours\"", """{"values":{"redness":4}}""");
        var with = await PutIfMatchAsync(member.Client, "2026-06-13", $"{old}, {current}", """{"values":{"redness":5}}""");

        await AssertProblemAsync(without, HttpStatusCode.PreconditionFailed);
        Assert.Equal(5, (await ReadJsonAsync(with)).GetProperty("values").GetProperty("redness").GetDouble());
    }

    [Fact]
    public async Task PutDay_TheCurrentTagMadeWeakOrUppercase_NeverMatches()
    {
        // If-Match compares strongly: a weak tag matches nothing, and a tag is its exact octets.
        var member = await factory.MemberAsync();
        var current = ETagOf(await member.Client.PutDayAsync("2026-06-14", new { values = new { redness = 1 } }));
        var before = factory.Fingerprint();

        var weak = await PutIfMatchAsync(member.Client, "2026-06-14", "W/" + current, """{"values":{"redness":4}}""");
        var upper = await PutIfMatchAsync(member.Client, "2026-06-14", current.ToUpperInvariant(), """{"values":{"redness":4}}""");

        await AssertProblemAsync(weak, HttpStatusCode.PreconditionFailed);
        if (!string.Equals(current, current.ToUpperInvariant(), StringComparison.Ordinal))
        {
            await AssertProblemAsync(upper, HttpStatusCode.PreconditionFailed);
        }

        Assert.Equal(before, factory.Fingerprint());
    }

    [Fact]
    public async Task PutDay_IfMatchStar_WritesADayThatExists_AndIs412ForOneThatDoesNot()
    {
        var member = await factory.MemberAsync();
        await ReadJsonAsync(await member.Client.PutDayAsync("2026-06-08", new { values = new { redness = 1 } }));
        var before = factory.Fingerprint();

        var missing = await PutIfMatchAsync(member.Client, "2026-06-07", "*", """{"values":{"redness":4}}""");
        await AssertProblemAsync(missing, HttpStatusCode.PreconditionFailed);
        Assert.Equal(before, factory.Fingerprint());
        Assert.Equal(HttpStatusCode.NotFound, (await member.Client.GetAsync("/api/journal/2026-06-07", TestContext.Current.CancellationToken)).StatusCode);

        var existing = await PutIfMatchAsync(member.Client, "2026-06-08", "*", """{"values":{"redness":4}}""");
        Assert.Equal(4, (await ReadJsonAsync(existing)).GetProperty("values").GetProperty("redness").GetDouble());
        Assert.Equal(ETagOf(existing), ETagOf(await member.Client.GetAsync("/api/journal/2026-06-08", TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task PutDay_AnETagOnADayThatWasDeleted_Is412_AndTheDayWrittenAgainHasANewTag()
    {
        var member = await factory.MemberAsync();
        var tag = ETagOf(await member.Client.PutDayAsync("2026-06-06", new { values = new { redness = 1 } }));
        Assert.Equal(HttpStatusCode.NoContent, (await member.Client.DeleteAsync("/api/journal/2026-06-06", TestContext.Current.CancellationToken)).StatusCode);

        var afterDelete = await PutIfMatchAsync(member.Client, "2026-06-06", tag, """{"values":{"redness":2}}""");
        await AssertProblemAsync(afterDelete, HttpStatusCode.PreconditionFailed);
        Assert.Equal(HttpStatusCode.NotFound, (await member.Client.GetAsync("/api/journal/2026-06-06", TestContext.Current.CancellationToken)).StatusCode);

        var rewritten = ETagOf(await member.Client.PutDayAsync("2026-06-06", new { values = new { redness = 1 } }));
        Assert.NotEqual(tag, rewritten);
        await AssertProblemAsync(await PutIfMatchAsync(member.Client, "2026-06-06", tag, """{"values":{"redness":2}}"""), HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task PutDay_AnotherMembersETag_DoesNotMatch()
    {
        var owner = await factory.MemberAsync();
        var other = await factory.MemberAsync();
        var ownersTag = ETagOf(await owner.Client.PutDayAsync("2026-06-05", new { values = new { redness = 1 } }));
        await ReadJsonAsync(await other.Client.PutDayAsync("2026-06-05", new { values = new { redness = 1 } }));

        var put = await PutIfMatchAsync(other.Client, "2026-06-05", ownersTag, """{"values":{"redness":3}}""");

        await AssertProblemAsync(put, HttpStatusCode.PreconditionFailed);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("\"unterminated")]
    [InlineData("*, \"0000000000000001\"")]
    [InlineData("\"a\" junk")]
    [InlineData("**")]
    [InlineData("W/")]
    [InlineData("\"a\", W/")]
    public async Task PutDay_MalformedIfMatch_Is400NamingIfMatch_AndWritesNothing(string ifMatch)
    {
        var member = await factory.SharedMemberAsync();
        await ReadJsonAsync(await member.Client.PutDayAsync("2026-06-04", new { values = new { redness = 1 } }));
        var before = factory.Fingerprint();

        var put = await PutIfMatchAsync(member.Client, "2026-06-04", ifMatch, """{"values":{"redness":5}}""");

        await AssertProblemAsync(put, HttpStatusCode.BadRequest, "If-Match");
        Assert.Equal(before, factory.Fingerprint());
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(",")]
    public void IfMatch_EmptyOrOnlyCommas_IsMalformed(string ifMatch)
    {
        // HttpClient does not send an empty header, so the parser is asked directly.
        Assert.False(DayETag.TryParseIfMatch(new StringValues(ifMatch), out _));
    }

    [Fact]
    public void IfMatch_AbsentIsNoCondition_StarIsExists_AndOnlyOurStrongTagsCount()
    {
        Assert.True(DayETag.TryParseIfMatch(StringValues.Empty, out var none));
        Assert.Null(none);
        Assert.True(DayETag.TryParseIfMatch(new StringValues("*"), out var star));
        Assert.Equal(DayCondition.Exists, star);
        Assert.True(DayETag.TryParseIfMatch(new StringValues(["\"000000000000001f\", W/\"0000000000000002\"", "\"x\", \"0000000000000003\""]), out var list));
        Assert.Equal([0x1f, 3], list!.Revisions);
        Assert.False(list.AnyExisting);
    }

    [Fact]
    public async Task PutDay_ABadBodyWithAStaleTag_Is400ForTheBody()
    {
        // RFC 9110 13.2.2: a request that would fail without its preconditions gets that failure, not 412.
        var member = await factory.MemberAsync();
        await ReadJsonAsync(await member.Client.PutDayAsync("2026-06-03", new { values = new { redness = 1 } }));

        var put = await PutIfMatchAsync(member.Client, "2026-06-03", "\"0000000000000001\"", """{"values":{"redness":11}}""");

        await AssertProblemAsync(put, HttpStatusCode.BadRequest, "values.redness");
    }

    [Fact]
    public async Task ManyParallelPutsWithTheSameETag_ExactlyOneWins_AndTheRestAre412()
    {
        var member = await factory.MemberAsync();
        var tag = ETagOf(await member.Client.PutDayAsync("2026-06-02", new { values = new { redness = 0 }, note = "start" }));
        const int Writers = 24;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var puts = Enumerable.Range(1, Writers).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return (Writer: i, Response: await PutIfMatchAsync(member.Client, "2026-06-02", tag, $$"""{"values":{"redness":{{i % 6}}},"note":"writer {{i}}"}"""));
        })).ToList();
        start.SetResult();
        var results = await Task.WhenAll(puts);

        foreach (var (writer, response) in results.Where(r => r.Response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.PreconditionFailed)))
        {
            Assert.Fail($"Writer {writer} got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        }

        var winner = Assert.Single(results, r => r.Response.StatusCode == HttpStatusCode.OK);
        foreach (var loser in results.Where(r => r.Response.StatusCode != HttpStatusCode.OK))
        {
            await AssertProblemAsync(loser.Response, HttpStatusCode.PreconditionFailed);
        }

        var get = await member.Client.GetAsync("/api/journal/2026-06-02", TestContext.Current.CancellationToken);
        var day = await ReadJsonAsync(get);
        Assert.Equal($"writer {winner.Writer}", day.GetProperty("note").GetString());
        Assert.Equal(winner.Writer % 6, day.GetProperty("values").GetProperty("redness").GetDouble());
        Assert.Equal(ETagOf(winner.Response), ETagOf(get));
    }

    [Fact]
    public async Task ParallelPutsWithoutIfMatch_AllSucceed_AndTheDayIsExactlyOneOfThem()
    {
        var member = await factory.MemberAsync();
        const int Writers = 16;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var puts = Enumerable.Range(1, Writers).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await member.Client.PutDayAsync("2026-06-01", new Dictionary<string, object>
            {
                ["values"] = new Dictionary<string, double> { ["redness"] = i % 6, [i % 2 == 0 ? "itch" : "bloating"] = 1 },
                ["note"] = $"writer {i}",
            });
        })).ToList();
        start.SetResult();
        var responses = await Task.WhenAll(puts);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(Writers, responses.Select(ETagOf).Distinct().Count());
        var get = await member.Client.GetAsync("/api/journal/2026-06-01", TestContext.Current.CancellationToken);
        var day = await ReadJsonAsync(get);
        var writer = int.Parse(day.GetProperty("note").GetString()!["writer ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        // Whole days, never a mix of two writers: the values are those of the writer whose note is stored, and its tag.
        Assert.Equal(
            [.. new[] { "redness", writer % 2 == 0 ? "itch" : "bloating" }.Order(StringComparer.Ordinal)],
            day.GetProperty("values").EnumerateObject().Select(p => p.Name));
        Assert.Equal(writer % 6, day.GetProperty("values").GetProperty("redness").GetDouble());
        Assert.Equal(ETagOf(responses[writer - 1]), ETagOf(get));
    }

    [Fact]
    public async Task ImportsAndPutsOfTheSameDaysAtOnce_AllSucceed()
    {
        // A JSON import locks the member's row (profile) and then many days; a PUT locks one of those days. Both take
        // the member's row first, or PostgreSQL would kill one of them as a deadlock.
        var member = await factory.MemberAsync();
        var dates = Enumerable.Range(20, 8).Select(d => $"2026-05-{d}").ToList();
        var export = $$"""
            {"version":1,"exportedAt":"2026-06-15T00:00:00Z","profile":{"displayName":"Importer","timeZone":"UTC"},"items":[],
             "days":[{{string.Join(",", dates.Select(d => $$"""{"date":"{{d}}","values":{"redness":1},"note":"imported"}"""))}}]}
            """;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var requests = new List<Task<HttpResponseMessage>>();
        for (var round = 0; round < 6; round++)
        {
            requests.Add(Task.Run(async () => { await start.Task; return await member.Client.PostAsync("/api/journal/import", Json(export)); }));
            foreach (var date in dates.AsEnumerable().Reverse())
            {
                requests.Add(Task.Run(async () => { await start.Task; return await member.Client.PutDayAsync(date, new { values = new { redness = 2 } }); }));
            }
        }

        start.SetResult();
        foreach (var response in await Task.WhenAll(requests))
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        }
    }

    [Fact]
    public async Task OpenApiDocument_DescribesIfMatch_TheETagHeader_And412()
    {
        var document = await ReadJsonAsync(await factory.CreateClient().GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken));
        var path = document.GetProperty("paths").GetProperty("/api/journal/{date}");
        var put = path.GetProperty("put");

        Assert.Contains(put.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "If-Match" && p.GetProperty("in").GetString() == "header");
        Assert.True(put.GetProperty("responses").TryGetProperty("412", out _), "PUT does not document 412.");
        Assert.True(put.GetProperty("responses").GetProperty("200").GetProperty("headers").TryGetProperty("ETag", out _), "PUT does not document its ETag header.");
        Assert.True(path.GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("headers").TryGetProperty("ETag", out _), "GET does not document its ETag header.");
    }

    private static Task<HttpResponseMessage> PutIfMatchAsync(HttpClient client, string date, string ifMatch, string json) =>
        PutWithAsync(client, date, "If-Match", ifMatch, json);

    private static async Task<HttpResponseMessage> PutWithAsync(HttpClient client, string date, string header, string value, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/journal/{date}") { Content = Json(json) };
        // Sent as written, malformed or not.
        Assert.True(request.Headers.TryAddWithoutValidation(header, value));
        return await client.SendAsync(request);
    }

    private static string ETagOf(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}");
        Assert.True(response.Headers.TryGetValues("ETag", out var values), "The answer has no ETag.");
        var tag = Assert.Single(values);
        Assert.Matches("^\"[0-9a-f]{16}\"$", tag);
        return tag;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("name=\"Version\" value=\"([^\"]*)\"")]
    private static partial Regex VersionField();

    [GeneratedRegex("Saved meanwhile: ([^<]*)</p>")]
    private static partial Regex SavedMeanwhile();
}
