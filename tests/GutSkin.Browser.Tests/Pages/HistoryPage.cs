using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace GutSkin.Browser.Tests.Pages;

public sealed class HistoryPage(IPage page)
{
    public async Task GotoAsync() => await page.GotoAsync("/history");

    /// <summary>The table of logged days, under the calendar.</summary>
    public ILocator Table => page.GetByRole(AriaRole.Table, new() { Name = "Your logged days, newest first" });

    /// <summary>The month calendar at the top: a table of weeks, each day a link named by what was logged.</summary>
    public ILocator Calendar => page.GetByRole(AriaRole.Table, new() { NameRegex = new Regex("^Your skin score by day") });

    public ILocator Months => page.GetByRole(AriaRole.Navigation, new() { Name = "Months" });

    /// <summary>The link of one day of the calendar, by its date ("Tuesday 1 December").</summary>
    public ILocator Day(DateOnly date) =>
        Calendar.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^" + Regex.Escape(date.ToString("dddd d MMMM", CultureInfo.InvariantCulture)) + ":") });

    /// <summary>The row of one day, found by its row header (the day as the page writes it).</summary>
    public ILocator Row(DateOnly date) =>
        page.GetByRole(AriaRole.Row).Filter(new()
        {
            Has = page.GetByRole(AriaRole.Rowheader, new() { Name = date.ToString("ddd d MMM yyyy", CultureInfo.CurrentCulture), Exact = true }),
        });

    /// <summary>The text in a day's row under the column header <paramref name="column"/>.</summary>
    public async Task<string> CellAsync(DateOnly date, string column)
    {
        var headers = await Table.GetByRole(AriaRole.Columnheader).AllInnerTextsAsync();
        var index = headers.Select(h => h.Trim()).ToList().IndexOf(column);
        if (index < 1)
        {
            throw new InvalidOperationException($"No column '{column}' after the day column; the headers are: {string.Join(" | ", headers)}.");
        }

        // The first column is the row header; the others are cells.
        return (await Row(date).GetByRole(AriaRole.Cell).Nth(index - 1).InnerTextAsync()).Trim();
    }
}
