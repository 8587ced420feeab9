using System.Net;
using System.Net.Http.Json;
using System.Text;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Journal;

/// <summary>POST /api/journal/import: all rows or none, every bad row by line, idempotent; the clock stays at 2026-06-15T12:00Z.</summary>
public sealed class JournalImportTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    [Fact]
    public async Task ImportCsv_ValidFile_ImportsEveryRow()
    {
        var member = await factory.MemberAsync();
        const string csv = "\uFEFFdate,item,value\r\n2026-06-01,redness,3\r\n2026-06-01,probiotic_supplement,1\r\n\r\n2026-06-02,water,1.75\r\n2026-06-03,stool_form,4\r\n2026-06-16,sleep,7.5\r\n";

        var result = await ReadJsonAsync(await member.Client.PostAsync("/api/journal/import", Csv(csv), TestContext.Current.CancellationToken));

        Assert.Equal((5, 4, 0), (result.GetProperty("rows").GetInt32(), result.GetProperty("days").GetInt32(), result.GetProperty("createdItems").GetInt32()));
        var days = await ReadJsonAsync(await member.Client.GetAsync("/api/journal", TestContext.Current.CancellationToken));
        Assert.Equal(["2026-06-01", "2026-06-02", "2026-06-03", "2026-06-16"], days.EnumerateArray().Select(d => d.GetProperty("date").GetString()));
        Assert.Equal(1.75, days[1].GetProperty("values").GetProperty("water").GetDouble());
        Assert.Equal(4, days[2].GetProperty("values").GetProperty("stool_form").GetDouble());
    }

    [Fact]
    public async Task ImportCsv_SomeBadRows_ImportsNothingAndListsEveryBadRowByLine()
    {
        var member = await factory.SharedMemberAsync();
        var csv = string.Join('\n',
            "date,item,value",                        // 1
            "2026-06-01,redness,3",                   // 2 fine
            "2026-02-30,redness,3",                   // 3 impossible date
            "2026-06-02,unicorn,1",                   // 4 unknown item
            "2026-06-03,stool_form,3.5",              // 5 Bristol takes whole types
            "2026-06-04,probiotic_supplement,2",      // 6 yes/no
            "2026-06-05,redness,11",                  // 7 out of range
            "2026-06-06,redness,three",               // 8 not a number
            "2026-06-07,redness,3,extra",             // 9 four fields
            "2026-06-01,redness,4",                   // 10 same day and item as line 2
            "2026-06-17,redness,1",                   // 11 more than one day ahead
            "2026-06-08,water,\"1,5\"",               // 12 decimal comma
            "yesterday,redness,1",                    // 13 not a date
            "2026-06-09,sleep,",                      // 14 no value
            "2026-06-10,redness,3") + "\n";           // 15 fine
        var before = factory.Fingerprint();

        var problem = await AssertProblemAsync(await member.Client.PostAsync("/api/journal/import", Csv(csv), TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "file");

        var rows = problem.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14], rows.Select(r => r.GetProperty("line").GetInt32()));
        Assert.All(rows, r => Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("message").GetString())));
        Assert.Contains("line 2", rows.Single(r => r.GetProperty("line").GetInt32() == 10).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("unicorn", rows.Single(r => r.GetProperty("line").GetInt32() == 4).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, factory.Fingerprint());
    }

    [Fact]
    public async Task ImportCsv_ManyBadRows_ListsEveryOne()
    {
        var member = await factory.SharedMemberAsync();
        var csv = new StringBuilder("date,item,value\n");
        for (var i = 0; i < 120; i++)
        {
            csv.Append("2026-05-01,redness,").Append(20 + i).Append('\n');
        }

        var before = factory.Fingerprint();

        var problem = await AssertProblemAsync(await member.Client.PostAsync("/api/journal/import", Csv(csv.ToString()), TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "file");

        Assert.Equal(Enumerable.Range(2, 120), problem.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("line").GetInt32()));
        Assert.Equal(before, factory.Fingerprint());
    }

    [Theory]
    [InlineData("", 1)]
    [InlineData("\n\n", 1)]
    [InlineData("2026-06-01,redness,3\n", 1)]
    [InlineData("day,item,value\n2026-06-01,redness,3\n", 1)]
    [InlineData("date;item;value\n2026-06-01;redness;3\n", 1)]
    [InlineData("date,item\n2026-06-01,redness\n", 1)]
    [InlineData("\ndate,value,item\n2026-06-01,3,redness\n", 2)]
    public async Task ImportCsv_MissingOrWrongHeader_IsProblemAtItsLineAndImportsNothing(string csv, int line)
    {
        var member = await factory.SharedMemberAsync();
        var before = factory.Fingerprint();

        var problem = await AssertProblemAsync(await member.Client.PostAsync("/api/journal/import", Csv(csv), TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "file");

        Assert.Equal(line, Assert.Single(problem.GetProperty("rows").EnumerateArray()).GetProperty("line").GetInt32());
        Assert.Equal(before, factory.Fingerprint());
    }

    [Fact]
    public async Task ImportCsv_HeaderOnly_ImportsNothingSuccessfully()
    {
        var member = await factory.SharedMemberAsync();
        var before = factory.Fingerprint();

        var result = await ReadJsonAsync(await member.Client.PostAsync("/api/journal/import", Csv("date,item,value\n"), TestContext.Current.CancellationToken));

        Assert.Equal(0, result.GetProperty("rows").GetInt32());
        Assert.Equal(before, factory.Fingerprint());
    }

    [Fact]
    public async Task ImportCsv_DuplicateDateAndItem_IsProblemNamingBothLines()
    {
        var member = await factory.SharedMemberAsync();
        var before = factory.Fingerprint();

        var problem = await AssertProblemAsync(
            await member.Client.PostAsync("/api/journal/import", Csv("date,item,value\n2026-04-01,itch,2\n2026-04-02,itch,2\n2026-04-01,itch,2\n"), TestContext.Current.CancellationToken),
            HttpStatusCode.BadRequest,
            "file");

        var row = Assert.Single(problem.GetProperty("rows").EnumerateArray());
        Assert.Equal(4, row.GetProperty("line").GetInt32());
        Assert.Contains("line 2", row.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, factory.Fingerprint());
    }

    [Fact]
    public async Task ImportCsv_FutureDates_TomorrowIsFineTheDayAfterIsNot()
    {
        var member = await factory.MemberAsync();
        var before = factory.Fingerprint();

        var problem = await AssertProblemAsync(await member.Client.PostAsync("/api/journal/import", Csv("date,item,value\n2026-06-16,itch,1\n2026-06-17,itch,1\n2030-01-01,itch,1\n"), TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "file");

        Assert.Equal([3, 4], problem.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("line").GetInt32()));
        Assert.Equal(before, factory.Fingerprint());
        await ReadJsonAsync(await member.Client.PostAsync("/api/journal/import", Csv("date,item,value\n2026-06-16,itch,1\n"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Import_DaysBefore1900OrAtTheEndOfTime_AreRefusedInCsvAndJson()
    {
        var member = await factory.MemberAsync();
        var before = factory.Fingerprint();

        var csv = await AssertProblemAsync(await member.Client.PostAsync("/api/journal/import", Csv("date,item,value\n1900-01-01,itch,1\n1899-12-31,itch,1\n0001-01-01,itch,1\n9999-12-31,itch,1\n"), TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "file");
        var json = await AssertProblemAsync(await member.Client.PostAsync("/api/journal/import", Json("""{"days":[{"date":"1900-01-01"},{"date":"0001-01-01"},{"date":"9999-12-31"}]}"""), TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "days[1].date", "days[2].date");

        Assert.Equal([3, 4, 5], csv.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("line").GetInt32()));
        Assert.Equal(2, json.GetProperty("rows").GetArrayLength());
        Assert.Equal(before, factory.Fingerprint());
    }

    [Fact]
    public async Task ImportCsv_SameFileTwice_LeavesTheSameJournal()
    {
        var member = await factory.MemberAsync();
        const string csv = "date,item,value\n2026-05-01,redness,3\n2026-05-01,sleep,7.5\n2026-05-02,redness,4\n";

        var first = await ReadJsonAsync(await member.Client.PostAsync("/api/journal/import", Csv(csv), TestContext.Current.CancellationToken));
        var afterFirst = factory.Fingerprint();
        var exportFirst = await member.Client.GetStringAsync("/api/journal/export?format=csv", TestContext.Current.CancellationToken);
        var second = await ReadJsonAsync(await member.Client.PostAsync("/api/journal/import", Csv(csv), TestContext.Current.CancellationToken));

        Assert.Equal(first.ToString(), second.ToString());
        Assert.Equal(afterFirst, factory.Fingerprint());
        Assert.Equal(exportFirst, await member.Client.GetStringAsync("/api/journal/export?format=csv", TestContext.Current.CancellationToken));
        Assert.Equal(3, factory.StoredValues(member.Id));
        Assert.Equal(2, factory.WithDb(db => db.JournalDays.Count(d => d.UserId == member.Id)));
    }

    [Fact]
    public async Task ImportCsv_ValueForALoggedDay_ReplacesThatItemOnly()
    {
        var member = await factory.MemberAsync();
        await ReadJsonAsync(await member.Client.PutDayAsync("2026-06-10", new { values = new { redness = 3, bloating = 2 }, note = "keep me" }));

        await ReadJsonAsync(await member.Client.PostAsync("/api/journal/import", Csv("date,item,value\n2026-06-10,redness,5\n2026-06-10,itch,1\n"), TestContext.Current.CancellationToken));

        var day = await ReadJsonAsync(await member.Client.GetAsync("/api/journal/2026-06-10", TestContext.Current.CancellationToken));
        var values = day.GetProperty("values");
        Assert.Equal([("bloating", 2.0), ("itch", 1.0), ("redness", 5.0)], values.EnumerateObject().Select(p => (p.Name, p.Value.GetDouble())));
        Assert.Equal("keep me", day.GetProperty("note").GetString());
    }

    [Fact]
    public async Task Import_FileOver5MB_Is413ProblemAndImportsNothing()
    {
        var member = await factory.SharedMemberAsync();
        var csv = new StringBuilder("date,item,value\n");
        while (csv.Length <= 5 * 1024 * 1024)
        {
            csv.Append("2026-06-01,redness,3\n");
        }

        var before = factory.Fingerprint();

        var withLength = await member.Client.PostAsync("/api/journal/import", Csv(csv.ToString()), TestContext.Current.CancellationToken);
        var chunked = new StreamContent(new UnseekableStream(Encoding.UTF8.GetBytes(csv.ToString())));
        chunked.Headers.ContentType = new("text/csv");
        var withoutLength = await member.Client.PostAsync("/api/journal/import", chunked, TestContext.Current.CancellationToken);

        foreach (var response in new[] { withLength, withoutLength })
        {
            var problem = await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
            Assert.Contains("5 MB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(before, factory.Fingerprint());
    }

    [Theory]
    [InlineData("application/xml")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData(null)]
    public async Task Import_OtherMediaType_Is415ProblemAndImportsNothing(string? mediaType)
    {
        var member = await factory.SharedMemberAsync();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("date,item,value\n2026-06-01,redness,3\n"));
        if (mediaType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", mediaType);
        }

        var before = factory.Fingerprint();

        await AssertProblemAsync(await member.Client.PostAsync("/api/journal/import", content, TestContext.Current.CancellationToken), HttpStatusCode.UnsupportedMediaType);

        Assert.Equal(before, factory.Fingerprint());
    }

    [Theory]
    [InlineData("""{"version":1,"days":[{"date":"2026-06-01","values":{"redness":3}}""")]
    [InlineData("""{"version":1,"days":[{"date":"2026-06-01","values":{"redness":"3"}}]}""")]
    [InlineData("""{"version":1,"days":[{"date":"2026-06-01","values":{"redness":null}}]}""")]
    [InlineData("""{"version":1,"days":{"date":"2026-06-01"}}""")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("""{"version":1,"items":[{"label":"No key","group":"habit","kind":"yesno","min":0,"max":1}]}""")]
    [InlineData("""{"version":1,"items":[null]}""")]
    [InlineData("""{"version":1,"days":[null]}""")]
    [InlineData("""{"version":1,"days":[{"values":{"redness":3}}]}""")]
    [InlineData("""{"version":1,"items":[{"key":"kefir","label":"Kefir","group":"habit","kind":"servings","min":"0","max":20}]}""")]
    public async Task ImportJson_Malformed_IsProblemAndImportsNothing(string json)
    {
        var member = await factory.SharedMemberAsync();
        var before = factory.Fingerprint();

        await AssertBadRequestWithSomeFieldAsync(await member.Client.PostAsync("/api/journal/import", Json(json), TestContext.Current.CancellationToken));

        Assert.Equal(before, factory.Fingerprint());
    }

    [Fact]
    public async Task ImportJson_BadItemsAndDays_ImportsNothingAndListsEachOne()
    {
        var member = await factory.MemberAsync();
        await ReadJsonAsync(await member.Client.PostAsJsonAsync("/api/items", new { key = "dairy", label = "Dairy", group = "habit", kind = "servings" }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.Created);
        var export = new
        {
            version = 1,
            exportedAt = GutSkinFactory.Start,
            items = new object[]
            {
                new { key = "kombucha", label = "Kombucha", group = "habit", kind = "servings", min = 0, max = 20, unit = "serving", custom = true, archived = false },
                new { key = "Bad-Key", label = "Bad", group = "habit", kind = "servings", min = 0, max = 20, unit = "serving", custom = true, archived = false },
                new { key = "dairy", label = "Dairy", group = "habit", kind = "yesno", min = 0, max = 1, unit = "", custom = true, archived = false },
            },
            days = new object[]
            {
                new { date = "2026-06-01", values = new Dictionary<string, double> { ["kombucha"] = 2, ["redness"] = 3 }, note = "fine" },
                new { date = "2026-02-30", values = new Dictionary<string, double>(), note = (string?)null },
                new { date = "2026-06-02", values = new Dictionary<string, double> { ["stool_form"] = 3.5 }, note = (string?)null },
                new { date = "2026-06-03", values = new Dictionary<string, double> { ["unicorn"] = 1 }, note = (string?)null },
                new { date = "2026-06-04", values = new Dictionary<string, double>(), note = new string('n', 2001) },
                new { date = "2026-06-01", values = new Dictionary<string, double>(), note = "twice" },
                new { date = "2026-06-30", values = new Dictionary<string, double>(), note = "future" },
            },
        };
        var before = factory.Fingerprint();

        var problem = await AssertProblemAsync(await member.Client.PostAsJsonAsync("/api/journal/import", export, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "file");

        var messages = problem.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("message").GetString()!).ToList();
        Assert.Equal(8, messages.Count);
        Assert.Contains(messages, m => m.StartsWith("items[1]", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("items[2]", StringComparison.Ordinal));
        foreach (var day in new[] { 1, 2, 3, 4, 5, 6 })
        {
            Assert.Contains(messages, m => m.StartsWith($"days[{day}]", StringComparison.Ordinal));
        }

        Assert.Equal(before, factory.Fingerprint());
    }

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
