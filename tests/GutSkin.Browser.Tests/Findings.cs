using Deque.AxeCore.Commons;
using Microsoft.Playwright;

namespace GutSkin.Browser.Tests;

/// <summary>
/// What the page checks found in one test: axe's serious and critical violations and pages that scroll sideways,
/// gathered over every page the test visits and asserted empty at its end, so one run lists every problem.
/// </summary>
public sealed class Findings
{
    /// <summary>
    /// axe-core as Deque.AxeCore.Commons ships it. It runs in the page and hands back only the serious and critical
    /// violations, one line each: the package's own runner sends every result back and forth as JSON and finishes each
    /// run in a new blank page, which made it seconds per page on a two-core machine.
    /// </summary>
    private static readonly Lazy<string> AxeSource = new(() =>
    {
        using var stream = typeof(AxeResult).Assembly.GetManifestResourceStream("Deque.AxeCore.Commons.Resources.axe.min.js")
            ?? throw new InvalidOperationException("Deque.AxeCore.Commons no longer embeds axe.min.js.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    private readonly string _label;

    private const string RunAxe = """
        async () => {
          const result = await axe.run(document, { resultTypes: ['violations'] });
          return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => `${v.id} (${v.impact}) at ${v.nodes.map(n => n.target.join(' ')).join('; ')} (${v.help})`);
        }
        """;

    /// <summary>How far the page is wider than the screen (WCAG 1.4.10 reflow, which axe does not check), and the widest elements.</summary>
    private const string Overflow = """
        () => {
          const width = document.documentElement.clientWidth;
          if (document.documentElement.scrollWidth <= width) return '';
          const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > width + 1)
            .slice(-3).map(e => `${e.tagName}.${e.className}`);
          return `the page is ${document.documentElement.scrollWidth} px wide on a ${width} px screen and scrolls sideways (${wide.join(', ')})`;
        }
        """;

    private readonly List<string> _found = [];

    /// <param name="label">What the findings are about (a screen and colour scheme, say), first in the failure message.</param>
    public Findings(string label) => _label = label;

    /// <summary>Findings for the pages of <paramref name="context"/> (see <see cref="LoadAxeAsync"/>).</summary>
    public static async Task<Findings> ForAsync(IBrowserContext context, string label)
    {
        await LoadAxeAsync(context);
        return new Findings(label);
    }

    /// <summary>
    /// Loads axe-core into every page <paramref name="context"/> opens from now on, ahead of the page's own scripts (as an
    /// extension would): sent to the browser once, not once a page.
    /// </summary>
    public static Task LoadAxeAsync(IBrowserContext context) => context.AddInitScriptAsync(AxeSource.Value);

    /// <summary>axe on the page as it is now (loaded here when the page was open before the findings were).</summary>
    public async Task AxeAsync(IPage page, string name)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe?.run === 'function'"))
        {
            await page.EvaluateAsync("() => {\n" + AxeSource.Value + "\n}");
        }

        _found.AddRange((await page.EvaluateAsync<string[]>(RunAxe)).Select(v => $"{name}: {v}"));
    }

    /// <summary>Nothing makes the page scroll sideways.</summary>
    public async Task ReflowAsync(IPage page, string name)
    {
        if (await page.EvaluateAsync<string>(Overflow) is { Length: > 0 } overflow)
        {
            _found.Add($"{name}: {overflow}");
        }
    }

    /// <summary>Both checks.</summary>
    public async Task AxeAndReflowAsync(IPage page, string name)
    {
        await AxeAsync(page, name);
        await ReflowAsync(page, name);
    }

    public void AssertNone() => Assert.True(_found.Count == 0, $"{_label}:\n{string.Join('\n', _found)}");
}
