using System.Net;
using System.Text.RegularExpressions;
using GutSkin.Analysis;
using GutSkin.Web.Features.Items;

namespace GutSkin.Web.Tests.Items;

/// <summary>The Items page's add form: the key is made from the label when left empty, and one typed in is kept.</summary>
public sealed partial class ItemsPageTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [Theory]
    [InlineData("Oat milk", "oat_milk")]
    [InlineData("Crème fraîche", "creme_fraiche")]
    [InlineData("  Red wine!! ", "red_wine")]
    [InlineData("5-HTP", "item_5_htp")]
    [InlineData("Zinc (25 mg)", "zinc_25_mg")]
    [InlineData("Ägäis–Öl", "agais_ol")]
    [InlineData("A very long label for a new moisturiser bought in the spring", "a_very_long_label_for_a_new_moisturiser")]
    public void Slug_IsAValidKeyMadeFromTheLabel(string label, string key)
    {
        var slug = ItemKeySuggestion.Slug(label);

        Assert.Equal(key, slug);
        Assert.True(ItemKeys.IsValid(slug), slug);
    }

    [Theory]
    [InlineData("")]
    [InlineData("!!!")]
    [InlineData("中文")]
    public void Slug_IsNull_WithoutALetterOrDigitToMakeItFrom(string label) => Assert.Null(ItemKeySuggestion.Slug(label));

    [Fact]
    public void From_AvoidsTheMembersKeysAndTheScores()
    {
        var taken = Catalog.BuiltIn.ToDictionary(i => i.Key);

        Assert.Equal("redness_2", ItemKeySuggestion.From("Redness", taken));
        Assert.Equal("skin_score_2", ItemKeySuggestion.From("Skin score", taken));
        taken["dairy"] = taken["redness"];
        taken["dairy_2"] = taken["redness"];
        Assert.Equal("dairy_3", ItemKeySuggestion.From("Dairy", taken));
        var longKey = ItemKeySuggestion.From(new string('x', 45), taken.Append(KeyValuePair.Create(new string('x', 40), taken["redness"])).ToDictionary());
        Assert.Equal(new string('x', 38) + "_2", longKey);
    }

    [Fact]
    public async Task AnEmptyKey_IsMadeFromTheLabel_AvoidingOneTheMemberHas()
    {
        var member = await factory.MemberAsync();
        var client = await factory.CookieClientAsync(member.Email);

        await AddAsync(client, "Oat milk", "", HttpStatusCode.Redirect);
        await AddAsync(client, "Oat milk!", "", HttpStatusCode.Redirect);
        await AddAsync(client, "Oat drink", "oatly", HttpStatusCode.Redirect);

        var keys = factory.WithDb(db => db.Items.Where(i => i.OwnerId == member.Id).OrderBy(i => i.Id).Select(i => i.Key).ToList());
        Assert.Equal(["oat_milk", "oat_milk_2", "oatly"], keys);
        Assert.Contains("(key oatly)", WebUtility.HtmlDecode(await client.GetStringAsync("/items", TestContext.Current.CancellationToken)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoLabelAndNoKey_ShowsTheFormAgain_AndAddsNothing()
    {
        var member = await factory.MemberAsync();
        var client = await factory.CookieClientAsync(member.Email);

        var html = await AddAsync(client, "", "", HttpStatusCode.BadRequest);

        Assert.Contains("A label of 1 to 80 characters is required.", html, StringComparison.Ordinal);
        Assert.Contains("The key is lower-case snake_case", html, StringComparison.Ordinal);
        Assert.Equal(0, factory.WithDb(db => db.Items.Count(i => i.OwnerId == member.Id)));
    }

    [Fact]
    public async Task ATreatmentDose_IsAddedWithItsUnit_AndTodayShowsItInItsOwnGroupAfterHabits()
    {
        var member = await factory.MemberAsync();
        var client = await factory.CookieClientAsync(member.Email);

        var refused = await AddAsync(client, "Doxycycline", "", HttpStatusCode.BadRequest, "treatment", "dose");
        Assert.Contains("A dose needs its unit, such as mg, tablets or ml.", refused, StringComparison.Ordinal);
        await AddAsync(client, "Doxycycline", "", HttpStatusCode.Redirect, "treatment", "dose", "mg");

        var item = factory.WithDb(db => db.Items.Single(i => i.OwnerId == member.Id));
        Assert.Equal(("doxycycline", ItemGroup.Treatment, ItemKind.Dose, "mg"), (item.Key, item.Group, item.Kind, item.Unit));
        var today = WebUtility.HtmlDecode(await client.GetStringAsync("/today", TestContext.Current.CancellationToken));
        var habits = today.IndexOf("<legend>Habits</legend>", StringComparison.Ordinal);
        var treatments = today.IndexOf("<legend>Treatments and medications</legend>", StringComparison.Ordinal);
        Assert.True(habits > 0 && treatments > habits, "Today has no treatments group after the habits.");
        Assert.Contains("<span class=\"item__name\">Doxycycline</span> <span class=\"item__unit\">· mg</span>", today[treatments..], StringComparison.Ordinal);
    }

    private static async Task<string> AddAsync(HttpClient client, string label, string key, HttpStatusCode expected, string group = "habit", string kind = "servings", string unit = "")
    {
        var page = await client.GetStringAsync("/items");
        var response = await client.PostAsync("/items?handler=Create", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", AntiforgeryField().Match(page).Groups[1].Value),
            new("Input.Label", label),
            new("Input.Key", key),
            new("Input.Group", group),
            new("Input.Kind", kind),
            new("Input.Unit", unit),
        ]));
        Assert.Equal(expected, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }
}
