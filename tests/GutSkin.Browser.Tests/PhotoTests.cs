using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GutSkin.Browser.Tests;

/// <summary>Issue 15 on a phone: take a photo on two days (the file input, as the camera hands it over), see both in the
/// timeline, compare the days with the slider, tick them into the clinician's report; axe and no sideways scroll on every photo page.</summary>
public sealed class PhotoTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task APhotoOnTwoDays_IsInTheTimeline_AndTheDaysCompareWithTheSlider_OnAPhone()
    {
        var member = await app.MemberAsync("photos", _ => Task.CompletedTask);
        await using var context = await app.NewContextAsync(Screen.Phone, ColorScheme.Light, member);
        var found = await Findings.ForAsync(context, "Photos on a phone");
        var page = await context.NewPageAsync();
        var earlier = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        await page.GotoAsync($"/today/{earlier}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Add photo" }).ClickAsync();
        await Expect(page.GetByText("same light, from the same distance")).ToBeVisibleAsync();
        await found.AxeAndReflowAsync(page, "the add page before the first photo");
        await AddPhotoAsync(page, Skin(180), "face");
        await Expect(page).ToHaveURLAsync(new Regex($"/today/{earlier}"));
        await Expect(page.Locator(".day-photos img")).ToHaveCountAsync(1);

        await page.GotoAsync("/today");
        await page.GetByRole(AriaRole.Link, new() { Name = "Add photo" }).ClickAsync();
        await AddPhotoAsync(page, Skin(120), "face");
        await Expect(page.Locator(".day-photos img")).ToHaveCountAsync(1);

        await page.GotoAsync("/photos?area=face");
        var thumbnails = page.Locator(".photo-timeline img");
        await Expect(thumbnails).ToHaveCountAsync(2);
        Assert.True(await thumbnails.First.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "The thumbnail did not load.");
        await found.AxeAndReflowAsync(page, "/photos?area=face");

        await page.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/photos/compare\\?a={earlier}&b="));
        var slider = page.GetByLabel(new Regex("^Slide between"));
        await Expect(slider).ToBeVisibleAsync();
        await slider.FillAsync("20");
        Assert.Equal("20%", await page.Locator("[data-compare]").EvaluateAsync<string>("e => e.style.getPropertyValue('--split')"));
        await Expect(page.Locator(".compare img")).ToHaveCountAsync(2);
        await found.AxeAndReflowAsync(page, "/photos/compare");

        // The clinician's report shows no photo until "Include photos" is ticked, then both days' thumbnails, loaded.
        await page.GotoAsync("/report");
        await Expect(page.Locator("h1")).ToHaveTextAsync("GutSkin journal report for a clinician");
        await Expect(page.Locator("img")).ToHaveCountAsync(0);
        var include = page.Locator("label.checkbox", new() { HasText = "Include photos" });
        await Expect(include).ToBeVisibleAsync();
        await include.Locator("input[name=photos]").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the report" }).ClickAsync();
        await Expect(page.Locator(".report-photos img")).ToHaveCountAsync(2);
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.report-photos img')].every(i => i.complete && i.naturalWidth > 0)");
        await Expect(page.GetByText("2 of the 2 photo(s) taken in it")).ToBeVisibleAsync();

        found.AssertNone();
    }

    private static async Task AddPhotoAsync(IPage page, byte[] jpeg, string area)
    {
        await page.Locator("#photo-file").SetInputFilesAsync(new FilePayload { Name = "IMG_0001.jpg", MimeType = "image/jpeg", Buffer = jpeg });
        await page.GetByLabel("Body area").SelectOptionAsync(area);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add photo" }).ClickAsync();
    }

    /// <summary>A 1200×900 JPEG of one skin-like colour.</summary>
    private static byte[] Skin(int green)
    {
        using var black = NetVips.Image.Black(1200, 900, bands: 3);
        using var colour = black + new[] { 210.0, green, 150.0 };
        using var bytes = colour.Cast(NetVips.Enums.BandFormat.Uchar);
        return bytes.JpegsaveBuffer();
    }
}
