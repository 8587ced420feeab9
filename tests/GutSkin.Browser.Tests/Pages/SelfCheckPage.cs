using Microsoft.Playwright;

namespace GutSkin.Browser.Tests.Pages;

/// <summary>The self-check: one step of questions per screen, each question a group of radio buttons named by its text.</summary>
public sealed class SelfCheckPage(IPage page)
{
    public async Task GotoAsync() => await page.GotoAsync("/self-check");

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>The "see a doctor" advice a red flag brings.</summary>
    public ILocator DoctorAdvice => page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Please see a doctor promptly" });

    public ILocator Question(string text) => page.GetByRole(AriaRole.Group, new() { Name = text, Exact = true });

    public async Task AnswerAsync(string question, string option) =>
        await Question(question).GetByRole(AriaRole.Radio, new() { Name = option, Exact = true }).CheckAsync();

    /// <summary>The "For how long?" group that follows a symptom question.</summary>
    public async Task HowLongAsync(string question, string option) =>
        await page.GetByRole(AriaRole.Group, new() { Name = $"For how long? ({question})" }).GetByRole(AriaRole.Radio, new() { Name = option, Exact = true }).CheckAsync();

    /// <summary>"Next", or "See my result" on the last step.</summary>
    public async Task NextAsync() =>
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^(Next|See my result)$") }).ClickAsync();

    public async Task BackAsync() => await page.GetByRole(AriaRole.Button, new() { Name = "Back", Exact = true }).ClickAsync();
}
