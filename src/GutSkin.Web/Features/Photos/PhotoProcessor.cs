using System.Runtime.InteropServices;
using GutSkin.Web.Infrastructure;
using NetVips;

namespace GutSkin.Web.Features.Photos;

/// <summary>A photo as it is kept: re-encoded, upright, without any metadata block, and its thumbnail.</summary>
public sealed record ProcessedPhoto(byte[] Image, int Width, int Height, byte[] Thumbnail);

/// <summary>Either the processed photo or why the upload was refused (a sentence for the person).</summary>
public sealed record PhotoOutcome(ProcessedPhoto? Photo, string? Problem)
{
    public static PhotoOutcome Refused(string problem) => new(null, problem);
}

/// <summary>Turns an uploaded file into what is stored.</summary>
public interface IPhotoProcessor
{
    Task<PhotoOutcome> ProcessAsync(ReadOnlyMemory<byte> file, string fileName, CancellationToken ct);
}

/// <summary>
/// libvips (NetVips), chosen by PhotoBenchmarks: about 190 ms for a 12-megapixel JPEG on one core against about
/// 380 ms (SkiaSharp) and 650 ms (Magick.NET), and it streams the file instead of holding every pixel. The real
/// format is read from the bytes and the dimensions from the header before any pixel is decoded; a JPEG is scaled
/// down inside the decoder (<see cref="PhotoRules.JpegShrink"/>), which halves the memory a 12 MP photo needs; a
/// truncated file is refused; the orientation is applied; the encoder keeps no metadata block
/// (EXIF, XMP, IPTC, ICC). HEIC is known by its bytes but refused with its own message: NetVips.Native 8.18 bundles
/// libheif for AVIF only, without an HEVC decoder, so no iPhone HEIC decodes here.
/// At most <see cref="PhotoRules.ConcurrentProcessing"/> photos are processed at once, each on one thread.
/// </summary>
public sealed class VipsPhotoProcessor : IPhotoProcessor, IDisposable
{
    /// <summary>For the loader: the thumbnail operation's own fail-on setting does not reach it (libvips 8.18).</summary>
    private const string FailOnTruncation = "[fail_on=truncated]";

    private readonly SemaphoreSlim _slots = new(PhotoRules.ConcurrentProcessing);

    static VipsPhotoProcessor()
    {
        // No operation cache (it would keep members' pixels in memory), one thread per photo, and only the loaders we accept.
        Cache.Max = 0;
        Cache.MaxFiles = 0;
        Cache.MaxMem = 0;
        NetVips.NetVips.Concurrency = 1;
        NetVips.NetVips.BlockUntrusted = true;
        Operation.Block("VipsForeignLoad", true);
        foreach (var loader in new[] { "VipsForeignLoadJpeg", "VipsForeignLoadPng", "VipsForeignLoadWebp", "VipsForeignLoadHeif" })
        {
            Operation.Block(loader, false);
        }
    }

    public async Task<PhotoOutcome> ProcessAsync(ReadOnlyMemory<byte> file, string fileName, CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        try
        {
            return Process(file, fileName);
        }
        finally
        {
            MallocArenas.Trim();
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();

    /// <summary>One photo on the calling thread, without the concurrency limit (the benchmarks call this).</summary>
    public static PhotoOutcome Process(ReadOnlyMemory<byte> file, string fileName)
    {
        if (PhotoFormats.Sniff(file.Span) is not { } format)
        {
            return PhotoOutcome.Refused($"{fileName} is not a JPEG, PNG or WebP image.");
        }

        try
        {
            // libvips reads the upload where it is (a stream over it), without a native copy.
            using var header = Image.NewFromStream(Readable(file), access: Enums.Access.Sequential);
            if (PhotoRules.TooManyPixels(header.Width, header.Height))
            {
                return PhotoOutcome.Refused($"{fileName} is {header.Width}×{header.Height} pixels; photos can have at most {PhotoRules.MaxMegapixels} megapixels.");
            }

            // One streaming pass: decode (a JPEG already scaled down inside the decoder), fit, turn upright, encode; a
            // truncated file fails in it.
            var options = format == PhotoFormat.Jpeg ? $"[shrink={PhotoRules.JpegShrink(header.Width, header.Height)},fail_on=truncated]" : FailOnTruncation;
            using var loaded = Image.NewFromStream(Readable(file), options, access: Enums.Access.Sequential);
            using var stored = loaded.ThumbnailImage(PhotoRules.MaxSide, height: PhotoRules.MaxSide, size: Enums.Size.Down);
            var image = Encode(stored);
            using var thumbnail = Image.ThumbnailBuffer(image, PhotoRules.ThumbnailSide, height: PhotoRules.ThumbnailSide, size: Enums.Size.Down);
            return new PhotoOutcome(new ProcessedPhoto(image, stored.Width, stored.Height, Encode(thumbnail)), null);
        }
        catch (VipsException)
        {
            return PhotoOutcome.Refused(format == PhotoFormat.Heic
                ? $"{fileName} is a HEIC photo, and HEIC is not supported: export or share it as JPEG (on an iPhone, Settings › Camera › Formats › Most Compatible takes JPEGs)."
                : $"{fileName} is damaged or incomplete.");
        }
    }

    private static MemoryStream Readable(ReadOnlyMemory<byte> file) =>
        MemoryMarshal.TryGetArray(file, out var array) ? new MemoryStream(array.Array!, array.Offset, array.Count, writable: false) : new MemoryStream(file.ToArray(), writable: false);

    /// <summary>A baseline sRGB JPEG on white, with no metadata block of any kind.</summary>
    private static byte[] Encode(Image image)
    {
        using var flat = image.HasAlpha() ? image.Flatten(background: [255, 255, 255]) : image.Copy();
        using var srgb = flat.Colourspace(Enums.Interpretation.Srgb);
        return srgb.JpegsaveBuffer(q: PhotoRules.JpegQuality, keep: Enums.ForeignKeep.None);
    }
}

public enum PhotoFormat
{
    Jpeg,
    Png,
    WebP,
    Heic,
}

/// <summary>What a file is by its first bytes, whatever its name or the browser says.</summary>
public static class PhotoFormats
{
    public static PhotoFormat? Sniff(ReadOnlySpan<byte> file) => file switch
    {
        [0xFF, 0xD8, 0xFF, ..] => PhotoFormat.Jpeg,
        [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => PhotoFormat.Png,
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => PhotoFormat.WebP,
        [_, _, _, _, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'h', (byte)'e', (byte)'i', (byte)'c' or (byte)'x', ..] => PhotoFormat.Heic,
        [_, _, _, _, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'m', (byte)'i', (byte)'f', (byte)'1', ..] => PhotoFormat.Heic,
        _ => null,
    };
}
