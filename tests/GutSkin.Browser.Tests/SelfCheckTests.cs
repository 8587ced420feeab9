using GutSkin.Browser.Tests.Pages;
using GutSkin.Web.Features.SelfCheck;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GutSkin.Browser.Tests;

/// <summary>A visitor on a phone takes the self-check without an account, creates one from the result and finds the plan in place.</summary>
public sealed class SelfCheckTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    /// <summary>The answers of the journey, by question id; other questions get "No" or their first option.</summary>
    private static readonly Dictionary<string, string> Journey = new(StringComparer.Ordinal)
    {
        ["redness"] = "Most days",
        ["bloating"] = "Most weeks",
        ["water"] = "Less than 1 litre",
        ["fermented"] = "Most days",
        ["prebiotic"] = "A few times a week",
        ["sleep"] = "7 hours or more",
    };

    private static readonly Dictionary<string, string> HowLong = new(StringComparer.Ordinal)
    {
        ["redness"] = "More than a year",
        ["bloating"] = "3 to 12 months",
    };

    [Fact]
    public async Task VisitorTakesTheSelfCheckAnonymouslyCreatesAnAccountFromTheResultAndFindsThePlanInPlace()
    {
        await using var context = await app.NewContextAsync(Screen.Phone);
        var requests = Requests.Record(context);
        var page = await context.NewPageAsync();
        var selfCheck = new SelfCheckPage(page);
        var found = await Findings.ForAsync(context, "Self-check on a phone");

        await selfCheck.GotoAsync();
        await Expect(selfCheck.Heading).ToHaveTextAsync("Could your skin be gut-related?");
        await AnswerAllStepsAsync(page, selfCheck, Journey, found);

        await Expect(selfCheck.Heading).ToHaveTextAsync("Your self-check result");
        await Expect(selfCheck.DoctorAdvice).ToHaveCountAsync(0);
        await Expect(page.GetByText("Lasting redness or rosacea.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Plan this experiment: Start a probiotic supplement" })).ToBeVisibleAsync();
        await found.AxeAndReflowAsync(page, "self-check result");

        await page.GetByRole(AriaRole.Link, new() { Name = "Create an account and save" }).ClickAsync();
        await Expect(page.GetByText("Your self-check answers come along")).ToBeVisibleAsync();
        await found.AxeAndReflowAsync(page, "register from the self-check");
        await page.GetByLabel("Your name").FillAsync("Noor");
        var email = RegisterPage.NewEmail();
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(RegisterPage.Password);
        await page.GetByLabel("Time zone").SelectOptionAsync("Asia/Kolkata");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        // The confirmation link signs the new member in on Today, which says the plan is ready and where to change it.
        await new RegisterPage(page, app.MailFolder).ConfirmAsync(email);
        await Expect(page.GetByText("your plan is ready")).ToBeVisibleAsync();
        await page.GotoAsync("/plan");
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Redness / rosacea" })).ToBeCheckedAsync();
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Bloating" })).ToBeCheckedAsync();
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Psoriasis flare" })).Not.ToBeCheckedAsync();
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Water", Exact = true }).GetByRole(AriaRole.Spinbutton, new() { Name = "At least" })).ToHaveValueAsync("2");
        await found.AxeAndReflowAsync(page, "/plan");

        var today = new TodayPage(page);
        await today.GotoAsync();
        await Expect(today.Item("Redness / rosacea")).ToBeVisibleAsync();
        await Expect(page.Locator("#item-bloating")).ToBeVisibleAsync();
        await Expect(page.Locator("#item-psoriasis")).ToHaveCountAsync(0);
        await Expect(page.Locator("#item-sleep")).ToHaveCountAsync(0);

        found.AssertNone();
        Requests.AssertAllTo(app.Origin, requests);
    }

    [Fact]
    public async Task ARedFlag_PutsTheDoctorAdviceFirstOnTheResult()
    {
        await using var context = await app.NewContextAsync(Screen.Phone);
        var page = await context.NewPageAsync();
        var selfCheck = new SelfCheckPage(page);
        var answers = new Dictionary<string, string>(Journey, StringComparer.Ordinal) { ["weight_loss"] = "Yes" };
        var found = await Findings.ForAsync(context, "Self-check on a phone");

        await selfCheck.GotoAsync();
        await AnswerAllStepsAsync(page, selfCheck, answers, found);

        await Expect(selfCheck.DoctorAdvice).ToBeVisibleAsync();
        await Expect(selfCheck.DoctorAdvice).ToContainTextAsync("lost weight without trying");
        Assert.Equal("see-a-doctor", await page.EvaluateAsync<string>("() => document.querySelector('main').firstElementChild.id"));
        await found.AxeAndReflowAsync(page, "self-check result with a red flag");
        found.AssertNone();
    }

    [Fact]
    public async Task AMissingAnswer_IsNamedAndBackKeepsTheAnswers()
    {
        await using var context = await app.NewContextAsync(Screen.Phone);
        var page = await context.NewPageAsync();
        var selfCheck = new SelfCheckPage(page);
        var found = await Findings.ForAsync(context, "Self-check on a phone");

        await selfCheck.GotoAsync();
        await selfCheck.NextAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Please answer every question of this step");
        await Expect(selfCheck.Question(SelfCheckQuestions.RedFlags[0].Text)).ToHaveAccessibleDescriptionAsync("Choose an answer.");
        await found.AxeAndReflowAsync(page, "self-check step with errors");

        foreach (var question in SelfCheckQuestions.RedFlags)
        {
            await selfCheck.AnswerAsync(question.Text, "No");
        }

        await selfCheck.NextAsync();
        await Expect(selfCheck.Heading).ToHaveTextAsync("Your skin");
        await selfCheck.BackAsync();
        await Expect(selfCheck.Question(SelfCheckQuestions.RedFlags[0].Text).GetByRole(AriaRole.Radio, new() { Name = "No", Exact = true })).ToBeCheckedAsync();
        found.AssertNone();
    }

    [Fact]
    public async Task ARedFlagAnsweredYes_ShowsTheDoctorAdviceAtOnceOnItsStep_AndTheVisitorMayFinish()
    {
        await using var context = await app.NewContextAsync(Screen.Phone);
        var page = await context.NewPageAsync();
        var selfCheck = new SelfCheckPage(page);
        var found = await Findings.ForAsync(context, "Self-check on a phone");
        var weightLoss = SelfCheckQuestions.Find("weight_loss")!;
        var advice = page.Locator("#advice-weight_loss");

        await selfCheck.GotoAsync();
        await Expect(advice).ToHaveAttributeAsync("aria-live", "polite");
        await Expect(advice).ToBeEmptyAsync();
        await selfCheck.AnswerAsync(weightLoss.Text, "Yes");

        // At once, on the same step, in the live region under the question; nothing was sent.
        await Expect(advice).ToContainTextAsync(SelfCheckQuestions.DoctorAdvice);
        await Expect(advice.GetByText(SelfCheckQuestions.DoctorAdvice)).ToBeVisibleAsync();
        await Expect(page.GetByText("Step 1 of 6")).ToBeVisibleAsync();
        await found.AxeAndReflowAsync(page, "self-check step 1 with a red flag");
        await selfCheck.AnswerAsync(weightLoss.Text, "No");
        await Expect(advice).ToBeEmptyAsync();
        await selfCheck.AnswerAsync(weightLoss.Text, "Yes");
        await Expect(advice).ToContainTextAsync(SelfCheckQuestions.DoctorAdvice);

        // The advice was seen: Next goes on to the next step, and the check can be finished.
        var answers = new Dictionary<string, string>(Journey, StringComparer.Ordinal) { ["weight_loss"] = "Yes" };
        foreach (var question in SelfCheckQuestions.RedFlags.Where(q => q.Id != "weight_loss"))
        {
            await selfCheck.AnswerAsync(question.Text, "No");
        }

        // Had the advice not been on screen (as without JavaScript), the step would come back with it first.
        await page.Locator("input[data-advice-shown]").EvaluateAsync("input => input.value = ''");
        await selfCheck.NextAsync();
        await Expect(selfCheck.DoctorAdvice).ToContainTextAsync("lost weight without trying");
        await Expect(page.GetByText("Step 1 of 6")).ToBeVisibleAsync();
        await found.AxeAndReflowAsync(page, "self-check step 1 shown again for its advice");

        await selfCheck.NextAsync();
        await Expect(selfCheck.Heading).ToHaveTextAsync(SelfCheckQuestions.Steps[1].Title);
        await AnswerAllStepsAsync(page, selfCheck, answers, found, fromStep: 1);
        await Expect(selfCheck.Heading).ToHaveTextAsync("Your self-check result");
        await Expect(selfCheck.DoctorAdvice).ToContainTextAsync("lost weight without trying");
        found.AssertNone();
    }

    [Fact]
    public async Task WithoutJavaScript_TheRedFlagStepComesBackOnceWithTheAdvice_AndEveryForHowLongIsShown()
    {
        // No axe and no page scripts here: Playwright cannot run them in a page without JavaScript.
        await using var context = await app.Browser.NewContextAsync(new()
        {
            BaseURL = app.Origin,
            ViewportSize = Chromium.Viewport(Screen.Phone),
            IsMobile = true,
            HasTouch = true,
            JavaScriptEnabled = false,
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var selfCheck = new SelfCheckPage(page);

        await selfCheck.GotoAsync();
        foreach (var question in SelfCheckQuestions.RedFlags)
        {
            await selfCheck.AnswerAsync(question.Text, question.Id == "skin_infection" ? "Yes" : "No");
        }

        await Expect(page.Locator("#advice-skin_infection")).ToBeEmptyAsync();
        await selfCheck.NextAsync();

        // The same step again, the advice first and under the question; then Next goes on.
        await Expect(page.GetByText("Step 1 of 6")).ToBeVisibleAsync();
        await Expect(selfCheck.DoctorAdvice).ToContainTextAsync("look infected");
        await Expect(page.Locator("#advice-skin_infection")).ToContainTextAsync(SelfCheckQuestions.DoctorAdvice);
        await selfCheck.NextAsync();
        await Expect(selfCheck.Heading).ToHaveTextAsync(SelfCheckQuestions.Steps[1].Title);

        // Without JavaScript every "For how long?" is there from the start, with its "skip" hint.
        foreach (var question in SelfCheckQuestions.Steps[1].Questions)
        {
            await Expect(page.GetByRole(AriaRole.Group, new() { Name = $"For how long? ({question.Text})" })).ToBeVisibleAsync();
        }

        await Expect(page.GetByText("Skip this when the answer is no.").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ForHowLong_AppearsOnlyUnderASignTheVisitorHas()
    {
        await using var context = await app.NewContextAsync(Screen.Phone);
        var page = await context.NewPageAsync();
        var selfCheck = new SelfCheckPage(page);
        var found = await Findings.ForAsync(context, "Self-check on a phone");
        await selfCheck.GotoAsync();
        foreach (var question in SelfCheckQuestions.RedFlags)
        {
            await selfCheck.AnswerAsync(question.Text, "No");
        }

        await selfCheck.NextAsync();
        var skin = SelfCheckQuestions.Steps[1].Questions;
        ILocator HowLong(Question q) => page.GetByRole(AriaRole.Group, new() { Name = $"For how long? ({q.Text})" });
        foreach (var question in skin)
        {
            await Expect(HowLong(question)).ToBeHiddenAsync();
        }

        await Expect(page.GetByText("Skip this when the answer is no.").First).ToBeHiddenAsync();
        await selfCheck.AnswerAsync(skin[0].Text, "Most days");
        await Expect(HowLong(skin[0])).ToBeVisibleAsync();
        await Expect(HowLong(skin[1])).ToBeHiddenAsync();
        await found.AxeAndReflowAsync(page, "self-check step 2 with a sign");
        await selfCheck.AnswerAsync(skin[0].Text, skin[0].Options[0].Label);
        await Expect(HowLong(skin[0])).ToBeHiddenAsync();

        // A sign with its duration is what the server needs: the step goes on.
        await selfCheck.AnswerAsync(skin[2].Text, "Now and then");
        await selfCheck.HowLongAsync(skin[2].Text, "3 to 12 months");
        foreach (var question in skin.Where(q => q != skin[2]))
        {
            await selfCheck.AnswerAsync(question.Text, question.Options[0].Label);
        }

        await selfCheck.NextAsync();
        await Expect(selfCheck.Heading).ToHaveTextAsync(SelfCheckQuestions.Steps[2].Title);
        found.AssertNone();
    }

    [Fact]
    public async Task EveryStep_FitsAboutOnePhoneScreen()
    {
        await using var context = await app.NewContextAsync(Screen.Phone);
        var page = await context.NewPageAsync();
        var selfCheck = new SelfCheckPage(page);
        var heights = new List<string>();

        await selfCheck.GotoAsync();
        foreach (var step in SelfCheckQuestions.Steps)
        {
            await Expect(page.GetByText($"Step {SelfCheckQuestions.Steps.ToList().IndexOf(step) + 1} of {SelfCheckQuestions.Steps.Count}")).ToBeVisibleAsync();
            // Where the step's last control ends, from the top of the page: the Next button.
            var bottom = await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^(Next|See my result)$") })
                .EvaluateAsync<double>("b => b.getBoundingClientRect().bottom + window.scrollY");
            if (bottom > ScreenFits)
            {
                heights.Add($"{step.Title}: {bottom:0} px");
            }

            foreach (var question in step.Questions)
            {
                await selfCheck.AnswerAsync(question.Text, question.Options == SelfCheckQuestions.YesNo ? "No" : question.Options[0].Label);
            }

            await selfCheck.NextAsync();
        }

        Assert.True(heights.Count == 0, $"Steps taller than about one 844 px screen ({ScreenFits} px): {string.Join("; ", heights)}");
    }

    /// <summary>"About one phone screen": the Next button ends within 844 px and a tenth.</summary>
    private const double ScreenFits = 844 * 1.1;

    private static async Task AnswerAllStepsAsync(IPage page, SelfCheckPage selfCheck, Dictionary<string, string> answers, Findings found, int fromStep = 0)
    {
        foreach (var step in SelfCheckQuestions.Steps.Skip(fromStep))
        {
            await Expect(page.GetByText($"Step {SelfCheckQuestions.Steps.ToList().IndexOf(step) + 1} of {SelfCheckQuestions.Steps.Count}")).ToBeVisibleAsync();
            await found.AxeAndReflowAsync(page, $"self-check: {step.Title}");
            foreach (var question in step.Questions)
            {
                var option = answers.GetValueOrDefault(question.Id)
                    ?? (question.Options == SelfCheckQuestions.YesNo ? "No" : question.Options[0].Label);
                await selfCheck.AnswerAsync(question.Text, option);
                if (HowLong.TryGetValue(question.Id, out var howLong) && option != question.Options[0].Label)
                {
                    await selfCheck.HowLongAsync(question.Text, howLong);
                }
            }

            await selfCheck.NextAsync();
        }
    }
}
