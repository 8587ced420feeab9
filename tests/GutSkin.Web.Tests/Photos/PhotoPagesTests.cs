using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace GutSkin.Web.Tests.Photos;

/// <summary>The capture form on a day's page (no script needed), the timeline and the comparison.</summary>
public sealed partial class PhotoPagesTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("<img src=\"/api/photos/[^\"]+/thumb\" loading=\"lazy\"")]
    private static partial Regex LazyThumbnail();

    [Fact]
    public async Task APastDay_TakesAPhotoByAPlainFormPost_WithTheFramingHintOnlyTheFirstTime()
    {
        var member = await factory.MemberAsync();
        var cookie = await factory.CookieClientAsync(member.Email);
        Assert.Contains("/photos/add?date=2026-06-12", await cookie.GetStringAsync("/today/2026-06-12", Ct), StringComparison.Ordinal);
        var page = await cookie.GetStringAsync("/photos/add?date=2026-06-12", Ct);
        Assert.Contains("same light, from the same distance", page, StringComparison.Ordinal);
        Assert.Contains("accept=\"image/*\" capture=\"environment\"", page, StringComparison.Ordinal);

        var posted = await PostFormAsync(cookie, page, PhotoFiles.Plain(), "arm.jpg", "2026-06-12", "arms");

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("/today/2026-06-12#photos-heading", posted.Headers.Location?.ToString());
        var after = await cookie.GetStringAsync("/today/2026-06-12", Ct);
        Assert.Single(LazyThumbnail().Matches(after));
        Assert.DoesNotContain("same light, from the same distance", after, StringComparison.Ordinal);
        Assert.Equal("arms", factory.WithDb(db => db.Photos.Single(p => p.UserId == member.Id).Area));
    }

    [Fact]
    public async Task AFileThatIsNoPhoto_ShowsTheFormAgainWithTheMessage_AndStoresNothing()
    {
        var member = await factory.MemberAsync();
        var cookie = await factory.CookieClientAsync(member.Email);
        var page = await cookie.GetStringAsync("/photos/add", Ct);

        var posted = await PostFormAsync(cookie, page, PhotoFiles.Html(), "page.jpg", "2026-06-15", "face");

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Contains("page.jpg is not a JPEG, PNG or WebP image.", await posted.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(0, factory.WithDb(db => db.Photos.Count(p => p.UserId == member.Id)));
    }

    [Fact]
    public async Task Timeline_ShowsOnePageOfLazyThumbnails_AndCompareShowsBothDays()
    {
        var member = await factory.MemberAsync();
        var cookie = await factory.CookieClientAsync(member.Email);
        for (var i = 0; i < IndexPageSize + 1; i++)
        {
            var response = await member.Client.PostAsync("/api/photos", PhotoFiles.Form(PhotoFiles.Plain(64, 48), "p.jpg", $"2026-06-{1 + (i / 6):00}", i % 2 == 0 ? "face" : "hands"), Ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        var first = await cookie.GetStringAsync("/photos", Ct);
        var second = await cookie.GetStringAsync("/photos?page=2", Ct);
        var faces = await cookie.GetStringAsync("/photos?area=face", Ct);
        Assert.Equal(IndexPageSize, LazyThumbnail().Count(first));
        Assert.Contains("Older", first, StringComparison.Ordinal);
        Assert.Single(LazyThumbnail().Matches(second));
        Assert.Equal(13, LazyThumbnail().Count(faces));

        var compare = await cookie.GetStringAsync("/photos/compare?a=2026-06-01&b=2026-06-05&area=face", Ct);
        Assert.Equal(2, Regex.Count(compare, "<img src=\"/api/photos/[A-Za-z0-9_-]{22}\""));
        Assert.Contains("data-compare-slider", compare, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await cookie.GetAsync("/photos/compare?a=2026-06-01&b=2026-06-05&area=elbow", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await cookie.GetAsync("/photos?area=elbow", Ct)).StatusCode);
    }

    [Fact]
    public async Task AnExperimentsPage_ShowsThePhotosNearestItsStartSwitchAndEnd_AndComparesTheLastBaselineDayWithTheEnd()
    {
        var member = await factory.MemberAsync();
        var cookie = await factory.CookieClientAsync(member.Email);
        var created = await member.Client.PostAsync("/api/experiments", TestSupport.Json("""{"name": "Kefir", "intervention": "probiotic_supplement", "outcome": "redness", "start": "2026-05-01", "switch": "2026-05-20", "end": "2026-06-08", "onsetDays": 3}"""), Ct);
        var id = (await TestSupport.ReadJsonAsync(created, HttpStatusCode.Created)).GetProperty("id").GetInt32();
        foreach (var date in new[] { "2026-05-03", "2026-05-18", "2026-06-10", "2026-06-01" })
        {
            Assert.Equal(HttpStatusCode.Created, (await member.Client.PostAsync("/api/photos", PhotoFiles.Form(PhotoFiles.Plain(64, 48), "p.jpg", date, "face"), Ct)).StatusCode);
        }

        var page = await cookie.GetStringAsync($"/experiments/{id}", Ct);

        Assert.Equal(3, LazyThumbnail().Count(page));
        Assert.Contains("2026-05-03 face", page, StringComparison.Ordinal);
        Assert.Contains("2026-05-18 face", page, StringComparison.Ordinal);
        Assert.Contains("2026-06-10 face", page, StringComparison.Ordinal);
        Assert.Contains("/photos/compare?a=2026-05-18&amp;b=2026-06-10&amp;area=face", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCaptureForm_WithoutAToken_OrWithAnotherMembersToken_IsA400_AndStoresNothing()
    {
        var member = await factory.MemberAsync();
        var cookie = await factory.CookieClientAsync(member.Email);
        var other = await factory.CookieClientAsync((await factory.MemberAsync()).Email);
        var othersPage = await other.GetStringAsync("/photos/add", Ct);

        var without = await PostFormAsync(cookie, "", PhotoFiles.Plain(), "arm.jpg", "2026-06-12", "arms");
        var foreign = await PostFormAsync(cookie, othersPage, PhotoFiles.Plain(), "arm.jpg", "2026-06-12", "arms");

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (without.StatusCode, foreign.StatusCode));
        Assert.Equal(0, factory.WithDb(db => db.Photos.Count(p => p.UserId == member.Id)));
    }

    [Fact]
    public async Task AFileOverTheLimit_WithTheTokenAfterIt_AsABrowserSendsIt_ShowsTheFormAgainWithTheMessage()
    {
        var member = await factory.MemberAsync();
        var cookie = await factory.CookieClientAsync(member.Email);
        var page = await cookie.GetStringAsync("/photos/add", Ct);
        var tooBig = new byte[(int)Web.Features.Photos.PhotoRules.MaxFileBytes + 1024];
        PhotoFiles.Plain().CopyTo(tooBig, 0);
        var content = new ByteArrayContent(tooBig);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("2026-06-12"), "date" },
            { content, "file", "huge.jpg" },
            { new StringContent("face"), "area" },
            { new StringContent(AntiforgeryField().Match(page).Groups[1].Value), "__RequestVerificationToken" },
        };

        var posted = await cookie.PostAsync("/photos/add", form, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        var shown = await posted.Content.ReadAsStringAsync(Ct);
        Assert.Contains("huge.jpg is larger than 15 MB.", shown, StringComparison.Ordinal);
        Assert.Contains("<option value=\"face\" selected=\"selected\">", shown, StringComparison.Ordinal);
        Assert.Equal(0, factory.WithDb(db => db.Photos.Count(p => p.UserId == member.Id)));
    }

    private const int IndexPageSize = Web.Features.Photos.IndexModel.PageSize;

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient cookie, string page, byte[] file, string fileName, string date, string area)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(AntiforgeryField().Match(page) is { Success: true } token ? token.Groups[1].Value : ""), "__RequestVerificationToken" },
            { new StringContent(date), "date" },
            { new StringContent(area), "area" },
        };
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(content, "file", fileName);
        return await cookie.PostAsync("/photos/add", form, Ct);
    }
}
