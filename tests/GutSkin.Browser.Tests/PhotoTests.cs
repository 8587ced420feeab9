using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GutSkin.Browser.Tests;

/// <summary>Issue 15 on a phone: take a photo on two days (the file input, as the camera hands it over), see both in the
/// timeline, compare the days with the slider; axe and no sideways scroll on every photo page.</summary>
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
