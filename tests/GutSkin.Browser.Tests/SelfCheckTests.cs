using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
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
        var found = new List<string>();

        await selfCheck.GotoAsync();
        await Expect(selfCheck.Heading).ToHaveTextAsync("Could your skin be gut-related?");
        await AnswerAllStepsAsync(page, selfCheck, Journey, found);

        await Expect(selfCheck.Heading).ToHaveTextAsync("Your self-check result");
        await Expect(selfCheck.DoctorAdvice).ToHaveCountAsync(0);
        await Expect(page.GetByText("Lasting redness or rosacea.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Plan this experiment: Start a probiotic supplement" })).ToBeVisibleAsync();
        await AxeAsync(page, "self-check result", found);

        await page.GetByRole(AriaRole.Link, new() { Name = "Create an account and save" }).ClickAsync();
        await Expect(page.GetByText("Your self-check answers come along")).ToBeVisibleAsync();
        await AxeAsync(page, "register from the self-check", found);
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
        await AxeAsync(page, "/plan", found);

        var today = new TodayPage(page);
        await today.GotoAsync();
        await Expect(today.Item("Redness / rosacea")).ToBeVisibleAsync();
        await Expect(page.Locator("#item-bloating")).ToBeVisibleAsync();
        await Expect(page.Locator("#item-psoriasis")).ToHaveCountAsync(0);
        await Expect(page.Locator("#item-sleep")).ToHaveCountAsync(0);

        Assert.True(found.Count == 0, string.Join('\n', found));
        Requests.AssertAllTo(app.Origin, requests);
    }

    [Fact]
    public async Task ARedFlag_PutsTheDoctorAdviceFirstOnTheResult()
    {
        await using var context = await app.NewContextAsync(Screen.Phone);
        var page = await context.NewPageAsync();
        var selfCheck = new SelfCheckPage(page);
        var answers = new Dictionary<string, string>(Journey, StringComparer.Ordinal) { ["weight_loss"] = "Yes" };
        var found = new List<string>();

        await selfCheck.GotoAsync();
        await AnswerAllStepsAsync(page, selfCheck, answers, found);

        await Expect(selfCheck.DoctorAdvice).ToBeVisibleAsync();
        await Expect(selfCheck.DoctorAdvice).ToContainTextAsync("lost weight without trying");
        Assert.Equal("see-a-doctor", await page.EvaluateAsync<string>("() => document.querySelector('main').firstElementChild.id"));
        await AxeAsync(page, "self-check result with a red flag", found);
        Assert.True(found.Count == 0, string.Join('\n', found));
    }

    [Fact]
    public async Task AMissingAnswer_IsNamedAndBackKeepsTheAnswers()
    {
        await using var context = await app.NewContextAsync(Screen.Phone);
        var page = await context.NewPageAsync();
        var selfCheck = new SelfCheckPage(page);
        var found = new List<string>();

        await selfCheck.GotoAsync();
        await selfCheck.NextAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Please answer every question of this step");
        await Expect(selfCheck.Question(SelfCheckQuestions.RedFlags[0].Text)).ToHaveAccessibleDescriptionAsync("Choose an answer.");
        await AxeAsync(page, "self-check step with errors", found);

        foreach (var question in SelfCheckQuestions.RedFlags)
        {
            await selfCheck.AnswerAsync(question.Text, "No");
        }

        await selfCheck.NextAsync();
        await Expect(selfCheck.Heading).ToHaveTextAsync("Your skin");
        await selfCheck.BackAsync();
        await Expect(selfCheck.Question(SelfCheckQuestions.RedFlags[0].Text).GetByRole(AriaRole.Radio, new() { Name = "No", Exact = true })).ToBeCheckedAsync();
        Assert.True(found.Count == 0, string.Join('\n', found));
    }

    private static async Task AnswerAllStepsAsync(IPage page, SelfCheckPage selfCheck, Dictionary<string, string> answers, List<string> found)
    {
        foreach (var step in SelfCheckQuestions.Steps)
        {
            await Expect(page.GetByText($"Step {SelfCheckQuestions.Steps.ToList().IndexOf(step) + 1} of {SelfCheckQuestions.Steps.Count}")).ToBeVisibleAsync();
            await AxeAsync(page, $"self-check: {step.Title}", found);
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

    private static async Task AxeAsync(IPage page, string name, List<string> found)
    {
        var result = await page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });
        foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            found.Add($"{name}: {violation.Id} ({violation.Impact}) at {string.Join("; ", violation.Nodes.Select(n => n.Target?.ToString()))} ({violation.Help})");
        }

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        if (widths[0] > widths[1])
        {
            found.Add($"{name}: the page is {widths[0]} px wide on a {widths[1]} px screen and scrolls sideways");
        }
    }
}
