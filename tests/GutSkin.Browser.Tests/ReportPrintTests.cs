using System.Globalization;
using System.Text.Json;
using GutSkin.Browser.Tests.Pages;
using Microsoft.Playwright;

namespace GutSkin.Browser.Tests;

/// <summary>The clinician's report prints light: every text on its background is readable in either colour scheme.</summary>
public sealed class ReportPrintTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    /// <summary>
    /// For each visible text element of the report: its colour and the colour behind it (the first ancestor with a
    /// background, alpha blended; the canvas of the root's colour scheme when none has one), and the WCAG contrast.
    /// </summary>
    private const string ContrastScript = """
        () => {
          const parse = c => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null; const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
          const over = (top, bottom) => ({ r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a), b: top.b * top.a + bottom.b * (1 - top.a), a: 1 });
          const rootScheme = getComputedStyle(document.documentElement).colorScheme;
          const canvas = rootScheme.trim() === 'light' ? { r: 255, g: 255, b: 255, a: 1 } : { r: 18, g: 18, b: 18, a: 1 };
          const background = el => {
            const layers = [];
            for (let e = el; e; e = e.parentElement) {
              const c = parse(getComputedStyle(e).backgroundColor);
              if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
            }
            return layers.reverse().reduce((under, layer) => over(layer, under), canvas);
          };
          const luminance = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
          const ratio = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
          return [...document.querySelectorAll('main th, main td, main p, main h1, main h2, main h3, main figcaption, main small')]
            .filter(e => e.getClientRects().length > 0 && e.textContent.trim().length > 0 && getComputedStyle(e).visibility !== 'hidden')
            .map(e => {
              const back = background(e);
              const text = over(parse(getComputedStyle(e).color), back);
              return { tag: e.tagName.toLowerCase(), text: e.textContent.trim().slice(0, 40), color: getComputedStyle(e).color, background: `rgb(${Math.round(back.r)}, ${Math.round(back.g)}, ${Math.round(back.b)})`, ratio: ratio(text, back) };
            });
        }
        """;

    [Theory]
    [InlineData(ColorScheme.Dark)]
    [InlineData(ColorScheme.Light)]
    public async Task PrintedReport_EveryTextHasContrastOfAtLeast4Point5_InEitherColourScheme(ColorScheme colorScheme)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var member = await app.MemberAsync("four months and an experiment for the report", page => WithAnExperimentAsync(page, today));
        await using var context = await app.NewContextAsync(Screen.Desktop, colorScheme, signedIn: member);
        var page = await context.NewPageAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Print, ColorScheme = colorScheme });
        await page.GotoAsync("/report");

        var texts = (await page.EvaluateAsync<JsonElement>(ContrastScript)).EnumerateArray().ToList();

        // The report's kinds of text are all there: row headers, cells, paragraphs, headings and the small charts' captions.
        foreach (var tag in new[] { "th", "td", "p", "h1", "h2", "h3", "figcaption", "small" })
        {
            Assert.Contains(texts, t => t.GetProperty("tag").GetString() == tag);
        }

        var poor = texts.Where(t => t.GetProperty("ratio").GetDouble() < 4.5)
            .Select(t => $"{t.GetProperty("tag").GetString()} \"{t.GetProperty("text").GetString()}\": {t.GetProperty("color").GetString()} on {t.GetProperty("background").GetString()} = {t.GetProperty("ratio").GetDouble():0.00}")
            .ToList();
        Assert.True(poor.Count == 0, $"Text below 4.5:1 in print ({colorScheme}):\n{string.Join('\n', poor)}");
    }

    /// <summary>Four months of the planted journal, and a probiotic experiment over it (its name is the report's h3).</summary>
    private static async Task WithAnExperimentAsync(IPage page, DateOnly today)
    {
        await new DataPage(page).ImportAsync(PlantedJournal.Csv(today.AddDays(-120), 120));
        await page.GotoAsync("/experiments");
        await page.GetByRole(AriaRole.Link, new() { Name = "Plan it: Start a probiotic supplement" }).ClickAsync();
        await page.GetByLabel("The skin symptom to judge it by").SelectOptionAsync(new SelectOptionValue { Label = "Redness / rosacea" });
        await page.GetByLabel("The change already started; use the days before it as the baseline").CheckAsync();
        await page.GetByLabel("The change started on").FillAsync(today.AddDays(-56).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Baseline days").FillAsync("56");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the experiment" }).ClickAsync();
        await page.WaitForURLAsync("**/experiments/*");
    }
}
