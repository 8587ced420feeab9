using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Iptc;
using MetadataExtractor.Formats.Xmp;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Photos;

/// <summary>A zip export taken back by /api/journal/import and the Data page: the journal and the photos, all or nothing, once.</summary>
public sealed partial class PhotoZipImportTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [Fact]
    public async Task AnotherMember_ImportsTheZip_GettingTheSameJournalAndPhotos_AndASecondImportChangesNothing()
    {
        var (owner, zip) = await ExportedAsync();
        var other = await factory.MemberAsync();

        // Sent as an octet stream: the zip is known by its first bytes.
        var imported = await ReadJsonAsync(await ImportAsync(other, zip, "application/octet-stream"));

        Assert.Equal((3, 2, 2), (imported.GetProperty("rows").GetInt32(), imported.GetProperty("days").GetInt32(), imported.GetProperty("photos").GetInt32()));
        Assert.Equal(await JournalAsync(owner), await JournalAsync(other));
        var theirs = await PhotosAsync(owner);
        var mine = await PhotosAsync(other);
        Assert.Equal(theirs.Select(Described), mine.Select(Described));
        foreach (var photo in mine)
        {
            var bytes = await other.Client.GetByteArrayAsync($"/api/photos/{photo.GetProperty("id").GetString()}", Ct);
            using var image = NetVips.Image.NewFromBuffer(bytes);
            Assert.Equal((photo.GetProperty("width").GetInt32(), photo.GetProperty("height").GetInt32()), (image.Width, image.Height));
            var metadata = ImageMetadataReader.ReadMetadata(new MemoryStream(bytes));
            Assert.Empty(metadata.Where(d => d is ExifDirectoryBase or XmpDirectory or IptcDirectory).Select(d => d.Name));
            Assert.DoesNotContain(PhotoFiles.Serial, Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
        }

        var before = (factory.Fingerprint(), Stored(other), Stored(owner));
        var again = await ReadJsonAsync(await ImportAsync(other, zip));
        var ownAgain = await ReadJsonAsync(await ImportAsync(owner, zip));

        Assert.Equal((0, 0), (again.GetProperty("photos").GetInt32(), ownAgain.GetProperty("photos").GetInt32()));
        Assert.Equal(before, (factory.Fingerprint(), Stored(other), Stored(owner)));
    }

    public static TheoryData<string, string> BadZips => new()
    {
        { "lying image", "photos.json[1].file" },
        { "missing file", "photos.json[0].file" },
        { "bad area", "photos.json[0].area" },
        { "bad date", "photos.json[1].date" },
        { "unreadable list", "photos.json" },
        { "bad day", "days[0].date" },
    };

    [Theory]
    [MemberData(nameof(BadZips))]
    public async Task ABadPartOfTheZip_IsA400NamingIt_AndNothingIsStored(string what, string field)
    {
        var (_, zip) = await ExportedAsync();
        var bad = Spoil(zip, what);
        var other = await factory.MemberAsync();
        var before = factory.Fingerprint();

        var problem = await AssertProblemAsync(await ImportAsync(other, bad), HttpStatusCode.BadRequest, field);

        if (what == "lying image")
        {
            Assert.Contains("is not a JPEG, PNG or WebP image", problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
            Assert.Contains(".jpg", problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(before, factory.Fingerprint());
        Assert.Equal((0, 0), factory.WithDb(db => (db.Photos.Count(p => p.UserId == other.Id), db.MemberPhotoKeys.Count(k => k.UserId == other.Id))));
    }

    [Fact]
    public async Task SevenNewPhotosOnOneDay_AreA400NamingTheSeventh()
    {
        var photos = Enumerable.Range(0, 7).Select(i => (Name: $"photos/p{i}.jpg", Bytes: PhotoFiles.Plain(100 + i, 80))).ToList();
        var list = JsonSerializer.Serialize(photos.Select(p => new { file = p.Name, date = "2026-06-10", area = "face" }));
        var zip = Zip([("gutskin-journal-2026-06-15.json", "{}"u8.ToArray()), .. photos, ("photos.json", Encoding.UTF8.GetBytes(list))]);
        var member = await factory.MemberAsync();

        await AssertProblemAsync(await ImportAsync(member, zip), HttpStatusCode.BadRequest, "photos.json[6].date");

        Assert.Equal(0, factory.WithDb(db => db.Photos.Count(p => p.UserId == member.Id)));
    }

    [Fact]
    public async Task TheDataPage_OffersTheZip_TakesItBack_AndShowsWhatIsWrongWithALyingOne()
    {
        var (_, zip) = await ExportedAsync();
        var other = await factory.MemberAsync();
        var cookie = await factory.CookieClientAsync(other.Email);
        var page = await cookie.GetStringAsync("/journal/data", Ct);
        Assert.Contains("/api/journal/export?format=zip", page, StringComparison.Ordinal);
        Assert.Contains(".zip", page, StringComparison.Ordinal);

        var refused = await PostPageAsync(cookie, page, Spoil(zip, "lying image"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("is not a JPEG, PNG or WebP image", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(0, factory.WithDb(db => db.Photos.Count(p => p.UserId == other.Id)));

        var posted = await PostPageAsync(cookie, page, zip);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("and 2 new photo(s)", await cookie.GetStringAsync("/journal/data", Ct), StringComparison.Ordinal);
        Assert.Equal(2, factory.WithDb(db => db.Photos.Count(p => p.UserId == other.Id)));
    }

    /// <summary>A member with two days (one with a note), a phone photo carrying metadata and a plain one, and their zip export.</summary>
    private async Task<(TestMember Owner, byte[] Zip)> ExportedAsync()
    {
        var owner = await factory.MemberAsync();
        await ReadJsonAsync(await owner.Client.PutDayAsync("2026-06-10", new { values = new { redness = 3, itch = 2 }, note = "after the beach" }));
        await ReadJsonAsync(await owner.Client.PutDayAsync("2026-06-12", new { values = new { redness = 5 } }));
        foreach (var (file, date, area, caption) in new[] { (PhotoFiles.FromAPhone(6), "2026-06-10", "arms", "left arm"), (PhotoFiles.Plain(640, 480), "2026-06-12", "face", (string?)null) })
        {
            var form = PhotoFiles.Form(file, "skin.jpg", date, area, caption);
            Assert.Equal(HttpStatusCode.Created, (await owner.Client.PostAsync("/api/photos", form, Ct)).StatusCode);
        }

        var response = await owner.Client.GetAsync("/api/journal/export?format=zip", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (owner, await response.Content.ReadAsByteArrayAsync(Ct));
    }

    private static byte[] Spoil(byte[] zip, string what)
    {
        var entries = Entries(zip);
        var photos = entries.Where(e => e.Name.StartsWith("photos/", StringComparison.Ordinal)).Select(e => e.Name).Order().ToList();
        var list = JsonSerializer.Deserialize<List<Dictionary<string, JsonElement>>>(entries.Single(e => e.Name == "photos.json").Bytes)!;
        byte[] Listed(string field, string value)
        {
            var i = field == "date" ? 1 : 0;
            list[i][field] = JsonSerializer.SerializeToElement(value);
            return JsonSerializer.SerializeToUtf8Bytes(list);
        }

        return Zip([.. entries.Select(e => (e.Name, what switch
        {
            "lying image" when e.Name == list[1]["file"].GetString() => PhotoFiles.Html(),
            "missing file" when e.Name == list[0]["file"].GetString() => null,
            "bad area" when e.Name == "photos.json" => Listed("area", "elbow"),
            "bad date" when e.Name == "photos.json" => Listed("date", "2026-13-01"),
            "unreadable list" when e.Name == "photos.json" => "[{\"file\": 3"u8.ToArray(),
            "bad day" when e.Name.EndsWith(".json", StringComparison.Ordinal) && e.Name != "photos.json" => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(e.Bytes).Replace("2026-06-10", "2026-06-31", StringComparison.Ordinal)),
            _ => e.Bytes,
        })).Where(e => e.Item2 is not null).Select(e => (e.Name, e.Item2!))]);
    }

    private static List<(string Name, byte[] Bytes)> Entries(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip));
        return [.. archive.Entries.Select(e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return (e.FullName, copy.ToArray());
        })];
    }

    private static byte[] Zip(IEnumerable<(string Name, byte[] Bytes)> entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var stream = archive.CreateEntry(name).Open();
                stream.Write(bytes);
            }
        }

        return buffer.ToArray();
    }

    private static Task<HttpResponseMessage> ImportAsync(TestMember member, byte[] zip, string mediaType = "application/zip")
    {
        var content = new ByteArrayContent(zip);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return member.Client.PostAsync("/api/journal/import", content, Ct);
    }

    private static async Task<HttpResponseMessage> PostPageAsync(HttpClient cookie, string page, byte[] zip)
    {
        var form = new MultipartFormDataContent { { new StringContent(AntiforgeryField().Match(page).Groups[1].Value), "__RequestVerificationToken" } };
        var content = new ByteArrayContent(zip);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        form.Add(content, "file", "gutskin-2026-06-15.zip");
        return await cookie.PostAsync("/journal/data", form, Ct);
    }

    /// <summary>The journal's days (values and notes) and custom items, as the JSON export gives them.</summary>
    private static async Task<string> JournalAsync(TestMember member)
    {
        var export = await ReadJsonAsync(await member.Client.GetAsync("/api/journal/export?format=json", Ct));
        return export.GetProperty("days").GetRawText() + export.GetProperty("items").GetRawText();
    }

    private static async Task<List<JsonElement>> PhotosAsync(TestMember member) =>
        [.. (await ReadJsonAsync(await member.Client.GetAsync("/api/photos", Ct))).EnumerateArray()];

    private static string Described(JsonElement photo) =>
        $"{photo.GetProperty("date")} {photo.GetProperty("area")} {photo.GetProperty("caption")} {photo.GetProperty("width")}x{photo.GetProperty("height")}";

    /// <summary>The member's photo rows and their sealed contents.</summary>
    private string Stored(TestMember member) => factory.WithDb(db => string.Join(";", db.Photos.Where(p => p.UserId == member.Id).OrderBy(p => p.Id)
        .Select(p => $"{p.Id} {p.Date} {p.Area} {p.Caption} {db.PhotoContents.Count(c => c.PhotoId == p.Id)}").ToList()));
}
