using GutSkin.Web.Features.Comments;
using Microsoft.Extensions.Options;

namespace GutSkin.Web.Features.Articles;

/// <summary>
/// Cover images: checked by their first bytes (PNG, JPEG or WebP, whatever the file name says) and size,
/// stored under a random name, served by the app at /media/NAME.
/// </summary>
public sealed class CoverImages(IOptions<CommentOptions> options)
{
    public const long MaxBytes = 2 * 1024 * 1024;

    public string Folder => Path.GetFullPath(options.Value.UploadDirectory);

    /// <summary>Saves an upload and answers its public path, or an error message.</summary>
    public async Task<(string? Path, string? Error)> SaveAsync(IFormFile file, CancellationToken ct)
    {
        if (file.Length == 0)
        {
            return (null, "The file is empty.");
        }

        if (file.Length > MaxBytes)
        {
            return (null, $"The image is larger than {MaxBytes / (1024 * 1024)} MB.");
        }

        var head = new byte[12];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        }

        if (Sniff(head) is not { } extension)
        {
            return (null, "Only PNG, JPEG and WebP images can be used.");
        }

        Directory.CreateDirectory(Folder);
        var name = $"{Guid.NewGuid():N}{extension}";
        await using (var target = File.Create(System.IO.Path.Combine(Folder, name)))
        {
            await file.CopyToAsync(target, ct);
        }

        return ($"/media/{name}", null);
    }

    public static string? Sniff(ReadOnlySpan<byte> head) => head switch
    {
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => ".png",
        [0xFF, 0xD8, 0xFF, ..] => ".jpg",
        [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => ".webp",
        _ => null,
    };

    public static string? ContentType(string name) => System.IO.Path.GetExtension(name) switch
    {
        ".png" => "image/png",
        ".jpg" => "image/jpeg",
        ".webp" => "image/webp",
        _ => null,
    };
}
