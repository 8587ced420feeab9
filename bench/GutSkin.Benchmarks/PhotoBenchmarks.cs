using BenchmarkDotNet.Attributes;
using GutSkin.Web.Features.Photos;
using ImageMagick;
using SkiaSharp;

namespace GutSkin.Benchmarks;

/// <summary>
/// One 12-megapixel phone JPEG (4000×3000, noisy) made stored-size (at most 2048 px, no metadata) plus a 320 px
/// thumbnail, by the app's processor (NetVips) and by the two libraries it was chosen against, each on one thread.
/// </summary>
[MemoryDiagnoser]
public class PhotoBenchmarks
{
    private byte[] _jpeg = null!;
    private static readonly SKSamplingOptions Smooth = new(SKCubicResampler.Mitchell);

    [GlobalSetup]
    public void Setup()
    {
        _jpeg = PhotoSamples.Jpeg(4000, 3000);
        ResourceLimits.Thread = 1;
    }

    [Benchmark(Baseline = true, Description = "NetVips (the app's processor)")]
    public int Vips() => VipsPhotoProcessor.Process(_jpeg, "photo.jpg").Photo!.Image.Length;

    [Benchmark(Description = "SkiaSharp (JPEG decoded at 1/2)")]
    public int Skia()
    {
        using var codec = SKCodec.Create(SKData.CreateCopy(_jpeg))!;
        var size = codec.GetScaledDimensions((float)PhotoRules.MaxSide / codec.Info.Width);
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var decoded = new SKBitmap(info);
        codec.GetPixels(info, decoded.GetPixels());
        using var stored = SkiaResize(decoded, PhotoRules.MaxSide);
        using var thumbnail = SkiaResize(stored, PhotoRules.ThumbnailSide);
        return SkiaJpeg(stored) + SkiaJpeg(thumbnail);
    }

    [Benchmark(Description = "Magick.NET Q8")]
    public int Magick()
    {
        var settings = new MagickReadSettings();
        settings.SetDefine(MagickFormat.Jpeg, "size", $"{PhotoRules.MaxSide}x{PhotoRules.MaxSide}");
        using var image = new MagickImage(_jpeg, settings);
        image.AutoOrient();
        image.Strip();
        image.Resize(new MagickGeometry(PhotoRules.MaxSide, PhotoRules.MaxSide) { Greater = true });
        image.Quality = PhotoRules.JpegQuality;
        var stored = image.ToByteArray(MagickFormat.Jpeg);
        image.Thumbnail(PhotoRules.ThumbnailSide, PhotoRules.ThumbnailSide);
        return stored.Length + image.ToByteArray(MagickFormat.Jpeg).Length;
    }

    private static SKBitmap SkiaResize(SKBitmap source, int maxSide)
    {
        var scale = Math.Min(1f, (float)maxSide / Math.Max(source.Width, source.Height));
        var target = new SKBitmap((int)(source.Width * scale), (int)(source.Height * scale));
        using var canvas = new SKCanvas(target);
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, SKRect.Create(target.Width, target.Height), Smooth);
        return target;
    }

    private static int SkiaJpeg(SKBitmap bitmap)
    {
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, PhotoRules.JpegQuality);
        return data.ToArray().Length;
    }
}

/// <summary>Generated photos: smooth gradients with noise, so the JPEG is as large as a phone's (3–5 MB at 12 MP).</summary>
public static class PhotoSamples
{
    public static byte[] Jpeg(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var random = new Random(15);
        var pixels = bitmap.GetPixelSpan();
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = ((y * width) + x) * 4;
                var noise = random.Next(-24, 24);
                pixels[i] = (byte)Math.Clamp((x * 255 / width) + noise, 0, 255);
                pixels[i + 1] = (byte)Math.Clamp((y * 255 / height) + noise, 0, 255);
                pixels[i + 2] = (byte)Math.Clamp(160 + noise, 0, 255);
                pixels[i + 3] = 255;
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 92);
        return data.ToArray();
    }
}
