using System.Net;
using System.Text.RegularExpressions;
using GutSkin.Web.Features.Account;
using GutSkin.Web.Features.SelfCheck;
using GutSkin.Web.Tests.Account;
using GutSkin.Web.Tests.Articles;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.SelfCheck;

/// <summary>The self-check as a visitor without JavaScript takes it: one step per post, the result, saving it through sign-up.</summary>
public sealed partial class SelfCheckPageTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("/account/register\\?selfCheck=([^\"]+)\"")]
    private static partial Regex RegisterLink();

    [Fact]
    public async Task Visitor_GetsTheFirstStepWithoutAnAccount()
    {
        var client = factory.CreateClient();

        var response = await client.GetAsync("/self-check", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Step 1 of 6", html, StringComparison.Ordinal);
        Assert.Contains(SelfCheckQuestions.Steps[0].Title, html, StringComparison.Ordinal);
        Assert.DoesNotContain(SelfCheckQuestions.Steps[1].Title, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Visitor_WalksEveryStepOnePerScreenAndCanGoBack()
    {
        var client = factory.CreateClient();
        var answers = SelfCheckAnswers.Parse(SelfCheckScoringTests.Calm);
        for (var step = 0; step < SelfCheckQuestions.Steps.Count - 1; step++)
        {
            var (status, html) = await PostAsync(client, answers.ToString(), step, "next");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains($"Step {step + 2} of 6", html, StringComparison.Ordinal);
            Assert.Contains(WebUtility.HtmlEncode(SelfCheckQuestions.Steps[step + 1].Title), html, StringComparison.Ordinal);
        }

        var (backStatus, back) = await PostAsync(client, "redness=daily&redness_for=years", 2, "back");
        Assert.Equal(HttpStatusCode.OK, backStatus);
        Assert.Contains("Step 2 of 6", back, StringComparison.Ordinal);
        Assert.Matches("name=\"Answers\\[redness\\]\" value=\"daily\" checked=\"checked\"", back);
    }

    [Fact]
    public async Task UnansweredQuestion_ShowsTheStepAgainWithItsError()
    {
        var client = factory.CreateClient();

        var (status, html) = await PostAsync(client, "redness=often&breakouts=never&dryness=never&eczema=never", 1, "next");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Step 2 of 6", html, StringComparison.Ordinal);
        Assert.Contains("id=\"error-redness_for\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"error-psoriasis\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"error-breakouts_for\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Result_WithoutARedFlag_ShowsBandSignsItemsAndExperimentButNoDoctorAlert()
    {
        var client = factory.CreateClient();

        var (status, html) = await FinishAsync(client, "breakouts=often&breakouts_for=months&bloating=often&bloating_for=months&sugar=high&antibiotics=yes");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("see-a-doctor", html, StringComparison.Ordinal);
        Assert.Contains(SelfCheckScoring.BandTitle(GutLinkBand.Higher), html, StringComparison.Ordinal);
        Assert.Contains("What this cannot tell", html, StringComparison.Ordinal);
        Assert.Contains("Breakouts that skin treatments have not cleared.", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/experiments/new?template=sugar\"", html, StringComparison.Ordinal);
        Assert.Contains("/account/register?selfCheck=", html, StringComparison.Ordinal);
        Assert.Contains("does not diagnose", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("blood_in_stool=yes")]
    [InlineData("skin_infection=yes&weight_loss=yes")]
    [InlineData("fever_rash=yes&eczema=daily&eczema_for=years&bloating=daily&bloating_for=years&antibiotics=yes&sugar=high")]
    public async Task Result_WithAnyRedFlag_PutsTheDoctorAdviceFirst(string changes)
    {
        var client = factory.CreateClient();

        var (status, html) = await FinishAsync(client, changes);

        Assert.Equal(HttpStatusCode.OK, status);
        var main = html[html.IndexOf("<main", StringComparison.Ordinal)..];
        var advice = main.IndexOf("id=\"see-a-doctor\"", StringComparison.Ordinal);
        Assert.True(advice > 0, "No doctor advice on the result.");
        Assert.Contains("Please see a doctor promptly", main, StringComparison.Ordinal);
        // Nothing of the result comes before the advice: not the heading, the band, the signs or the save offer.
        foreach (var later in new[] { "<h1", "band-heading", "signs-heading", "track-heading", "experiment-heading", "save-heading" })
        {
            Assert.True(main.IndexOf(later, StringComparison.Ordinal) > advice, $"{later} comes before the doctor advice.");
        }

        Assert.Contains("role=\"alert\" id=\"see-a-doctor\"", main, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedFlagYes_WithoutJavaScript_ShowsItsStepAgainWithTheAdvice_ThenGoesOn()
    {
        var client = factory.CreateClient();
        var answers = SelfCheckScoringTests.With("blood_in_stool=yes&fever_rash=yes").ToString();

        var (status, html) = await PostAsync(client, answers, 0, "next");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Step 1 of 6", html, StringComparison.Ordinal);
        Assert.Contains("role=\"alert\" id=\"see-a-doctor\"", html, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(SelfCheckQuestions.Find("blood_in_stool")!.Text), html, StringComparison.Ordinal);
        // The advice under each flag answered yes, and the form now says it was seen.
        foreach (var flag in new[] { "blood_in_stool", "fever_rash" })
        {
            Assert.Contains($"<strong>{SelfCheckQuestions.DoctorAdvice}</strong>", Between(html, $"id=\"advice-{flag}\"", "</div>"), StringComparison.Ordinal);
        }

        Assert.DoesNotContain("<strong>", Between(html, "id=\"advice-weight_loss\"", "</div>"), StringComparison.Ordinal);
        Assert.Contains("name=\"AdviceShown\" value=\"blood_in_stool fever_rash\"", html, StringComparison.Ordinal);

        var (nextStatus, next) = await PostAsync(client, answers, 0, "next", "blood_in_stool fever_rash");
        Assert.Equal(HttpStatusCode.OK, nextStatus);
        Assert.Contains("Step 2 of 6", next, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Step 1 of 6")]
    [InlineData("weight_loss", "Step 1 of 6")]
    [InlineData("skin_infection weight_loss", "Step 2 of 6")]
    public async Task RedFlagStep_GoesOnOnlyWhenEveryYesHadItsAdviceOnScreen(string adviceShown, string expected)
    {
        var (status, html) = await PostAsync(factory.CreateClient(), SelfCheckScoringTests.With("weight_loss=yes&skin_infection=yes").ToString(), 0, "next", adviceShown);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(expected, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutJavaScript_EveryForHowLongIsInThePage()
    {
        var (_, html) = await PostAsync(factory.CreateClient(), SelfCheckScoringTests.Calm, 0, "next");

        Assert.Contains("Step 2 of 6", html, StringComparison.Ordinal);
        foreach (var question in SelfCheckQuestions.Steps[1].Questions)
        {
            Assert.Contains($"id=\"q-{question.DurationId}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("<noscript><link rel=\"stylesheet\" href=\"/css/no-script.css", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Result_SaysTheStressTargetInThePlural()
    {
        var (status, html) = await FinishAsync(factory.CreateClient(), "stress=high&processed=daily");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Stress: at most 5 points a day", html, StringComparison.Ordinal);
        Assert.Contains("Processed foods: at most 1 serving a day", html, StringComparison.Ordinal);
        Assert.DoesNotContain("5 point a day", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatingAnAccountFromTheResult_PutsThePlanInPlace()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var (_, result) = await FinishAsync(client, "redness=daily&redness_for=years&constipation=often&constipation_for=months&water=low");
        var token = WebUtility.UrlDecode(RegisterLink().Match(result).Groups[1].Value);
        Assert.NotEmpty(token);
        Assert.DoesNotContain("redness", token, StringComparison.Ordinal);

        var registerPage = await client.GetStringAsync($"/account/register?selfCheck={Uri.EscapeDataString(token)}", TestContext.Current.CancellationToken);
        Assert.Contains("Your self-check answers come along", registerPage, StringComparison.Ordinal);
        var email = $"member-{Guid.NewGuid():N}@example.test";
        var response = await client.PostAsync("/account/register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryField().Match(registerPage).Groups[1].Value,
            ["SelfCheck"] = token,
            ["Input.DisplayName"] = "Sam",
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
            ["Input.TimeZone"] = "Asia/Kolkata",
        }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/register?sent=True", response.Headers.Location?.OriginalString);
        // The confirmation link signs the new member in on Today, which says the plan is ready and where to change it.
        var browser = factory.Browser();
        var confirmed = await browser.ConfirmAsync(factory, email);
        Assert.Equal("/today", confirmed.Headers.Location?.OriginalString);
        Assert.Contains(ConfirmEmailModel.Welcome, WebUtility.HtmlDecode(await browser.GetStringAsync("/today", TestContext.Current.CancellationToken)), StringComparison.Ordinal);
        var member = factory.WithDb(db => db.Users.Single(u => u.Email == email));
        var plan = factory.WithDb(db => db.Plans.Where(p => p.UserId == member.Id).Select(p => p.Items).Single());
        Assert.Equal(["redness", "constipation", "stool_form", "probiotic_supplement", "fermented_foods", "prebiotic_foods", "sugary_foods", "processed_foods", "water", "stress"], plan);
        var cookie = await factory.CookieClientAsync(email);
        var planPage = await cookie.GetStringAsync("/plan", TestContext.Current.CancellationToken);
        Assert.Matches("name=\"Min\\[water\\]\" value=\"2\"", planPage);
        var today = await cookie.GetStringAsync("/today", TestContext.Current.CancellationToken);
        Assert.Contains("id=\"item-constipation\"", today, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"item-eczema\"", today, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATamperedToken_CreatesTheAccountWithoutAPlan()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var registerPage = await client.GetStringAsync("/account/register?selfCheck=redness%3Ddaily", TestContext.Current.CancellationToken);
        Assert.DoesNotContain("Your self-check answers come along", registerPage, StringComparison.Ordinal);
        var email = $"member-{Guid.NewGuid():N}@example.test";

        var response = await client.PostAsync("/account/register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryField().Match(registerPage).Groups[1].Value,
            ["SelfCheck"] = "redness=daily",
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
            ["Input.TimeZone"] = "UTC",
        }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/register?sent=True", response.Headers.Location?.OriginalString);
        Assert.True(factory.WithDb(db => db.Users.Any(u => u.Email == email)));
        Assert.False(factory.WithDb(db => db.Plans.Any(p => p.User!.Email == email)));
    }

    [Fact]
    public async Task SignedInMember_SavesTheResultAsTheirPlan_AndOnlyTheirs()
    {
        var member = await factory.MemberAsync();
        var other = await factory.MemberAsync();
        var cookie = await factory.CookieClientAsync(member.Email);
        var (_, result) = await FinishAsync(cookie, "psoriasis=often&psoriasis_for=years");
        Assert.Contains("Save as my plan", result, StringComparison.Ordinal);
        var token = Regex.Match(result, "name=\"Token\" value=\"([^\"]+)\"").Groups[1].Value;

        var response = await cookie.PostAsync("/self-check/save", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryField().Match(result).Groups[1].Value,
            ["Token"] = WebUtility.HtmlDecode(token),
        }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var plan = await ReadJsonAsync(await member.Client.GetAsync("/api/plan", TestContext.Current.CancellationToken));
        Assert.Equal("psoriasis", plan.GetProperty("items")[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync("/api/plan", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task LoggingInFromTheResult_LeadsToTheSavePage_WhichOnlyAsksUntilTheConfirmingPost()
    {
        var member = await factory.MemberAsync();
        var (_, result) = await FinishAsync(factory.CreateClient(), "eczema=often&eczema_for=months");
        var token = WebUtility.UrlDecode(RegisterLink().Match(result).Groups[1].Value);
        var registerPage = await factory.CreateClient().GetStringAsync($"/account/register?selfCheck={Uri.EscapeDataString(token)}", TestContext.Current.CancellationToken);
        var login = Regex.Match(registerPage, "href=\"(/account/login\\?returnUrl=[^\"]+)\"").Groups[1].Value;
        var returnUrl = Uri.UnescapeDataString(WebUtility.HtmlDecode(login)["/account/login?returnUrl=".Length..]);
        Assert.StartsWith("/self-check/save?token=", returnUrl, StringComparison.Ordinal);
        var cookie = await factory.CookieClientAsync(member.Email);

        var page = await cookie.GetAsync(returnUrl, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Save as my plan", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await member.Client.GetAsync("/api/plan", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task SavePage_WithABadToken_SavesNothing()
    {
        var member = await factory.MemberAsync();
        var cookie = await factory.CookieClientAsync(member.Email);

        var page = await cookie.GetAsync("/self-check/save?token=nonsense", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("does not carry a self-check result", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await member.Client.GetAsync("/api/plan", TestContext.Current.CancellationToken)).StatusCode);
    }

    private static string Between(string html, string start, string end)
    {
        var from = html.IndexOf(start, StringComparison.Ordinal);
        return html[from..html.IndexOf(end, from, StringComparison.Ordinal)];
    }

    /// <summary>Answers every step with the calm answers changed by <paramref name="changes"/> and returns the result page.</summary>
    private static Task<(HttpStatusCode Status, string Html)> FinishAsync(HttpClient client, string changes) =>
        PostAsync(client, SelfCheckScoringTests.With(changes).ToString(), SelfCheckQuestions.Steps.Count - 1, "next");

    private static async Task<(HttpStatusCode Status, string Html)> PostAsync(HttpClient client, string answers, int step, string go, string? adviceShown = null)
    {
        var form = await client.GetStringAsync("/self-check");
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", AntiforgeryField().Match(form).Groups[1].Value),
            new("Step", step.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("go", go),
        };
        fields.AddRange(SelfCheckAnswers.Parse(answers).Values.Select(p => KeyValuePair.Create($"Answers[{p.Key}]", p.Value)));
        if (adviceShown is not null)
        {
            fields.Add(new("AdviceShown", adviceShown));
        }

        var response = await client.PostAsync("/self-check", new FormUrlEncodedContent(fields));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
