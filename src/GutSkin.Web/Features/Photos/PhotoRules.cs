namespace GutSkin.Web.Features.Photos;

/// <summary>The limits and the body areas of skin photos (PRODUCT.md, "Photos").</summary>
public static class PhotoRules
{
    public const int MaxPerDay = 6;
    public const long MaxFileBytes = 15L * 1024 * 1024;
    public const int MaxMegapixels = 50;
    public const int MaxSide = 2048;

    /// <summary>A JPEG is decoded at 1/2, 1/4 or 1/8 of its size when that still leaves this long side: a 12 MP phone
    /// photo (4000 or 4032 px) is decoded at about 2000 px and kept so, never held at full size (docs/performance.md).</summary>
    public const int MinDecodedSide = 1920;
    public const int ThumbnailSide = 320;
    public const int JpegQuality = 82;
    public const int MaxCaptionLength = 200;

    /// <summary>Photos processed at once per instance: decoding is the memory peak, so one at a time keeps 4 uploads at
    /// once under 300 MB (about 7 photos a second; docs/performance.md, "Skin photos").</summary>
    public const int ConcurrentProcessing = 1;

    public static readonly IReadOnlyList<string> Areas = ["face", "scalp", "neck", "chest", "back", "arms", "hands", "legs", "feet", "other"];

    public static bool TooManyPixels(int width, int height) => (long)width * height > MaxMegapixels * 1_000_000L;

    /// <summary>The JPEG decoder's scale-down (1, 2, 4 or 8) for an image of this size: the largest that keeps <see cref="MinDecodedSide"/>.</summary>
    public static int JpegShrink(int width, int height)
    {
        var shrink = 8;
        while (shrink > 1 && Math.Max(width, height) / shrink < MinDecodedSide)
        {
            shrink /= 2;
        }

        return shrink;
    }

    public static bool IsArea(string? area) => area is null || Areas.Contains(area);
}
