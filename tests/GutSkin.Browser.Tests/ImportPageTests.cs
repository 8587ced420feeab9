using System.Text;
using System.Text.RegularExpressions;
using GutSkin.Browser.Tests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GutSkin.Browser.Tests;

/// <summary>Importing another app's export on a phone: upload, edit the mapping, import, land on the way to Insights.</summary>
public sealed class ImportPageTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ADaylioExport_IsPreviewedEditedAndImportedOnAPhone()
    {
        await using var context = await app.NewContextAsync(Screen.Phone);
        var found = await Findings.ForAsync(context, "import on a phone");
        var page = await context.NewPageAsync();
        await new RegisterPage(page, app.MailFolder).RegisterAsync();
        var fixture = ImportFixtures.Daylio(20);

        await page.GotoAsync("/journal/data");
        await page.GetByRole(AriaRole.Link, new() { Name = "Import from another app" }).ClickAsync();
        await page.GetByLabel("File").SetInputFilesAsync(new FilePayload { Name = "daylio_export.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(fixture.Text) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show what is in it" }).ClickAsync();

        await Expect(page.GetByText("A daylio file")).ToBeVisibleAsync();
        var badSleep = page.Locator("fieldset.import-entry", new() { HasText = "bad sleep" });
        await Expect(badSleep.GetByLabel("What to do")).ToHaveValueAsync("new");
        var notes = page.Locator("fieldset.import-entry", new() { HasText = "Notes" });
        await Expect(notes.GetByLabel("What to do")).ToHaveValueAsync("note");
        await found.AxeAndReflowAsync(page, "the mapping");
        // The member decides "bad sleep" is not worth keeping.
        await badSleep.GetByLabel("What to do").SelectOptionAsync("skip");
        await page.GetByRole(AriaRole.Button, new() { Name = "3. Import" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Imported");
        var insights = page.GetByRole(AriaRole.Link, new() { Name = $"See what your {fixture.Expected.Count} days show" });
        await Expect(insights).ToBeVisibleAsync();
        var journal = await page.Context.APIRequest.GetAsync("/api/journal?from=2025-01-01");
        var text = await journal.TextAsync();
        Assert.Contains("\"probiotic_supplement\":1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("bad_sleep", text, StringComparison.Ordinal);
        Assert.Contains("mostly", text, StringComparison.Ordinal);
        await insights.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/insights$"));
        found.AssertNone();
    }
}
