using System.Globalization;
using Microsoft.Playwright;

namespace GutSkin.Browser.Tests.Pages;

public sealed class HistoryPage(IPage page)
{
    public async Task GotoAsync() => await page.GotoAsync("/history");

    public ILocator Table => page.GetByRole(AriaRole.Table);

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
