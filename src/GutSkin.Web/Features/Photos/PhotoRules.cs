namespace GutSkin.Web.Features.Photos;

/// <summary>The limits and the body areas of skin photos (PRODUCT.md, "Photos").</summary>
public static class PhotoRules
{
    public const int MaxPerDay = 6;
    public const long MaxFileBytes = 15L * 1024 * 1024;
    public const int MaxMegapixels = 50;
    public const int MaxSide = 2048;
    public const int ThumbnailSide = 320;
    public const int JpegQuality = 82;
    public const int MaxCaptionLength = 200;

    /// <summary>Photos processed at once per instance: decoding is the memory peak (see docs/performance.md).</summary>
    public const int ConcurrentProcessing = 2;

    public static readonly IReadOnlyList<string> Areas = ["face", "scalp", "neck", "chest", "back", "arms", "hands", "legs", "feet", "other"];

    public static bool TooManyPixels(int width, int height) => (long)width * height > MaxMegapixels * 1_000_000L;

    public static bool IsArea(string? area) => area is null || Areas.Contains(area);
}
