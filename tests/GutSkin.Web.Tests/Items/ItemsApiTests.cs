using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Items;

public sealed class ItemsApiTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    [Fact]
    public async Task GetItems_NewMember_ListsTheBuiltInCatalogInItsShape()
    {
        var member = await factory.SharedMemberAsync();

        var items = await ReadJsonAsync(await member.Client.GetAsync("/api/items", TestContext.Current.CancellationToken));

        var builtIn = items.EnumerateArray().Where(i => !i.GetProperty("custom").GetBoolean()).ToList();
        Assert.Equal(20, builtIn.Count);
        Assert.Equal(
            ["redness", "breakouts", "dryness", "eczema", "psoriasis", "itch", "bloating", "constipation", "irregular_digestion", "stool_form",
             "probiotic_supplement", "fermented_foods", "prebiotic_foods", "sugary_foods", "processed_foods", "water", "stress", "sleep", "antibiotics", "illness"],
            builtIn.Select(i => i.GetProperty("key").GetString()));
        foreach (var item in builtIn)
        {
            Assert.Equal(
                ["key", "label", "group", "kind", "min", "max", "unit", "custom", "archived"],
                item.EnumerateObject().Select(p => p.Name));
            Assert.False(item.GetProperty("archived").GetBoolean());
        }

        var stool = builtIn.Single(i => i.GetProperty("key").GetString() == "stool_form");
        Assert.Equal(("gut", "scale", 1.0, 7.0), (stool.GetProperty("group").GetString(), stool.GetProperty("kind").GetString(), stool.GetProperty("min").GetDouble(), stool.GetProperty("max").GetDouble()));
        var probiotic = builtIn.Single(i => i.GetProperty("key").GetString() == "probiotic_supplement");
        Assert.Equal(("habit", "yesno", 0.0, 1.0), (probiotic.GetProperty("group").GetString(), probiotic.GetProperty("kind").GetString(), probiotic.GetProperty("min").GetDouble(), probiotic.GetProperty("max").GetDouble()));
        var sleep = builtIn.Single(i => i.GetProperty("key").GetString() == "sleep");
        Assert.Equal(("hours", 24.0), (sleep.GetProperty("kind").GetString(), sleep.GetProperty("max").GetDouble()));
    }

    [Fact]
    public async Task CreateItem_Valid_IsCreatedListedAndLoggable()
    {
        var member = await factory.MemberAsync();

        var response = await member.Client.PostAsJsonAsync("/api/items", new { key = "dairy", label = "Dairy", group = "habit", kind = "servings" }, cancellationToken: TestContext.Current.CancellationToken);

        var created = await ReadJsonAsync(response, HttpStatusCode.Created);
        Assert.Equal("/api/items/dairy", response.Headers.Location?.OriginalString);
        Assert.Equal("dairy", created.GetProperty("key").GetString());
        Assert.True(created.GetProperty("custom").GetBoolean());
        Assert.Equal((0.0, 20.0, "serving"), (created.GetProperty("min").GetDouble(), created.GetProperty("max").GetDouble(), created.GetProperty("unit").GetString()));
        var items = await ReadJsonAsync(await member.Client.GetAsync("/api/items", TestContext.Current.CancellationToken));
        Assert.Equal("dairy", items.EnumerateArray().Last().GetProperty("key").GetString());
        var day = await ReadJsonAsync(await member.Client.PutDayAsync("2026-06-14", new { values = new { dairy = 3 } }));
        Assert.Equal(3, day.GetProperty("values").GetProperty("dairy").GetDouble());
    }

    [Theory]
    [InlineData("""{"key":"doxycycline","label":"Doxycycline","group":"treatment","kind":"dose","unit":"mg"}""", "dose", 0.0, 1000.0, "mg", 2.5)]
    [InlineData("""{"key":"azelaic_acid","label":"Azelaic acid gel","group":"treatment","kind":"yesno"}""", "yesno", 0.0, 1.0, "", 1.0)]
    public async Task CreateItem_Treatment_YesNoOrADoseWithItsUnit_IsCreatedAndLoggable(string json, string kind, double min, double max, string unit, double value)
    {
        var member = await factory.MemberAsync();

        var created = await ReadJsonAsync(await member.Client.PostAsync("/api/items", Json(json), TestContext.Current.CancellationToken), HttpStatusCode.Created);

        Assert.Equal(("treatment", kind, min, max, unit), (created.GetProperty("group").GetString(), created.GetProperty("kind").GetString(), created.GetProperty("min").GetDouble(), created.GetProperty("max").GetDouble(), created.GetProperty("unit").GetString()));
        var key = created.GetProperty("key").GetString()!;
        var day = await ReadJsonAsync(await member.Client.PutDayAsync("2026-06-14", new Dictionary<string, object> { ["values"] = new Dictionary<string, double> { [key] = value } }));
        Assert.Equal(value, day.GetProperty("values").GetProperty(key).GetDouble());
    }

    [Fact]
    public async Task CreateItem_OwnRange_IsEnforcedOnTheJournal()
    {
        var member = await factory.MemberAsync();
        await ReadJsonAsync(await member.Client.PostAsJsonAsync("/api/items", new { key = "new_moisturiser", label = "New moisturiser", group = "skin", kind = "severity", min = 0, max = 5 }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.Created);
        var before = factory.Fingerprint();

        await AssertProblemAsync(await member.Client.PutDayAsync("2026-06-14", new { values = new { new_moisturiser = 6 } }), HttpStatusCode.BadRequest, "values.new_moisturiser");

        Assert.Equal(before, factory.Fingerprint());
        var day = await ReadJsonAsync(await member.Client.PutDayAsync("2026-06-14", new { values = new { new_moisturiser = 5, redness = 1 } }));
        Assert.Equal(5, day.GetProperty("values").GetProperty("new_moisturiser").GetDouble());
    }

    [Theory]
    [InlineData("""{"key":"Dairy","label":"Dairy","group":"habit","kind":"servings"}""", "key")]
    [InlineData("""{"key":"dairy-free","label":"Dairy","group":"habit","kind":"servings"}""", "key")]
    [InlineData("""{"key":"1dairy","label":"Dairy","group":"habit","kind":"servings"}""", "key")]
    [InlineData("""{"key":"dairy__free","label":"Dairy","group":"habit","kind":"servings"}""", "key")]
    [InlineData("""{"key":"dairy_","label":"Dairy","group":"habit","kind":"servings"}""", "key")]
    [InlineData("""{"key":"dairy free","label":"Dairy","group":"habit","kind":"servings"}""", "key")]
    [InlineData("""{"key":"","label":"Dairy","group":"habit","kind":"servings"}""", "key")]
    [InlineData("""{"label":"Dairy","group":"habit","kind":"servings"}""", "key")]
    [InlineData("""{"key":"a_very_long_key_that_goes_on_and_on_and_on","label":"Dairy","group":"habit","kind":"servings"}""", "key")]
    [InlineData("""{"key":"redness","label":"My redness","group":"skin","kind":"severity"}""", "key")]
    [InlineData("""{"key":"stool_form","label":"Stool","group":"gut","kind":"scale"}""", "key")]
    [InlineData("""{"key":"skin_score","label":"My skin score","group":"skin","kind":"severity"}""", "key")]
    [InlineData("""{"key":"gut_score","label":"My gut score","group":"gut","kind":"severity"}""", "key")]
    [InlineData("""{"key":"dairy","label":"","group":"habit","kind":"servings"}""", "label")]
    [InlineData("""{"key":"dairy","label":"   ","group":"habit","kind":"servings"}""", "label")]
    [InlineData("""{"key":"dairy","label":"Dai\u0000ry","group":"habit","kind":"servings"}""", "label")]
    [InlineData("""{"key":"dairy","label":"Dairy","group":"habit","kind":"servings","unit":"g\u0000"}""", "unit")]
    [InlineData("""{"key":"dairy","group":"habit","kind":"servings"}""", "label")]
    [InlineData("""{"key":"dairy","label":"Dairy","group":"food","kind":"servings"}""", "group")]
    [InlineData("""{"key":"dairy","label":"Dairy","group":"1","kind":"servings"}""", "group")]
    [InlineData("""{"key":"dairy","label":"Dairy","kind":"servings"}""", "group")]
    [InlineData("""{"key":"dairy","label":"Dairy","group":"habit","kind":"boolean"}""", "kind")]
    [InlineData("""{"key":"dairy","label":"Dairy","group":"habit"}""", "kind")]
    [InlineData("""{"key":"dairy","label":"Dairy","group":"habit","kind":"yesno","min":0,"max":2}""", "max")]
    [InlineData("""{"key":"dairy","label":"Dairy","group":"habit","kind":"yesno","min":1,"max":5}""", "max")]
    [InlineData("""{"key":"dairy","label":"Dairy","group":"habit","kind":"servings","min":5,"max":5}""", "max")]
    [InlineData("""{"key":"dairy","label":"Dairy","group":"habit","kind":"servings","min":6,"max":2}""", "max")]
    [InlineData("""{"key":"dairy","label":"Dairy","group":"habit","kind":"servings","min":0,"max":1000000}""", "max")]
    [InlineData("""{"key":"dairy","label":"Dairy","group":"habit","kind":"servings","min":0.5,"max":3}""", "min")]
    [InlineData("""{"key":"dairy","label":"Dairy","group":"habit","kind":"servings","unit":"servings of cheese and milk"}""", "unit")]
    [InlineData("""{"key":"dairy","label":"Dairy","group":"habit","kind":"servings","min":"zero"}""", "min")]
    [InlineData("""{"key":"dairy","label":"Dairy","group":"habit","kind":"servings","min":"0"}""", "min")]
    [InlineData("""{"key":"dairy","label":"Dairy","group":"habit","kind":"servings","max":1e400}""", "max")]
    [InlineData("""{"key":42,"label":"Dairy","group":"habit","kind":"servings"}""", "key")]
    [InlineData("""{"key":"doxy","label":"Doxycycline","group":"treatment","kind":"severity"}""", "kind")]
    [InlineData("""{"key":"doxy","label":"Doxycycline","group":"treatment","kind":"servings","unit":"mg"}""", "kind")]
    [InlineData("""{"key":"doxy","label":"Doxycycline","group":"treatment","kind":"dose"}""", "unit")]
    [InlineData("""{"key":"doxy","label":"Doxycycline","group":"treatment","kind":"dose","unit":"  "}""", "unit")]
    [InlineData("""{"key":"doxy","label":"Doxycycline","group":"habit","kind":"dose","unit":"mg"}""", "kind")]
    [InlineData("""{"key":"doxy","label":"Doxycycline","group":"treatment","kind":"dose","unit":"mg","min":-2000}""", "max")]
    public async Task CreateItem_Invalid_IsProblemNamingTheFieldAndWritesNothing(string json, string field)
    {
        var member = await factory.SharedMemberAsync();
        var before = factory.Fingerprint();

        await AssertProblemAsync(await member.Client.PostAsync("/api/items", Json(json), TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, field);

        Assert.Equal(before, factory.Fingerprint());
    }

    [Theory]
    [InlineData("""{"key":"dairy",""")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[1,2]")]
    public async Task CreateItem_MalformedJson_IsProblemAndWritesNothing(string json)
    {
        var member = await factory.SharedMemberAsync();
        var before = factory.Fingerprint();

        await AssertBadRequestWithSomeFieldAsync(await member.Client.PostAsync("/api/items", Json(json), TestContext.Current.CancellationToken));

        Assert.Equal(before, factory.Fingerprint());
    }

    [Fact]
    public async Task CreateItem_DuplicateKey_IsProblemAndKeepsTheFirst()
    {
        var member = await factory.MemberAsync();
        await ReadJsonAsync(await member.Client.PostAsJsonAsync("/api/items", new { key = "alcohol", label = "Alcohol", group = "habit", kind = "servings" }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.Created);
        var before = factory.Fingerprint();

        await AssertProblemAsync(await member.Client.PostAsJsonAsync("/api/items", new { key = "alcohol", label = "Wine", group = "habit", kind = "yesno" }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "key");

        Assert.Equal(before, factory.Fingerprint());
        Assert.Equal("Alcohol", factory.WithDb(db => db.Items.Single(i => i.OwnerId == member.Id && i.Key == "alcohol").Label));
    }

    [Fact]
    public async Task CreateItem_ArchivedKey_IsNeverReused()
    {
        var member = await factory.MemberAsync();
        await ReadJsonAsync(await member.Client.PostAsJsonAsync("/api/items", new { key = "gluten", label = "Gluten", group = "habit", kind = "yesno" }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.Created);
        await ReadJsonAsync(await member.Client.PatchAsJsonAsync("/api/items/gluten", new { archived = true }, cancellationToken: TestContext.Current.CancellationToken));
        var before = factory.Fingerprint();

        await AssertProblemAsync(await member.Client.PostAsJsonAsync("/api/items", new { key = "gluten", label = "Gluten (grams)", group = "habit", kind = "servings" }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "key");

        Assert.Equal(before, factory.Fingerprint());
    }

    [Fact]
    public async Task PatchItem_RelabelAndArchive_KeepsItsValues()
    {
        var member = await factory.MemberAsync();
        await ReadJsonAsync(await member.Client.PostAsJsonAsync("/api/items", new { key = "coffee", label = "Coffee", group = "habit", kind = "servings" }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.Created);
        await ReadJsonAsync(await member.Client.PutDayAsync("2026-06-13", new { values = new { coffee = 2 } }));

        var relabelled = await ReadJsonAsync(await member.Client.PatchAsJsonAsync("/api/items/coffee", new { label = "  Coffee (cups)  " }, cancellationToken: TestContext.Current.CancellationToken));
        var archived = await ReadJsonAsync(await member.Client.PatchAsJsonAsync("/api/items/coffee", new { archived = true }, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("Coffee (cups)", relabelled.GetProperty("label").GetString());
        Assert.False(relabelled.GetProperty("archived").GetBoolean());
        Assert.Equal("Coffee (cups)", archived.GetProperty("label").GetString());
        Assert.True(archived.GetProperty("archived").GetBoolean());
        var listed = (await ReadJsonAsync(await member.Client.GetAsync("/api/items", TestContext.Current.CancellationToken))).EnumerateArray().Single(i => i.GetProperty("key").GetString() == "coffee");
        Assert.True(listed.GetProperty("archived").GetBoolean());
        var day = await ReadJsonAsync(await member.Client.GetAsync("/api/journal/2026-06-13", TestContext.Current.CancellationToken));
        Assert.Equal(2, day.GetProperty("values").GetProperty("coffee").GetDouble());

        var restored = await ReadJsonAsync(await member.Client.PatchAsJsonAsync("/api/items/coffee", new { archived = false }, cancellationToken: TestContext.Current.CancellationToken));
        Assert.False(restored.GetProperty("archived").GetBoolean());
    }

    [Theory]
    [InlineData("redness")]
    [InlineData("no_such_item")]
    public async Task PatchItem_BuiltInOrUnknownKey_IsNotFoundAndChangesNothing(string key)
    {
        var member = await factory.SharedMemberAsync();
        var before = factory.Fingerprint();

        var response = await member.Client.PatchAsJsonAsync($"/api/items/{key}", new { label = "Mine now", archived = true }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, factory.Fingerprint());
        var redness = (await ReadJsonAsync(await member.Client.GetAsync("/api/items", TestContext.Current.CancellationToken))).EnumerateArray().First();
        Assert.Equal(("Redness / rosacea", false), (redness.GetProperty("label").GetString(), redness.GetProperty("archived").GetBoolean()));
    }

    [Theory]
    [InlineData("""{"label":""}""", "label")]
    [InlineData("""{"label":"   "}""", "label")]
    [InlineData("""{"archived":"yes"}""", "archived")]
    [InlineData("""{"label":7}""", "label")]
    [InlineData("""{"label":"Tar\u0000get"}""", "label")]
    public async Task PatchItem_Invalid_IsProblemAndChangesNothing(string json, string field)
    {
        var member = await factory.SharedMemberAsync();
        if (factory.WithDb(db => !db.Items.Any(i => i.OwnerId == member.Id && i.Key == "patch_target")))
        {
            await ReadJsonAsync(await member.Client.PostAsJsonAsync("/api/items", new { key = "patch_target", label = "Target", group = "gut", kind = "severity" }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.Created);
        }

        var before = factory.Fingerprint();

        await AssertProblemAsync(await member.Client.PatchAsync("/api/items/patch_target", Json(json), TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, field);

        Assert.Equal(before, factory.Fingerprint());
    }

    [Fact]
    public async Task PatchItem_LabelOver80Characters_IsProblem()
    {
        var member = await factory.MemberAsync();
        await ReadJsonAsync(await member.Client.PostAsJsonAsync("/api/items", new { key = "tea", label = "Tea", group = "habit", kind = "servings" }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.Created);
        var before = factory.Fingerprint();

        await AssertProblemAsync(await member.Client.PatchAsJsonAsync("/api/items/tea", new { label = new string('t', 81) }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "label");

        Assert.Equal(before, factory.Fingerprint());
    }

    [Fact]
    public async Task CustomItem_IsNotPartOfTheGutScore_EvenInTheGutGroup()
    {
        var member = await factory.MemberAsync();
        await ReadJsonAsync(await member.Client.PostAsJsonAsync("/api/items", new { key = "heartburn", label = "Heartburn", group = "gut", kind = "severity" }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.Created);

        var day = await ReadJsonAsync(await member.Client.PutDayAsync("2026-06-12", new { values = new { heartburn = 8, bloating = 2 } }));

        Assert.Equal(2, day.GetProperty("gutScore").GetDouble());
        Assert.Equal(JsonValueKind.Null, day.GetProperty("skinScore").ValueKind);
    }

    [Fact]
    public async Task CreateItem_SameKeyManyTimesAtOnce_CreatesOneAndRefusesTheRest()
    {
        var member = await factory.MemberAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => member.Client.PostAsJsonAsync("/api/items", new { key = "racing", label = "Racing", group = "habit", kind = "servings" })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await AssertProblemAsync(refused, HttpStatusCode.BadRequest, "key");
        }

        Assert.Equal(1, factory.WithDb(db => db.Items.Count(i => i.OwnerId == member.Id && i.Key == "racing")));
    }

    [Fact]
    public async Task CustomItemIds_StartAboveTheRangeKeptForTheCatalog()
    {
        var member = await factory.MemberAsync();

        await ReadJsonAsync(await member.Client.PostAsJsonAsync("/api/items", new { key = "id_probe", label = "Id probe", group = "habit", kind = "yesno" }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.Created);

        // The catalog may grow by migration; a custom item must never take an id a future built-in row needs.
        Assert.True(factory.WithDb(db => db.Items.Single(i => i.OwnerId == member.Id && i.Key == "id_probe").Id) >= GutSkin.Web.Features.Items.Catalog.FirstCustomId);
    }
}
