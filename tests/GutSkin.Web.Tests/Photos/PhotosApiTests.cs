using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Iptc;
using MetadataExtractor.Formats.Xmp;
using Microsoft.EntityFrameworkCore;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Photos;

/// <summary>/api/photos: what is kept of an upload, what is refused, and who may see it.</summary>
public sealed class PhotosApiTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1, 400, 200, 100, 50)]
    [InlineData(6, 200, 400, 150, 50)]
    [InlineData(8, 200, 400, 50, 350)]
    [InlineData(3, 400, 200, 300, 150)]
    public async Task PhoneJpeg_IsKeptUpright_WithNoExifXmpOrIptc_InTheImageOrItsThumbnail(int orientation, int width, int height, int redX, int redY)
    {
        var member = await factory.MemberAsync();
        var upload = PhotoFiles.FromAPhone(orientation);
        var sent = Metadata(upload);
        Assert.True(sent.OfType<GpsDirectory>().Any() && sent.OfType<XmpDirectory>().Any() && sent.OfType<IptcDirectory>().Any(), "The upload carries no GPS, XMP or IPTC block: the test would prove nothing.");
        Assert.Contains(sent.OfType<ExifSubIfdDirectory>(), d => d.GetDescription(ExifDirectoryBase.TagBodySerialNumber) == PhotoFiles.Serial);

        var photo = await UploadAsync(member, upload, area: "arms");

        Assert.Equal((width, height), (photo.GetProperty("width").GetInt32(), photo.GetProperty("height").GetInt32()));
        foreach (var path in new[] { $"/api/photos/{Id(photo)}", $"/api/photos/{Id(photo)}/thumb" })
        {
            var bytes = await member.Client.GetByteArrayAsync(path, Ct);
            var kept = Metadata(bytes);
            Assert.Empty(kept.Where(d => d is ExifDirectoryBase or GpsDirectory or XmpDirectory or IptcDirectory).Select(d => d.Name));
            Assert.DoesNotContain(PhotoFiles.Serial, System.Text.Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
            using var image = NetVips.Image.NewFromBuffer(bytes);
            Assert.Equal(image.Width * height, image.Height * width);
            // The red quarter is where a person looking at the phone saw it, and the opposite corner is blue.
            int At(int x) => x * image.Width / width;
            Assert.True(image.Getpoint(At(redX), At(redY))[0] > 150, $"{path}: not upright for orientation {orientation}");
            Assert.True(image.Getpoint(At(width - redX), At(height - redY))[0] < 100, $"{path}: not upright for orientation {orientation}");
        }
    }

    public static TheoryData<string, byte[], string?> Refused => new()
    {
        { "bomb.png", PhotoFiles.PngBomb(), "megapixels" },
        { "cut.jpg", PhotoFiles.Truncated(), null },
        { "page.jpg", PhotoFiles.Html(), null },
        { "drawing.svg", PhotoFiles.Svg(), null },
        { "empty.jpg", [], null },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task BombsAndLies_AreA400NamingTheFile_AndNothingIsStored(string fileName, byte[] file, string? says)
    {
        var member = await factory.MemberAsync();

        var problem = await AssertProblemAsync(await member.Client.PostAsync("/api/photos", PhotoFiles.Form(file, fileName, "2026-06-14"), Ct), HttpStatusCode.BadRequest, "file");

        var message = problem.GetProperty("errors").GetProperty("file")[0].GetString()!;
        Assert.Contains(fileName, message, StringComparison.Ordinal);
        Assert.Contains(says ?? fileName, message, StringComparison.Ordinal);
        Assert.Equal(0, factory.WithDb(db => db.Photos.Count(p => p.UserId == member.Id)));
        Assert.Equal(0, factory.WithDb(db => db.MemberPhotoKeys.Count(k => k.UserId == member.Id)));
    }

    [Fact]
    public async Task AnIPhoneHeic_IsA400SayingHeicIsNotSupported_AndToExportAsJpeg()
    {
        // NetVips.Native 8.18 bundles libheif for AVIF only (no HEVC decoder), so a real HEIC cannot be read here.
        var heic = PhotoFiles.Heic();
        Assert.Equal(Web.Features.Photos.PhotoFormat.Heic, Web.Features.Photos.PhotoFormats.Sniff(heic));
        var member = await factory.MemberAsync();

        var problem = await AssertProblemAsync(await member.Client.PostAsync("/api/photos", PhotoFiles.Form(heic, "IMG_0042.HEIC", "2026-06-14"), Ct), HttpStatusCode.BadRequest, "file");

        var message = problem.GetProperty("errors").GetProperty("file")[0].GetString()!;
        Assert.StartsWith("IMG_0042.HEIC is a HEIC photo, and HEIC is not supported: export or share it as JPEG", message, StringComparison.Ordinal);
        Assert.Equal(0, factory.WithDb(db => db.Photos.Count(p => p.UserId == member.Id)));
    }

    [Theory]
    [InlineData("2026-06-14", "elbow", null, "area")]
    [InlineData("2026-07-01", "face", null, "date")]
    [InlineData("14/06/2026", "face", null, "date")]
    [InlineData(null, "face", null, "date")]
    [InlineData("2026-06-14", "face", "long", "caption")]
    public async Task BadFields_AreA400NamingTheField(string? date, string area, string? caption, string field)
    {
        var member = await factory.SharedMemberAsync();

        var form = PhotoFiles.Form(PhotoFiles.Plain(), "skin.jpg", date, area, caption == "long" ? new string('x', 201) : caption);
        await AssertProblemAsync(await member.Client.PostAsync("/api/photos", form, Ct), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task AnotherMember_Gets404_AndAnonymous401_ForEveryPhotoRoute()
    {
        var owner = await factory.MemberAsync();
        var other = await factory.MemberAsync();
        var id = Id(await UploadAsync(owner, PhotoFiles.Plain(), caption: "private"));

        foreach (var path in new[] { $"/api/photos/{id}", $"/api/photos/{id}/thumb" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync(path, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync(path, Ct)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.PatchAsJsonAsync($"/api/photos/{id}", new { caption = "mine now" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.DeleteAsync($"/api/photos/{id}", Ct)).StatusCode);
        Assert.Equal(0, (await ReadJsonAsync(await other.Client.GetAsync("/api/photos", Ct))).GetArrayLength());
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/api/photos", Ct)).StatusCode);
        Assert.Equal("private", (await ReadJsonAsync(await owner.Client.GetAsync("/api/photos", Ct)))[0].GetProperty("caption").GetString());
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.GetAsync($"/api/photos/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task ImagesAndLists_AreNeverStored_ByABrowserOrProxy()
    {
        var member = await factory.MemberAsync();
        var id = Id(await UploadAsync(member, PhotoFiles.Plain()));

        foreach (var path in new[] { "/api/photos", $"/api/photos/{id}", $"/api/photos/{id}/thumb", "/api/photos/nothing-here" })
        {
            var response = await member.Client.GetAsync(path, Ct);
            Assert.Equal("no-store, private", response.Headers.CacheControl?.ToString());
        }

        var image = await member.Client.GetAsync($"/api/photos/{id}", Ct);
        Assert.Equal("image/jpeg", image.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheSeventhPhotoOfADay_IsA400NamingTheDate_AndAnotherDayStillTakesOne()
    {
        var member = await factory.MemberAsync();
        for (var i = 0; i < 6; i++)
        {
            await UploadAsync(member, PhotoFiles.Plain(), date: "2026-06-10");
        }

        await AssertProblemAsync(await member.Client.PostAsync("/api/photos", PhotoFiles.Form(PhotoFiles.Plain(), "seventh.jpg", "2026-06-10"), Ct), HttpStatusCode.BadRequest, "date");
        await UploadAsync(member, PhotoFiles.Plain(), date: "2026-06-11");
        Assert.Equal(6, factory.WithDb(db => db.Photos.Count(p => p.UserId == member.Id && p.Date == new DateOnly(2026, 6, 10))));
    }

    [Fact]
    public async Task ListFiltersByDatesAndArea_PatchChangesAndClears_DeleteRemovesTheBytes()
    {
        var member = await factory.MemberAsync();
        var face = Id(await UploadAsync(member, PhotoFiles.Plain(), date: "2026-06-01", area: "face", caption: "before"));
        await UploadAsync(member, PhotoFiles.Plain(), date: "2026-06-05", area: "hands");

        var faces = await ReadJsonAsync(await member.Client.GetAsync("/api/photos?from=2026-05-30&to=2026-06-10&area=face", Ct));
        Assert.Equal([face], faces.EnumerateArray().Select(Id));
        await AssertProblemAsync(await member.Client.GetAsync("/api/photos?area=elbow", Ct), HttpStatusCode.BadRequest, "area");

        var changed = await ReadJsonAsync(await member.Client.PatchAsJsonAsync($"/api/photos/{face}", new { area = "neck", caption = "", date = "2026-06-02" }, Ct));
        Assert.Equal(("neck", JsonValueKind.Null, "2026-06-02"), (changed.GetProperty("area").GetString(), changed.GetProperty("caption").ValueKind, changed.GetProperty("date").GetString()));
        await AssertProblemAsync(await member.Client.PatchAsJsonAsync($"/api/photos/{face}", new { area = "elbow" }, Ct), HttpStatusCode.BadRequest, "area");

        Assert.Equal(HttpStatusCode.NoContent, (await member.Client.DeleteAsync($"/api/photos/{face}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.Client.GetAsync($"/api/photos/{face}", Ct)).StatusCode);
        Assert.Equal(0, factory.WithDb(db => db.PhotoContents.Count(c => c.PhotoId == face)));
    }

    [Fact]
    public async Task StoredBytes_AreSealed_SoTheDatabaseHoldsNoImage()
    {
        var member = await factory.MemberAsync();
        var id = Id(await UploadAsync(member, PhotoFiles.Plain()));
        var image = await member.Client.GetByteArrayAsync($"/api/photos/{id}", Ct);

        var stored = factory.WithDb(db => db.PhotoContents.AsNoTracking().Where(c => c.PhotoId == id).Select(c => c.Sealed).ToList());
        Assert.Equal(2, stored.Count);
        Assert.All(stored, bytes =>
        {
            Assert.False(bytes.AsSpan().StartsWith(image.AsSpan(0, 4)), "A stored photo starts like a JPEG.");
            Assert.True(bytes.AsSpan().IndexOf(image.AsSpan(image.Length / 2, 64)) < 0, "The stored bytes hold the image in the clear.");
        });
        Assert.DoesNotContain(image, factory.WithDb(db => db.MemberPhotoKeys.AsNoTracking().Where(k => k.UserId == member.Id).Select(k => k.ProtectedKey).ToList()));
    }

    [Fact]
    public async Task ZipExport_HoldsTheCsvTheJsonAndEveryPhoto()
    {
        var member = await factory.MemberAsync();
        await ReadJsonAsync(await member.Client.PutDayAsync("2026-06-14", new { values = new { redness = 3 }, note = "a note" }));
        var id = Id(await UploadAsync(member, PhotoFiles.Plain(), area: "face", caption: "morning"));
        var image = await member.Client.GetByteArrayAsync($"/api/photos/{id}", Ct);

        var response = await member.Client.GetAsync("/api/journal/export?format=zip", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(Ct));
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Equal(["gutskin-journal-2026-06-15.csv", "gutskin-journal-2026-06-15.json", $"photos/2026-06-14-face-{id}.jpg", "photos.json"], names);
        Assert.Equal(await member.Client.GetStringAsync("/api/journal/export?format=csv", Ct), Read(zip, names[0]));
        Assert.Contains("a note", Read(zip, names[1]), StringComparison.Ordinal);
        using var photo = new MemoryStream();
        await zip.GetEntry(names[2])!.Open().CopyToAsync(photo, Ct);
        Assert.Equal(image, photo.ToArray());
        var listed = JsonDocument.Parse(Read(zip, "photos.json")).RootElement[0];
        Assert.Equal((names[2], "morning"), (listed.GetProperty("file").GetString(), listed.GetProperty("caption").GetString()));
    }

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    private static string Id(JsonElement photo) => photo.GetProperty("id").GetString()!;

    private static IReadOnlyList<MetadataExtractor.Directory> Metadata(byte[] bytes) => ImageMetadataReader.ReadMetadata(new MemoryStream(bytes));

    private static async Task<JsonElement> UploadAsync(TestMember member, byte[] file, string date = "2026-06-14", string? area = null, string? caption = null)
    {
        var response = await member.Client.PostAsync("/api/photos", PhotoFiles.Form(file, "skin.jpg", date, area, caption), Ct);
        var photo = await ReadJsonAsync(response, HttpStatusCode.Created);
        Assert.Equal($"/api/photos/{Id(photo)}", response.Headers.Location?.ToString());
        Assert.Equal(22, Id(photo).Length);
        return photo;
    }
}
