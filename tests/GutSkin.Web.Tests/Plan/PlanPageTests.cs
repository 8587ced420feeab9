using System.Net;
using System.Text.RegularExpressions;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Plan;

/// <summary>The /plan form: the same checks as the API, errors beside the fields, suggestions filled in without saving.</summary>
public sealed partial class PlanPageTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [Fact]
    public async Task WithoutAPlan_EveryItemIsTickedAndTheSelfCheckIsOffered()
    {
        var member = await factory.MemberAsync();
        var cookie = await factory.CookieClientAsync(member.Email);

        var html = await cookie.GetStringAsync("/plan", TestContext.Current.CancellationToken);

        Assert.Contains("You have no plan yet", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/self-check\"", html, StringComparison.Ordinal);
        Assert.Equal(20, Regex.Count(html, "type=\"checkbox\" name=\"Items\" value=\"[a-z_]+\" checked=\"checked\""));
    }

    [Fact]
    public async Task TargetHints_GiveRangesAndSuggestionsInThePlural()
    {
        var member = await factory.MemberAsync();
        var cookie = await factory.CookieClientAsync(member.Email);

        var html = await cookie.GetStringAsync("/plan", TestContext.Current.CancellationToken);

        Assert.Contains("0 to 10 points. Suggested: at most 5 points, stress care", html, StringComparison.Ordinal);
        Assert.Contains("0 to 20 servings. Suggested: at most 1 serving,", html, StringComparison.Ordinal);
        Assert.Contains("0 to 10 L. Suggested: at least 2 L,", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" point.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suggest_FillsInTheSuggestedTargetsWithoutSaving()
    {
        var member = await factory.MemberAsync();
        var cookie = await factory.CookieClientAsync(member.Email);
        var form = await cookie.GetStringAsync("/plan", TestContext.Current.CancellationToken);

        var response = await cookie.PostAsync("/plan?handler=Suggest", Form(form, ("Items", "redness")), TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("name=\"Min[water]\" value=\"2\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Max[sugary_foods]\" value=\"1\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Max[processed_foods]\" value=\"1\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Min[fermented_foods]\" value=\"1\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Min[prebiotic_foods]\" value=\"1\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Max[stress]\" value=\"5\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await member.Client.GetAsync("/api/plan", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Save_StoresItemsTargetsAndReminder()
    {
        var member = await factory.MemberAsync();
        var cookie = await factory.CookieClientAsync(member.Email);
        var form = await cookie.GetStringAsync("/plan", TestContext.Current.CancellationToken);

        var response = await cookie.PostAsync("/plan", Form(form, ("Items", "redness"), ("Items", "bloating"), ("Min[water]", "2"), ("Max[sugary_foods]", "1"), ("ReminderEnabled", "true"), ("ReminderTime", "21:15")), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var plan = await ReadJsonAsync(await member.Client.GetAsync("/api/plan", TestContext.Current.CancellationToken));
        Assert.Equal(["redness", "bloating", "sugary_foods", "water"], plan.GetProperty("items").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal("21:15", plan.GetProperty("reminder").GetProperty("localTime").GetString());
        Assert.True(plan.GetProperty("reminder").GetProperty("enabled").GetBoolean());
        Assert.Contains("Your plan is saved", await cookie.GetStringAsync("/plan", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_StoresHowTheReminderComes_AndThePageShowsItChosen()
    {
        var member = await factory.MemberAsync();
        var cookie = await factory.CookieClientAsync(member.Email);
        var form = await cookie.GetStringAsync("/plan", TestContext.Current.CancellationToken);
        Assert.Contains("name=\"ReminderChannel\" value=\"email\" checked=\"checked\"", form, StringComparison.Ordinal);

        var response = await cookie.PostAsync("/plan", Form(form, ("Items", "redness"), ("ReminderEnabled", "true"), ("ReminderTime", "21:15"), ("ReminderChannel", "both")), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var plan = await ReadJsonAsync(await member.Client.GetAsync("/api/plan", TestContext.Current.CancellationToken));
        Assert.Equal("both", plan.GetProperty("reminder").GetProperty("channel").GetString());
        var page = await cookie.GetStringAsync("/plan", TestContext.Current.CancellationToken);
        Assert.Contains("name=\"ReminderChannel\" value=\"both\" checked=\"checked\"", page, StringComparison.Ordinal);
        Assert.Contains("Reminders on this device", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Min[water]", "3", "Max[water]", "2", "error-target-water")]
    [InlineData("Min[water]", "12", "Max[water]", "", "error-target-water")]
    [InlineData("Min[sleep]", "lots", "Max[sleep]", "", "error-target-sleep")]
    [InlineData("ReminderTime", "25:00", "ReminderEnabled", "true", "error-reminder")]
    public async Task Save_BadField_ShowsTheFormAgainWithTheFieldMarkedAndSavesNothing(string field, string value, string other, string otherValue, string errorId)
    {
        var member = await factory.MemberAsync();
        var cookie = await factory.CookieClientAsync(member.Email);
        var form = await cookie.GetStringAsync("/plan", TestContext.Current.CancellationToken);

        var response = await cookie.PostAsync("/plan", Form(form, ("Items", "redness"), (field, value), (other, otherValue)), TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The plan was not saved", html, StringComparison.Ordinal);
        Assert.Contains($"id=\"{errorId}\"", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{value}\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await member.Client.GetAsync("/api/plan", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Save_NoItems_IsRefused()
    {
        var member = await factory.MemberAsync();
        var cookie = await factory.CookieClientAsync(member.Email);
        var form = await cookie.GetStringAsync("/plan", TestContext.Current.CancellationToken);

        var response = await cookie.PostAsync("/plan", Form(form), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("id=\"error-items\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanPage_ShowsOnlyTheSignedInMembersPlan()
    {
        var first = await factory.MemberAsync();
        var second = await factory.MemberAsync();
        await ReadJsonAsync(await first.Client.PutAsync("/api/plan", Json("""{"items": ["eczema"], "targets": {"water": {"min": 3}}}"""), TestContext.Current.CancellationToken));

        var html = await (await factory.CookieClientAsync(second.Email)).GetStringAsync("/plan", TestContext.Current.CancellationToken);

        Assert.Contains("You have no plan yet", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Min[water]\" value=\"3\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_IsSentToLogIn()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync("/plan", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location?.AbsolutePath ?? response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    private static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields) =>
        new([new("__RequestVerificationToken", AntiforgeryField().Match(page).Groups[1].Value), .. fields.Select(f => KeyValuePair.Create(f.Name, f.Value))]);
}
