using Microsoft.Playwright;

namespace GutSkin.Browser.Tests.Pages;

public sealed class DataPage(IPage page)
{
    public async Task GotoAsync() => await page.GotoAsync("/journal/data");

    /// <summary>Clicks "Download CSV" and returns the file the browser saved.</summary>
    public async Task<string> DownloadCsvAsync()
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" }).ClickAsync());
        Assert.Null(await download.FailureAsync());
        await using var stream = await download.CreateReadStreamAsync();
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
