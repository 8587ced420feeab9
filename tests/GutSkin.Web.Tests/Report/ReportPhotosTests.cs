using System.Net;
using System.Text.RegularExpressions;
using GutSkin.Web.Features.Photos;
using GutSkin.Web.Features.Report;
using GutSkin.Web.Tests.Photos;
using UglyToad.PdfPig;

namespace GutSkin.Web.Tests.Report;

/// <summary>"Include photos" on the clinician's report: off by default, and then no photo at all; ticked, thumbnails on the page and in the PDF.</summary>
public sealed partial class ReportPhotosTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    private const string Period = "from=2026-05-01&to=2026-05-31";

    private static readonly string[] ShownDates = ["2026-05-02", "2026-05-15", "2026-05-30", "2026-05-10", "2026-05-20"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("<img src=\"/api/photos/([A-Za-z0-9_-]{22})/thumb\"")]
    private static partial Regex Thumbnail();

    /// <summary>Face photos on five days of May and one in June, hand photos on two days of May.</summary>
    private Task<TestMember> MemberWithPhotosAsync() => factory.SharedAsync("report photos", async () =>
    {
        var member = await factory.MemberAsync();
        foreach (var (date, area) in new[] { ("2026-05-02", "face"), ("2026-05-09", "face"), ("2026-05-15", "face"), ("2026-05-22", "face"), ("2026-05-30", "face"), ("2026-06-05", "face"), ("2026-05-10", "hands"), ("2026-05-20", "hands") })
        {
            var response = await member.Client.PostAsync("/api/photos", PhotoFiles.Form(PhotoFiles.Plain(120, 90), "p.jpg", date, area, $"{area} on {date}"), Ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        return member;
    });

    [Fact]
    public async Task Unticked_ThePageAndThePdfHaveNoPhoto_AndTheBoxIsOffered()
    {
        var member = await MemberWithPhotosAsync();

        var html = await member.Client.GetStringAsync($"/report?{Period}", Ct);
        var pdf = await member.Client.GetByteArrayAsync($"/report.pdf?{Period}", Ct);

        Assert.Contains("<input type=\"checkbox\" name=\"photos\" value=\"true\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/api/photos", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Photos the patient chose to include", html, StringComparison.Ordinal);
        Assert.Equal(0, Images(pdf));
        Assert.DoesNotContain("photos=true", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ticked_ThePageAndThePdfShowTheStartMiddleAndEndPhotosOfEachArea_ServedOnlyToTheOwnerAndNeverStored()
    {
        var member = await MemberWithPhotosAsync();
        var other = await factory.MemberAsync();

        var html = await member.Client.GetStringAsync($"/report?{Period}&photos=true", Ct);
        var pdf = await member.Client.GetByteArrayAsync($"/report.pdf?{Period}&photos=true", Ct);

        // Face: nearest the start (05-02), the end (05-30) and the middle (05-16: 05-15); hands: both. Not June's.
        Assert.Contains("<input type=\"checkbox\" name=\"photos\" value=\"true\" checked=\"checked\">", html, StringComparison.Ordinal);
        Assert.Contains("5 of the 7 photo(s) taken in it", html, StringComparison.Ordinal);
        var labels = Regex.Matches(html, "<figcaption>([^<]+)</figcaption>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Where(l => l.Contains(" on ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["2026-05-02 · face · face on 2026-05-02", "2026-05-15 · face · face on 2026-05-15", "2026-05-30 · face · face on 2026-05-30", "2026-05-10 · hands · hands on 2026-05-10", "2026-05-20 · hands · hands on 2026-05-20"], labels);
        var ids = Thumbnail().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(5, ids.Count);
        Assert.Contains("paper=a4&amp;photos=true", html, StringComparison.Ordinal);
        Assert.Equal(5, Images(pdf));
        using (var document = PdfDocument.Open(pdf))
        {
            var text = string.Join(' ', document.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))));
            Assert.Contains("Photos the patient chose to include", text, StringComparison.Ordinal);
            // Each label wraps in its narrow cell, so the four cells' lines interleave in the text: every date is there, June's is not.
            var words = text.Split(' ');
            Assert.All(ShownDates, w => Assert.Contains(w, words));
            Assert.Contains("5 of the 7", text, StringComparison.Ordinal);
            Assert.DoesNotContain("2026-06-05", words);
        }

        foreach (var id in ids)
        {
            var thumb = await member.Client.GetAsync($"/api/photos/{id}/thumb", Ct);
            Assert.Equal(HttpStatusCode.OK, thumb.StatusCode);
            Assert.Equal("no-store, private", thumb.Headers.CacheControl?.ToString());
            Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/api/photos/{id}/thumb", Ct)).StatusCode);
        }
    }

    [Fact]
    public void Choose_TakesAtMostTwelve_StartsOfEveryAreaFirst()
    {
        var from = new DateOnly(2026, 1, 1);
        var photos = PhotoRules.Areas.SelectMany(area => Enumerable.Range(0, 31).Select(d => new PhotoResponse($"{area}-{d}", $"2026-01-{d + 1:00}", area, null, 10, 10))).ToList();

        var chosen = ReportPhotos.Choose(photos, from, from.AddDays(30));

        Assert.Equal(ReportPhotos.Max, chosen.Count);
        // Ten areas' starts, then the first two areas' ends.
        Assert.Equal(PhotoRules.Areas.Count, chosen.Count(p => p.Date == "2026-01-01"));
        Assert.Equal(["face-30", "scalp-30"], chosen.Where(p => p.Date == "2026-01-31").Select(p => p.Id));
    }

    /// <summary>The image XObjects of a PDF, on every page.</summary>
    private static int Images(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Sum(p => p.GetImages().Count());
    }
}
