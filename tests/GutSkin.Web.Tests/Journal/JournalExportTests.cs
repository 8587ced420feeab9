using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Journal;

/// <summary>GET /api/journal/export and moving a whole history out and back in without loss.</summary>
public sealed class JournalExportTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    /// <summary>In the export's own order (date, then key), so a round trip must give back these very bytes.</summary>
    private const string CanonicalCsv =
        "date,item,value\n" +
        "2025-12-31,bloating,2\n" +
        "2025-12-31,probiotic_supplement,1\n" +
        "2025-12-31,redness,7\n" +
        "2026-01-01,sleep,6.25\n" +
        "2026-01-01,stool_form,4\n" +
        "2026-01-01,water,1.5\n" +
        "2026-03-15,itch,0\n" +
        "2026-06-16,redness,1\n";

    [Fact]
    public async Task ExportCsv_IsTheJournalAsAnAttachment_OldestFirst()
    {
        var member = await factory.MemberAsync();
        await ReadJsonAsync(await member.Client.PutDayAsync("2026-06-14", new { values = new { water = 2.5, bloating = 1 }, note = "notes stay out of the CSV" }));
        await ReadJsonAsync(await member.Client.PutDayAsync("2026-06-01", new { values = new { redness = 3 } }));

        foreach (var url in new[] { "/api/journal/export", "/api/journal/export?format=csv", "/api/journal/export?format=CSV" })
        {
            var response = await member.Client.GetAsync(url, TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("gutskin-journal-2026-06-15.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
            Assert.Equal("date,item,value\n2026-06-01,redness,3\n2026-06-14,bloating,1\n2026-06-14,water,2.5\n", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task ExportCsv_EmptyJournal_IsTheHeaderAlone()
    {
        var member = await factory.SharedMemberAsync();

        Assert.Equal("date,item,value\n", await member.Client.GetStringAsync("/api/journal/export?format=csv", TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("pdf")]
    public async Task Export_UnknownFormat_IsProblemNamingFormat(string format)
    {
        var member = await factory.SharedMemberAsync();

        await AssertProblemAsync(await member.Client.GetAsync($"/api/journal/export?format={format}", TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "format");
    }

    [Fact]
    public async Task ExportJson_CarriesProfileCustomItemsDaysAndNotes()
    {
        var member = await factory.MemberAsync("Europe/Berlin");
        await ReadJsonAsync(await member.Client.PutAsJsonAsync("/api/account/profile", new { displayName = "Ada" }, cancellationToken: TestContext.Current.CancellationToken));
        await ReadJsonAsync(await member.Client.PostAsJsonAsync("/api/items", new { key = "dairy", label = "Dairy", group = "habit", kind = "servings" }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.Created);
        await ReadJsonAsync(await member.Client.PutDayAsync("2026-06-14", new { values = new { dairy = 2, redness = 4 }, note = "Cheese at dinner." }));

        var response = await member.Client.GetAsync("/api/journal/export?format=json", TestContext.Current.CancellationToken);

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("gutskin-journal-2026-06-15.json", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var export = await ReadJsonAsync(response);
        Assert.Equal(1, export.GetProperty("version").GetInt32());
        Assert.Equal(GutSkinFactory.Start, export.GetProperty("exportedAt").GetDateTimeOffset());
        Assert.Equal(("Ada", "Europe/Berlin"), (export.GetProperty("profile").GetProperty("displayName").GetString(), export.GetProperty("profile").GetProperty("timeZone").GetString()));
        var item = Assert.Single(export.GetProperty("items").EnumerateArray());
        Assert.Equal(("dairy", "Dairy", "habit", "servings", 0.0, 20.0), (item.GetProperty("key").GetString(), item.GetProperty("label").GetString(), item.GetProperty("group").GetString(), item.GetProperty("kind").GetString(), item.GetProperty("min").GetDouble(), item.GetProperty("max").GetDouble()));
        var day = Assert.Single(export.GetProperty("days").EnumerateArray());
        Assert.Equal(("2026-06-14", "Cheese at dinner."), (day.GetProperty("date").GetString(), day.GetProperty("note").GetString()));
        Assert.Equal([("dairy", 2.0), ("redness", 4.0)], day.GetProperty("values").EnumerateObject().Select(p => (p.Name, p.Value.GetDouble())));
    }

    [Fact]
    public async Task Csv_ExportEraseReimport_ReproducesTheIdenticalCsv()
    {
        var member = await factory.MemberAsync();
        await ReadJsonAsync(await member.Client.PostAsync("/api/journal/import", Csv(CanonicalCsv), TestContext.Current.CancellationToken));
        var exported = await member.Client.GetStringAsync("/api/journal/export?format=csv", TestContext.Current.CancellationToken);
        Assert.Equal(CanonicalCsv, exported);

        Assert.Equal(HttpStatusCode.NoContent, (await member.Client.DeleteAsync("/api/account", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(0, factory.WithDb(db => db.JournalDays.Count(d => d.UserId == member.Id)));
        // The same person signs up again with the same e-mail and brings the file back.
        var again = await factory.CreateMemberAsync(member.Email, Password);
        Assert.Empty((await ReadJsonAsync(await again.GetAsync("/api/journal", TestContext.Current.CancellationToken))).EnumerateArray());
        await ReadJsonAsync(await again.PostAsync("/api/journal/import", Csv(exported), TestContext.Current.CancellationToken));

        Assert.Equal(CanonicalCsv, await again.GetStringAsync("/api/journal/export?format=csv", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Json_ExportIntoAFreshAccount_ReproducesDaysNotesCustomItemsAndProfile()
    {
        var source = await factory.MemberAsync();
        await ReadJsonAsync(await source.Client.PutAsJsonAsync("/api/account/profile", new { displayName = "Ada", timeZone = "Asia/Kolkata" }, cancellationToken: TestContext.Current.CancellationToken));
        await ReadJsonAsync(await source.Client.PostAsJsonAsync("/api/items", new { key = "dairy", label = "Dairy", group = "habit", kind = "servings" }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.Created);
        await ReadJsonAsync(await source.Client.PostAsJsonAsync("/api/items", new { key = "heartburn", label = "Heartburn", group = "gut", kind = "severity", min = 0, max = 5, unit = "pts" }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.Created);
        await ReadJsonAsync(await source.Client.PostAsJsonAsync("/api/items", new { key = "old_cream", label = "Old cream", group = "skin", kind = "yesno" }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.Created);
        await ReadJsonAsync(await source.Client.PutDayAsync("2026-06-10", new { values = new { old_cream = 1, redness = 5 }, note = "Last day of the old cream.\nLine two, with \"quotes\" and ümlauts." }));
        await ReadJsonAsync(await source.Client.PatchAsJsonAsync("/api/items/old_cream", new { archived = true }, cancellationToken: TestContext.Current.CancellationToken));
        await ReadJsonAsync(await source.Client.PostAsJsonAsync("/api/items", new { key = "doxycycline", label = "Doxycycline", group = "treatment", kind = "dose", unit = "mg" }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.Created);
        await ReadJsonAsync(await source.Client.PostAsJsonAsync("/api/items", new { key = "azelaic_acid", label = "Azelaic acid gel", group = "treatment", kind = "yesno" }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.Created);
        await ReadJsonAsync(await source.Client.PutDayAsync("2026-06-11", new { values = new { dairy = 3, heartburn = 4, water = 1.25, doxycycline = 40, azelaic_acid = 1 } }));
        await ReadJsonAsync(await source.Client.PutDayAsync("2026-06-12", new { note = "Only a note today." }));
        var exported = await source.Client.GetStringAsync("/api/journal/export?format=json", TestContext.Current.CancellationToken);

        var target = await factory.MemberAsync();
        var result = await ReadJsonAsync(await target.Client.PostAsync("/api/journal/import", Json(exported), TestContext.Current.CancellationToken));
        var reexported = await target.Client.GetStringAsync("/api/journal/export?format=json", TestContext.Current.CancellationToken);

        Assert.Equal((7, 3, 5), (result.GetProperty("rows").GetInt32(), result.GetProperty("days").GetInt32(), result.GetProperty("createdItems").GetInt32()));
        var before = JsonDocument.Parse(exported).RootElement;
        var dose = before.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("key").GetString() == "doxycycline");
        Assert.Equal(("treatment", "dose", "mg"), (dose.GetProperty("group").GetString(), dose.GetProperty("kind").GetString(), dose.GetProperty("unit").GetString()));
        var after = JsonDocument.Parse(reexported).RootElement;
        Assert.Equal(before.GetProperty("items").ToString(), after.GetProperty("items").ToString());
        Assert.Equal(before.GetProperty("days").ToString(), after.GetProperty("days").ToString());
        Assert.Equal(3, before.GetProperty("days").GetArrayLength());
        Assert.Equal(await source.Client.GetStringAsync("/api/journal", TestContext.Current.CancellationToken), await target.Client.GetStringAsync("/api/journal", TestContext.Current.CancellationToken));
        var profile = await ReadJsonAsync(await target.Client.GetAsync("/api/account/profile", TestContext.Current.CancellationToken));
        Assert.Equal(("Ada", "Asia/Kolkata"), (profile.GetProperty("displayName").GetString(), profile.GetProperty("timeZone").GetString()));

        // Importing the same export again changes nothing.
        var fingerprint = factory.Fingerprint();
        var again = await ReadJsonAsync(await target.Client.PostAsync("/api/journal/import", Json(exported), TestContext.Current.CancellationToken));
        Assert.Equal(0, again.GetProperty("createdItems").GetInt32());
        Assert.Equal(fingerprint, factory.Fingerprint());
    }
}
