using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace GutSkin.Web.Tests.Infrastructure;

/// <summary>A setting that would break a limit or a background loop stops the start, naming the setting.</summary>
public sealed class SettingsValidationTests
{
    private sealed class SettingFactory(string key, string value) : GutSkinFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting(key, value);
        }
    }

    [Theory]
    [InlineData("Reminders:Interval", "00:00:00")]
    [InlineData("Reminders:ClaimLifetime", "-00:01:00")]
    [InlineData("Comments:RateWindow", "00:00:00")]
    [InlineData("Comments:RateLimit", "-1")]
    [InlineData("Push:Timeout", "00:00:00")]
    public void BadSetting_StopsTheStart_NamingIt(string key, string value)
    {
        using var factory = new SettingFactory(key, value);

        var refused = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains(key, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LocalPushEndpoints_OutsideDevelopment_StopTheStart_NamingTheSetting()
    {
        using var factory = new ProductionFactory();

        var refused = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Push:AllowLocalEndpoints", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>Production with its one required setting, and the tests' loophole for a push service on 127.0.0.1.</summary>
    private sealed class ProductionFactory : GutSkinFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.UseSetting("Site:BaseUrl", "https://gutskin.example");
            builder.UseSetting("Push:AllowLocalEndpoints", "true");
        }
    }

    [Fact]
    public async Task DefaultSettings_Start()
    {
        using var factory = new GutSkinFactory();

        using var live = await factory.CreateClient().GetAsync("/health/live", TestContext.Current.CancellationToken);

        Assert.True(live.IsSuccessStatusCode);
    }
}
