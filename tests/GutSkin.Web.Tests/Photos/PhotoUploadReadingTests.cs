using System.Net;
using GutSkin.Web.Features.Photos;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Photos;

/// <summary>
/// How /api/photos reads an upload straight from the multipart body (one array, no form buffer), and how big a photo
/// is decoded and kept: a 12 MP JPEG is decoded at half size inside the decoder.
/// </summary>
public sealed class PhotoUploadReadingTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(4000, 3000, 2)] // a 12 MP phone photo: decoded at 2000 × 1500
    [InlineData(4032, 3024, 2)]
    [InlineData(3000, 4000, 2)] // portrait
    [InlineData(3840, 2160, 2)] // 1920 is still enough
    [InlineData(3800, 2500, 1)] // 1900 would not be
    [InlineData(8160, 6120, 4)] // 50 MP
    [InlineData(16000, 2000, 8)]
    [InlineData(2048, 1536, 1)]
    [InlineData(640, 480, 1)]
    public void AJpegIsDecodedAtTheSmallestScaleThatKeeps1920PxOnItsLongSide(int width, int height, int shrink) =>
        Assert.Equal(shrink, PhotoRules.JpegShrink(width, height));

    [Theory]
    [InlineData(4000, 3000, 2000, 1500)] // decoded at half size: at most 2048 px, so kept as decoded
    [InlineData(3000, 2000, 2048, 1365)] // decoded whole, then fitted into 2048 px
    [InlineData(1200, 1600, 1200, 1600)] // small enough already
    public async Task APhotoIsKeptAtMost2048PxOnItsLongSide_AsDecoded(int width, int height, int keptWidth, int keptHeight)
    {
        var member = await factory.MemberAsync();

        var photo = await ReadJsonAsync(await member.Client.PostAsync("/api/photos", PhotoFiles.Form(PhotoFiles.Plain(width, height), "big.jpg", "2026-06-14"), Ct), HttpStatusCode.Created);

        Assert.Equal((keptWidth, keptHeight), (photo.GetProperty("width").GetInt32(), photo.GetProperty("height").GetInt32()));
        using var kept = NetVips.Image.NewFromBuffer(await member.Client.GetByteArrayAsync($"/api/photos/{photo.GetProperty("id").GetString()}", Ct));
        Assert.Equal((keptWidth, keptHeight), (kept.Width, kept.Height));
    }

    [Fact]
    public async Task AnUploadWithoutALength_IsReadWhole_PastTheFirstMegabyte()
    {
        var member = await factory.MemberAsync();
        var noisy = Noise(1600, 1200);
        Assert.True(noisy.Length > 1024 * 1024, $"The photo is {noisy.Length} bytes: it would not make the buffer grow.");

        var response = await member.Client.PostAsync("/api/photos", new WithoutLength(PhotoFiles.Form(noisy, "noisy.jpg", "2026-06-14", "back", "after the run")), Ct);

        var photo = await ReadJsonAsync(response, HttpStatusCode.Created);
        Assert.Equal(("back", "after the run", 1600), (photo.GetProperty("area").GetString(), photo.GetProperty("caption").GetString(), photo.GetProperty("width").GetInt32()));
    }

    [Fact]
    public async Task AFileOverTheLimit_IsA400NamingIt_AndNothingIsStored()
    {
        var member = await factory.MemberAsync();
        var tooBig = new byte[(int)PhotoRules.MaxFileBytes + 1];
        PhotoFiles.Plain().CopyTo(tooBig, 0);

        var problem = await AssertProblemAsync(await member.Client.PostAsync("/api/photos", PhotoFiles.Form(tooBig, "huge.jpg", "2026-06-14"), Ct), HttpStatusCode.BadRequest, "file");

        Assert.Equal("huge.jpg is larger than 15 MB.", problem.GetProperty("errors").GetProperty("file")[0].GetString());
        Assert.Equal(0, factory.WithDb(db => db.Photos.Count(p => p.UserId == member.Id)));
    }

    [Fact]
    public async Task AFormWithoutTheFile_OrABrokenBody_IsA400NamingFile()
    {
        var member = await factory.MemberAsync();
        using var noFile = new MultipartFormDataContent { { new StringContent("2026-06-14"), "date" } };
        var missing = await AssertProblemAsync(await member.Client.PostAsync("/api/photos", noFile, Ct), HttpStatusCode.BadRequest, "file");
        Assert.Contains("Choose a photo", missing.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);

        using var broken = new StringContent("--edge\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n\r\nno end");
        broken.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=edge");
        await AssertProblemAsync(await member.Client.PostAsync("/api/photos", broken, Ct), HttpStatusCode.BadRequest, "file");
        Assert.Equal(0, factory.WithDb(db => db.Photos.Count(p => p.UserId == member.Id)));
    }

    /// <summary>A JPEG of random noise: it barely compresses, so it is large for its size.</summary>
    private static byte[] Noise(int width, int height)
    {
        using var noise = NetVips.Image.Gaussnoise(width, height, mean: 128, sigma: 60).Cast(NetVips.Enums.BandFormat.Uchar);
        using var colour = noise.Bandjoin(noise, noise);
        return colour.JpegsaveBuffer(q: 98);
    }

    /// <summary>The same body sent without a Content-Length (as a chunked upload is).</summary>
    private sealed class WithoutLength : HttpContent
    {
        private readonly HttpContent _inner;

        public WithoutLength(HttpContent inner)
        {
            _inner = inner;
            Headers.ContentType = inner.Headers.ContentType;
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => _inner.CopyToAsync(stream, context);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
