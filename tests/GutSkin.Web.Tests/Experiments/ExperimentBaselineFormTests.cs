using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;

namespace GutSkin.Web.Tests.Experiments;

/// <summary>A baseline from the journal is every logged day in the 56 days before the change, and the form says so.</summary>
public sealed partial class ExperimentBaselineFormTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(GutSkinFactory.Start.UtcDateTime);

    /// <summary>A member with redness logged on three days of every four over the 120 days before today.</summary>
    private async Task<(TestMember Member, List<DateOnly> Logged)> MemberAsync()
    {
        var member = await factory.MemberAsync();
        var logged = new List<DateOnly>();
        var csv = new StringBuilder("date,item,value\n");
        for (var i = 1; i <= 120; i++)
        {
            var day = Today.AddDays(-i);
            if (i % 4 != 0)
            {
                logged.Add(day);
                csv.Append(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd},redness,{i % 5}\n");
            }
        }

        Assert.Equal(HttpStatusCode.OK, (await member.Client.PostAsync("/api/journal/import", TestSupport.Csv(csv.ToString()), TestContext.Current.CancellationToken)).StatusCode);
        return (member, logged);
    }

    private static string Expected(List<DateOnly> logged, DateOnly switchDate)
    {
        var days = logged.Where(d => d >= switchDate.AddDays(-56) && d < switchDate).Order().ToList();
        return $"{days.Count} logged days from {days[0]:yyyy-MM-dd} to {days[^1]:yyyy-MM-dd}";
    }

    [Fact]
    public async Task TheForm_ShowsTheJournalBaseline_BeforeTheMemberStarts_AndForAChangeThatAlreadyStarted()
    {
        var (member, logged) = await MemberAsync();
        var cookie = await factory.CookieClientAsync(member.Email);
        var ct = TestContext.Current.CancellationToken;

        var page = await cookie.GetStringAsync("/experiments/new?template=probiotic", ct);
        Assert.Contains("If you use the days already in your journal, your baseline: " + Expected(logged, Today), page, StringComparison.Ordinal);

        var changed = Today.AddDays(-30);
        var preview = await cookie.PostAsync("/experiments/new?handler=Preview", Form(page, "started", changed), ct);
        var html = await preview.Content.ReadAsStringAsync(ct);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("Your baseline: " + Expected(logged, changed), html, StringComparison.Ordinal);
        Assert.Contains($"the 56 days before {changed:yyyy-MM-dd}", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartingWithTheJournalBaseline_PlansThe56DaysBeforeTheChange_NotASilent14()
    {
        var (member, _) = await MemberAsync();
        var cookie = await factory.CookieClientAsync(member.Email);
        var ct = TestContext.Current.CancellationToken;
        var page = await cookie.GetStringAsync("/experiments/new?template=probiotic", ct);

        var created = await cookie.PostAsync("/experiments/new", Form(page, "existing", null), ct);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var list = await TestSupport.ReadJsonAsync(await member.Client.GetAsync("/api/experiments", ct));
        var experiment = Assert.Single(list.EnumerateArray());
        Assert.Equal(Today.AddDays(-56).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), experiment.GetProperty("start").GetString());
        Assert.Equal(Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), experiment.GetProperty("switch").GetString());
    }

    [Fact]
    public async Task TheApi_WithoutAStart_TakesThe56DaysBeforeTheSwitch()
    {
        var member = await factory.MemberAsync();
        var plan = new { name = "Probiotic", intervention = "probiotic_supplement", outcome = "redness", @switch = "2026-06-01", end = "2026-07-31", onsetDays = 14 };

        var created = await TestSupport.ReadJsonAsync(await member.Client.PostAsJsonAsync("/api/experiments", plan, TestContext.Current.CancellationToken), HttpStatusCode.Created);

        Assert.Equal("2026-04-06", created.GetProperty("start").GetString());
    }

    private static FormUrlEncodedContent Form(string page, string baseline, DateOnly? changed) => new(new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = AntiforgeryField().Match(page).Groups[1].Value,
        ["Template"] = "probiotic",
        ["Name"] = "Start a probiotic supplement",
        ["Intervention"] = "probiotic_supplement",
        ["Target"] = "1",
        ["TargetIsMaximum"] = "false",
        ["Outcome"] = "skin_score",
        ["Design"] = "ab",
        ["Baseline"] = baseline,
        ["ChangeStarted"] = changed?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
        ["BaselineDays"] = "",
        ["InterventionDays"] = "56",
        ["OnsetDays"] = "14",
        ["BlockDays"] = "14",
    });

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
