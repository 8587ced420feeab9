using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.History;

/// <summary>
/// History's month calendar: every day of the month, logged ones in their skin band with the score written on them,
/// missing ones marked and one tap from being filled, months to step through, and only the member's own days.
/// The fake clock stands at 15 June 2026 (UTC).
/// </summary>
public sealed partial class HistoryCalendarTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    [Fact]
    public async Task June_ShowsEveryDay_LoggedDaysInTheirBandWithTheScore_MissingDaysMarkedAndLinked()
    {
        var member = await factory.MemberAsync();
        await PutAsync(member, "2026-06-01", new { redness = 1 });
        await PutAsync(member, "2026-06-03", new { redness = 3, breakouts = 4 });
        await PutAsync(member, "2026-06-10", new { redness = 9, itch = 7 });
        await PutAsync(member, "2026-06-12", new { water = 2 });
        await PutAsync(member, "2026-05-31", new { redness = 5 });

        var html = WebUtility.HtmlDecode(await (await factory.CookieClientAsync(member.Email)).GetStringAsync("/history?month=2026-06", TestContext.Current.CancellationToken));
        var days = Days(html);

        // Up to today (the 15th) each day is a link to its own Today page; the days after are not links.
        Assert.Equal(Enumerable.Range(1, 15).Select(d => $"2026-06-{d:00}"), days.Keys);
        Assert.Equal(("calm", "1.0", "Monday 1 June: skin score 1.0, calm"), days["2026-06-01"]);
        Assert.Equal(("missing", "", "Tuesday 2 June: not logged"), days["2026-06-02"]);
        Assert.Equal(("mild", "3.5", "Wednesday 3 June: skin score 3.5, mild"), days["2026-06-03"]);
        Assert.Equal(("severe", "8.0", "Wednesday 10 June: skin score 8.0, severe"), days["2026-06-10"]);
        Assert.Equal(("noscore", "–", "Friday 12 June: 1 item logged, no skin item"), days["2026-06-12"]);
        Assert.Equal(11, days.Values.Count(d => d.Band == "missing"));
        Assert.Contains("4 of 15 days logged, 11 missing.", html, StringComparison.Ordinal);
        Assert.Contains("Tuesday 30 June: not yet", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/today/2026-06-16", html, StringComparison.Ordinal);
        // 31 May belongs to May: June's first week starts on Monday the 1st (the table of logged days below has it).
        Assert.DoesNotContain("/today/2026-05-31", html[..html.IndexOf("All logged days", StringComparison.Ordinal)], StringComparison.Ordinal);
        // The key says in words what each colour means.
        foreach (var words in new[] { "calm 0–2.4", "mild 2.5–4.9", "moderate 5–7.4", "severe 7.5–10", "logged, no skin item", "not logged" })
        {
            Assert.Contains(words, html, StringComparison.Ordinal);
        }

        // The table of logged days stays below the calendar.
        Assert.True(html.IndexOf("calendar-heading", StringComparison.Ordinal) < html.IndexOf("Your logged days", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMissingDaysLink_OpensThatDayToFillIn()
    {
        var member = await factory.MemberAsync();
        var client = await factory.CookieClientAsync(member.Email);

        var html = await client.GetStringAsync("/history", TestContext.Current.CancellationToken);
        var link = LinkRegex().Matches(html).Single(m => m.Groups["date"].Value == "2026-06-09");
        var day = await client.GetAsync($"/today/{link.Groups["date"].Value}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, day.StatusCode);
        Assert.Contains("9 June 2026", await day.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trends_OneForEachSkinOrGutSymptomLoggedThatMonth_NoneForHabitsOrOtherMonths()
    {
        var member = await factory.MemberAsync();
        await PutAsync(member, "2026-06-01", new { redness = 2, water = 1 });
        await PutAsync(member, "2026-06-02", new { redness = 4, bloating = 6 });
        await PutAsync(member, "2026-06-05", new { redness = 3 });
        await PutAsync(member, "2026-05-20", new { breakouts = 5 });

        var html = WebUtility.HtmlDecode(await (await factory.CookieClientAsync(member.Email)).GetStringAsync("/history?month=2026-06", TestContext.Current.CancellationToken));
        var trends = TrendRegex().Matches(html).Select(m => m.Groups["label"].Value).ToList();

        Assert.Equal(["Redness / rosacea", "Bloating"], trends);
        Assert.Contains("3 days, average 3 (lowest 2, highest 4); last 3 on 5 June.", html, StringComparison.Ordinal);
        // Redness: a line through 1–2 June, broken by the missing 3rd and 4th, and a dot on each of the three days.
        var redness = html[html.IndexOf("trend--skin", StringComparison.Ordinal)..html.IndexOf("trend--gut", StringComparison.Ordinal)];
        Assert.Single(Regex.Matches(redness, "<polyline "));
        Assert.Equal(3, Regex.Count(redness, "<circle "));
        Assert.Contains("role=\"img\"", redness, StringComparison.Ordinal);

        var empty = await (await factory.CookieClientAsync(member.Email)).GetStringAsync("/history?month=2026-04", TestContext.Current.CancellationToken);
        Assert.Contains("No skin or gut symptom logged in this month yet.", empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherMembersDaysAndItems_NeverShow()
    {
        var owner = await factory.MemberAsync();
        await ReadJsonAsync(await owner.Client.PostAsJsonAsync("/api/items", new { key = "owner_rash", label = "Owner's private rash", group = "skin", kind = "severity" }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.Created);
        await PutAsync(owner, "2026-06-08", new { owner_rash = 9, redness = 9 });
        await PutAsync(owner, "2026-06-09", new { redness = 1 });
        var other = await factory.MemberAsync();

        var html = WebUtility.HtmlDecode(await (await factory.CookieClientAsync(other.Email)).GetStringAsync("/history?month=2026-06", TestContext.Current.CancellationToken));

        Assert.All(Days(html).Values, d => Assert.Equal("missing", d.Band));
        Assert.DoesNotContain("private rash", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg class=\"trend__chart\"", html, StringComparison.Ordinal);
        Assert.Contains("0 of 15 days logged, 15 missing.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Months_StepAcrossTheYear_AndStopAtTheMonthOfTomorrow()
    {
        var member = await factory.MemberAsync();
        var client = await factory.CookieClientAsync(member.Email);

        var january = await client.GetStringAsync("/history?month=2026-01", TestContext.Current.CancellationToken);
        var june = await client.GetStringAsync("/history", TestContext.Current.CancellationToken);

        Assert.Contains("<h2 id=\"calendar-heading\">January 2026</h2>", january, StringComparison.Ordinal);
        Assert.Contains("href=\"/history?month=2025-12\"", january, StringComparison.Ordinal);
        Assert.Contains("href=\"/history?month=2026-02\"", january, StringComparison.Ordinal);
        Assert.Contains("href=\"/history\">This month", january, StringComparison.Ordinal);
        Assert.Contains("/today/2026-01-31", january, StringComparison.Ordinal);
        Assert.DoesNotContain("/today/2026-02-01", january, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"calendar-heading\">June 2026</h2>", june, StringComparison.Ordinal);
        Assert.Contains("href=\"/history?month=2026-05\"", june, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/history?month=2026-07\"", june, StringComparison.Ordinal);
        Assert.DoesNotContain(">This month", june, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-07")]
    [InlineData("2026-13")]
    [InlineData("1899-12")]
    [InlineData("0001-01")]
    [InlineData("9999-12")]
    [InlineData("2026-6")]
    [InlineData("June")]
    [InlineData("2026-06-01")]
    public async Task AMonthThatIsNotOne_Answers400WithTheMessage_AndShowsThisMonth(string month)
    {
        var member = await factory.SharedMemberAsync();

        var response = await (await factory.CookieClientAsync(member.Email)).GetAsync($"/history?month={Uri.EscapeDataString(month)}", TestContext.Current.CancellationToken);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"'{month}' is not a month from 1900-01 to 2026-06 (YYYY-MM).", html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"calendar-heading\">June 2026</h2>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoMonths_Answer400()
    {
        var member = await factory.SharedMemberAsync();

        var response = await (await factory.CookieClientAsync(member.Email)).GetAsync("/history?month=2026-05&month=2026-06", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Visitor_IsSentToLogIn()
    {
        var response = await factory.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/history?month=2026-06", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location?.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private static async Task PutAsync(TestMember member, string date, object values) =>
        Assert.Equal(HttpStatusCode.OK, (await member.Client.PutDayAsync(date, new { values })).StatusCode);

    /// <summary>The linked days of the (decoded) calendar by date: band, the score written on the day, and the words a screen reader hears.</summary>
    private static Dictionary<string, (string Band, string Score, string Description)> Days(string html) =>
        LinkRegex().Matches(html).ToDictionary(
            m => m.Groups["date"].Value,
            m => (m.Groups["band"].Value, m.Groups["score"].Value, m.Groups["text"].Value));

    [GeneratedRegex("""<a class="cal-day cal-day--(?<band>\w+)" href="/today/(?<date>[0-9-]+)"[^>]*>\s*<span class="cal-day__n"[^>]*>\d+</span>\s*<span class="cal-day__score"[^>]*>(?<score>[^<]*)</span>\s*<span class="visually-hidden">(?<text>[^<]*)</span>""")]
    private static partial Regex LinkRegex();

    [GeneratedRegex("""<li class="trend trend--\w+">\s*<p class="trend__text">\s*<strong>(?<label>[^<]*)</strong>""")]
    private static partial Regex TrendRegex();
}
