using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Import;

/// <summary>
/// POST /api/import/preview and POST /api/import end to end: each fixture export imported with its proposed mapping
/// equals, value by value, what the fixture intends; the preview stores nothing; twice changes nothing; keep or replace;
/// bad rows import nothing. The clock stays at 2026-06-15T12:00Z.
/// </summary>
public sealed class ImportApiTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static MultipartFormDataContent Form(string text, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", "export.csv" } };
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }

    private static async Task<JsonElement> PreviewAsync(TestMember member, string text, params (string, string)[] fields) =>
        await ReadJsonAsync(await member.Client.PostAsync("/api/import/preview", Form(text, fields), Ct));

    private static Task<HttpResponseMessage> ImportAsync(TestMember member, string text, JsonElement preview, params (string, string)[] fields) =>
        member.Client.PostAsync("/api/import", Form(text, [("mapping", preview.GetProperty("entries").GetRawText()), .. fields]), Ct);

    /// <summary>The journal as the API gives it: day → item → value.</summary>
    private static async Task<SortedDictionary<string, Dictionary<string, double>>> JournalAsync(TestMember member)
    {
        var days = await ReadJsonAsync(await member.Client.GetAsync("/api/journal?from=2025-01-01&to=2026-06-16", Ct));
        var journal = new SortedDictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        foreach (var day in days.EnumerateArray())
        {
            journal[day.GetProperty("date").GetString()!] = day.GetProperty("values").EnumerateObject().ToDictionary(v => v.Name, v => v.Value.GetDouble(), StringComparer.Ordinal);
        }

        return journal;
    }

    /// <summary>The journal's notes as the API gives them: day → note, days without one left out.</summary>
    private static async Task<SortedDictionary<string, string>> NotesAsync(TestMember member)
    {
        var days = await ReadJsonAsync(await member.Client.GetAsync("/api/journal?from=2025-01-01&to=2026-06-16", Ct));
        return new SortedDictionary<string, string>(
            days.EnumerateArray().Where(d => d.GetProperty("note").ValueKind == JsonValueKind.String)
                .ToDictionary(d => d.GetProperty("date").GetString()!, d => d.GetProperty("note").GetString()!), StringComparer.Ordinal);
    }

    private static JsonElement? NotesEntry(JsonElement preview) =>
        preview.GetProperty("entries").EnumerateArray().Where(e => e.GetProperty("type").GetString() == "note").Select(e => (JsonElement?)e).SingleOrDefault();

    private static void AssertJournal(SortedDictionary<string, Dictionary<string, double>> expected, SortedDictionary<string, Dictionary<string, double>> actual)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (day, values) in expected)
        {
            Assert.Equal(values.OrderBy(v => v.Key, StringComparer.Ordinal), actual[day].OrderBy(v => v.Key, StringComparer.Ordinal));
        }
    }

    public static TheoryData<string, string, int> Fixtures => new()
    {
        { "Flaredown", "flaredown", 3 },
        { "Bearable", "bearable", 5 },
        { "Daylio", "daylio", 2 },
        { "Wide", "spreadsheet", 0 },
    };

    private static ImportFixture Fixture(string name) => name switch
    {
        "Flaredown" => ImportFixtures.Flaredown(40),
        "Bearable" => ImportFixtures.Bearable(40),
        "Daylio" => ImportFixtures.Daylio(40),
        _ => ImportFixtures.Wide(40),
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Export_ImportedWithTheProposedMapping_IsInTheJournalValueByValue(string name, string format, int newItems)
    {
        var member = await factory.MemberAsync();
        var fixture = Fixture(name);

        var preview = await PreviewAsync(member, fixture.Text);
        var summary = await ReadJsonAsync(await ImportAsync(member, fixture.Text, preview));

        Assert.Equal(format, preview.GetProperty("format").GetString());
        Assert.Equal(("2026-01-05", "2026-02-13"), (preview.GetProperty("from").GetString(), preview.GetProperty("to").GetString()));
        Assert.Equal((fixture.Expected.Count, fixture.Values, newItems),
            (summary.GetProperty("days").GetInt32(), summary.GetProperty("values").GetInt32(), summary.GetProperty("itemsCreated").GetInt32()));
        AssertJournal(fixture.Expected, await JournalAsync(member));
        Assert.Equal(fixture.Notes, await NotesAsync(member));
        Assert.Equal((fixture.Notes.Count, 0), (summary.GetProperty("notes").GetInt32(), summary.GetProperty("notesShortened").GetInt32()));
        Assert.Equal(fixture.Notes.Count, NotesEntry(preview)?.GetProperty("days").GetInt32() ?? 0);
    }

    [Fact]
    public async Task Notes_SkippedInTheMapping_AreNotImported_ButTheValuesAre()
    {
        var member = await factory.MemberAsync();
        var fixture = ImportFixtures.Daylio(10);
        var preview = await PreviewAsync(member, fixture.Text);
        var entries = JsonSerializer.Deserialize<List<Dictionary<string, JsonElement>>>(preview.GetProperty("entries").GetRawText())!;
        var notes = entries.Single(e => e["type"].GetString() == "note");
        notes["mapping"] = JsonSerializer.SerializeToElement(new { action = "skip" });

        var summary = await ReadJsonAsync(await member.Client.PostAsync("/api/import", Form(fixture.Text, ("mapping", JsonSerializer.Serialize(entries))), Ct));

        Assert.Equal(("note", "Notes"), (NotesEntry(preview)!.Value.GetProperty("mapping").GetProperty("action").GetString(), notes["name"].GetString()));
        Assert.Equal(0, summary.GetProperty("notes").GetInt32());
        Assert.Empty(await NotesAsync(member));
        AssertJournal(fixture.Expected, await JournalAsync(member));
    }

    [Fact]
    public async Task NotesOfADay_TooLongTogether_AreShortenedToFit_AndCounted()
    {
        var member = await factory.MemberAsync();
        var (first, second) = (new string('a', 1500), new string('b', 1500));
        var text = $"Date,Redness,Notes\n2026-01-05,1,{first}\n2026-01-05,,{second}\n2026-01-06,2,short\n2026-01-07,,only a note\n";
        var preview = await PreviewAsync(member, text);

        var summary = await ReadJsonAsync(await ImportAsync(member, text, preview));

        Assert.Equal((3, 3, 1), (summary.GetProperty("days").GetInt32(), summary.GetProperty("notes").GetInt32(), summary.GetProperty("notesShortened").GetInt32()));
        var notes = await NotesAsync(member);
        Assert.Equal($"{first}\n{second}"[..GutSkin.Analysis.DayRules.MaxNoteLength], notes["2026-01-05"]);
        Assert.Equal(("short", "only a note"), (notes["2026-01-06"], notes["2026-01-07"]));
    }

    [Fact]
    public async Task Flaredown_DemographicsAreNeverStored()
    {
        var member = await factory.MemberAsync();
        var fixture = ImportFixtures.Flaredown(5);

        await ImportAsync(member, fixture.Text, await PreviewAsync(member, fixture.Text));

        var items = await member.Client.GetStringAsync("/api/items", Ct);
        var journal = await member.Client.GetStringAsync("/api/journal?from=2025-01-01", Ct);
        Assert.DoesNotContain("female", items + journal, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("QEVuQwEA", items + journal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_StoresNothing()
    {
        var member = await factory.MemberAsync();
        var itemsBefore = await member.Client.GetStringAsync("/api/items", Ct);

        var preview = await PreviewAsync(member, ImportFixtures.Bearable(10).Text);

        Assert.Contains(preview.GetProperty("entries").EnumerateArray(), e => e.GetProperty("mapping").GetProperty("action").GetString() == "new");
        Assert.Empty(await JournalAsync(member));
        Assert.Equal(itemsBefore, await member.Client.GetStringAsync("/api/items", Ct));
    }

    [Fact]
    public async Task SameFileTwice_ChangesNothing()
    {
        var member = await factory.MemberAsync();
        var fixture = ImportFixtures.Flaredown(20);
        var preview = await PreviewAsync(member, fixture.Text);
        await ReadJsonAsync(await ImportAsync(member, fixture.Text, preview));
        var once = await JournalAsync(member);
        var items = await member.Client.GetStringAsync("/api/items", Ct);

        var again = await ReadJsonAsync(await ImportAsync(member, fixture.Text, preview, ("conflicts", "replace")));

        Assert.Equal(0, again.GetProperty("itemsCreated").GetInt32());
        AssertJournal(once, await JournalAsync(member));
        Assert.Equal(items, await member.Client.GetStringAsync("/api/items", Ct));
    }

    [Fact]
    public async Task DaysInTheJournal_KeepLeavesThem_ReplaceTakesTheFilesValuesForTheSameItemsAndItsNote()
    {
        var member = await factory.MemberAsync();
        var fixture = ImportFixtures.Wide(20);
        Assert.Equal(HttpStatusCode.OK, (await member.Client.PutAsJsonAsync("/api/journal/2026-01-06", new { values = new { redness = 9, itch = 2 }, note = "mine" }, Ct)).StatusCode);
        var preview = await PreviewAsync(member, fixture.Text);
        Assert.Equal((1, "2026-01-06"), (preview.GetProperty("conflicts").GetProperty("days").GetInt32(), preview.GetProperty("conflicts").GetProperty("from").GetString()));

        var kept = await ReadJsonAsync(await ImportAsync(member, fixture.Text, preview, ("conflicts", "keep")));
        var afterKeep = await JournalAsync(member);
        var afterKeepNotes = await NotesAsync(member);
        await ReadJsonAsync(await ImportAsync(member, fixture.Text, preview, ("conflicts", "replace")));
        var afterReplace = await JournalAsync(member);

        Assert.Equal((1, fixture.Expected.Count - 1), (kept.GetProperty("keptDays").GetInt32(), kept.GetProperty("days").GetInt32()));
        Assert.Equal(new Dictionary<string, double> { ["redness"] = 9, ["itch"] = 2 }, afterKeep["2026-01-06"]);
        var replaced = new Dictionary<string, double>(fixture.Expected["2026-01-06"]) { ["itch"] = 2 };
        Assert.Equal(replaced.OrderBy(v => v.Key, StringComparer.Ordinal), afterReplace["2026-01-06"].OrderBy(v => v.Key, StringComparer.Ordinal));
        Assert.Equal(("mine", fixture.Notes["2026-01-06"]), (afterKeepNotes["2026-01-06"], (await NotesAsync(member))["2026-01-06"]));
    }

    [Fact]
    public async Task DatesThatFitBothOrders_AreAsked_AndTheAnswerDecides()
    {
        var member = await factory.MemberAsync();
        const string text = "Date,Redness\n03/04/2026,1\n05/06/2026,2\n";

        var preview = await PreviewAsync(member, text);
        var unanswered = await ImportAsync(member, text, preview);
        var answered = await ReadJsonAsync(await ImportAsync(member, text, preview, ("dateOrder", "monthFirst")));

        var question = Assert.Single(preview.GetProperty("questions").EnumerateArray());
        Assert.Equal("dateOrder", question.GetProperty("field").GetString());
        Assert.Equal(JsonValueKind.Null, preview.GetProperty("dateOrder").ValueKind);
        await AssertProblemAsync(unanswered, HttpStatusCode.BadRequest, "dateOrder");
        Assert.Equal(2, answered.GetProperty("days").GetInt32());
        Assert.Equal(["2026-03-04", "2026-05-06"], (await JournalAsync(member)).Keys);
    }

    [Fact]
    public async Task ABadRow_ImportsNothing_AndNamesItsLine()
    {
        var member = await factory.MemberAsync();
        const string text = "Date;Redness;Water\n05/01/2026;3;1,5\n13/01/2026;=A1*2;1\n14/01/2026;4;2\n";
        var preview = await PreviewAsync(member, text);

        var response = await ImportAsync(member, text, preview);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "file");
        Assert.Equal(3, Assert.Single(problem.GetProperty("rows").EnumerateArray()).GetProperty("line").GetInt32());
        Assert.Equal(3, Assert.Single(preview.GetProperty("problems").EnumerateArray()).GetProperty("line").GetInt32());
        Assert.True(preview.GetProperty("decimalComma").GetBoolean());
        Assert.Equal("semicolon", preview.GetProperty("separator").GetString());
        Assert.Empty(await JournalAsync(member));
    }

    [Fact]
    public async Task AnUnreadableFile_IsLineNumbered_InPreviewAndImport()
    {
        var member = await factory.SharedMemberAsync();
        const string text = "Date,Redness\n2026-01-05,3\nnot a day,4\n";

        var preview = await AssertProblemAsync(await member.Client.PostAsync("/api/import/preview", Form(text), Ct), HttpStatusCode.BadRequest, "file");

        Assert.Equal(3, Assert.Single(preview.GetProperty("rows").EnumerateArray()).GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task AFileOfUnknownShape_FallsBackToTheSpreadsheetMapping()
    {
        var member = await factory.SharedMemberAsync();

        var preview = await PreviewAsync(member, "When,Acne,Kombucha,Mood notes\n2026-01-05,4,1,ok\n2026-01-06,2,0,fine\n");

        Assert.Equal("spreadsheet", preview.GetProperty("format").GetString());
        var mappings = preview.GetProperty("entries").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("mapping"));
        Assert.Equal("breakouts", mappings["Acne"].GetProperty("item").GetString());
        Assert.Equal("fermented_foods", mappings["Kombucha"].GetProperty("item").GetString());
        Assert.Equal("skip", mappings["Mood notes"].GetProperty("action").GetString());
    }

    [Fact]
    public async Task AnEditedMapping_IsImportedAsEdited()
    {
        var member = await factory.MemberAsync();
        const string text = "Date,Acne,Pimple count\n2026-01-05,4,7\n";
        var entries = """
            [{"name":"Acne","type":"column","mapping":{"action":"item","item":"redness","multiply":2,"add":1,"combine":"max"}},
             {"name":"Pimple count","type":"column","mapping":{"action":"new","item":"pimples","label":"Pimples","group":"skin","kind":"scale","min":0,"max":50,"combine":"sum"}}]
            """;

        var summary = await ReadJsonAsync(await member.Client.PostAsync("/api/import", Form(text, ("mapping", entries)), Ct));

        Assert.Equal(1, summary.GetProperty("itemsCreated").GetInt32());
        Assert.Equal(new Dictionary<string, double> { ["redness"] = 9, ["pimples"] = 7 }, (await JournalAsync(member))["2026-01-05"]);
    }

    public static TheoryData<string, string, string> BadMappings => new()
    {
        { "not json", "", "mapping" },
        { "[]", "maybe", "conflicts" },
        { """[{"name":"Acne","type":"column","mapping":{"action":"fold"}}]""", "", "mapping[0].action" },
        { """[{"name":"Acne","type":"column","mapping":{"action":"item","item":"unicorn"}}]""", "", "mapping[0].item" },
        { """[{"name":"Acne","type":"column","mapping":{"action":"item","item":"redness","combine":"median"}}]""", "", "mapping[0].combine" },
        { """[{"name":"Acne","type":"column","mapping":{"action":"new","item":"Bad Key","label":"x","group":"skin","kind":"severity"}}]""", "", "mapping[0].item" },
        { """[{"name":"Acne","type":"column","mapping":{"action":"new","item":"acne2","label":"Acne","group":"elbow","kind":"severity"}}]""", "", "mapping[0].group" },
        { """[{"name":"Acne","type":"column","mapping":{"action":"new","item":"redness","label":"Acne","group":"gut","kind":"yesno"}}]""", "", "mapping[0].item" },
    };

    [Theory]
    [MemberData(nameof(BadMappings))]
    public async Task BadMappings_AreProblemsNamingTheField_AndImportNothing(string mapping, string conflicts, string field)
    {
        var member = await factory.SharedMemberAsync();
        var before = await JournalAsync(member);

        var response = await member.Client.PostAsync("/api/import", Form("Date,Acne\n2026-01-05,4\n", ("mapping", mapping), ("conflicts", conflicts)), Ct);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
        AssertJournal(before, await JournalAsync(member));
    }

    [Fact]
    public async Task BadRequests_NameTheField()
    {
        var member = await factory.SharedMemberAsync();

        // Not a form at all: a problem naming the field file, as the photo upload answers it, on both endpoints.
        foreach (var path in new[] { "/api/import/preview", "/api/import", "/api/photos" })
        {
            await AssertProblemAsync(await member.Client.PostAsync(path, Csv("Date,Acne\n"), Ct), HttpStatusCode.BadRequest, "file");
            await AssertProblemAsync(await member.Client.PostAsync(path, new StringContent("{}", Encoding.UTF8, "application/json"), Ct), HttpStatusCode.BadRequest, "file");
        }

        await AssertProblemAsync(await member.Client.PostAsync("/api/import/preview", new MultipartFormDataContent { { new StringContent("x"), "other" } }, Ct), HttpStatusCode.BadRequest, "file");
        await AssertProblemAsync(await member.Client.PostAsync("/api/import/preview", Form("Date,Acne\n2026-01-05,1\n", ("dateOrder", "sideways")), Ct), HttpStatusCode.BadRequest, "dateOrder");
        var large = await member.Client.PostAsync("/api/import/preview", Form("Date,Acne\n" + new string('1', 6 * 1024 * 1024)), Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
    }

    [Fact]
    public async Task Anonymous_IsRefused()
    {
        using var client = factory.CreateClient();

        var response = await client.PostAsync("/api/import/preview", Form("Date,Acne\n2026-01-05,1\n"), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
