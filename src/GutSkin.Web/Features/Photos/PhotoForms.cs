using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace GutSkin.Web.Features.Photos;

/// <summary>A photo form as read: the upload (null and the problem when there is no readable file), and the text fields.</summary>
public sealed record PhotoForm(PhotoUpload? Upload, string? Problem, IReadOnlyDictionary<string, string> Fields);

/// <summary>
/// Reads a photo upload straight from the multipart body, for the API and the capture page alike: the file goes into
/// one array sized by the request's length, never through ASP.NET Core's form buffer (a MemoryStream that doubles as
/// it grows, or an unencrypted temporary file) and a copy of it (docs/performance.md, "Skin photos").
/// </summary>
public static class PhotoForms
{
    /// <summary>The text fields' limits: far above a caption's or an antiforgery token's, far below a photo's.</summary>
    private const int MaxField = 8 * 1024;

    private const int MaxFields = 10;

    /// <summary>The upload and its fields. A file over the limit is not read further: its size is enough to refuse it.</summary>
    public static async Task<PhotoForm> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            return new(null, "Send the photo as multipart/form-data with a field named file.", fields);
        }

        PhotoUpload? upload = null;
        try
        {
            // No section limit: the rest of a file over the limit is drained (a field after it, like the page's
            // antiforgery token, is still read), and the whole body is limited by the server (30 MB).
            var reader = new MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || HeaderUtilities.RemoveQuotes(disposition.Name).Value is not { } name)
                {
                    continue;
                }

                if (name == "file" && disposition.IsFileDisposition())
                {
                    var (bytes, length) = await ReadFileAsync(section.Body, request.ContentLength, ct);
                    upload = new PhotoUpload(bytes, length, FileName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value), null, null, null);
                }
                else if (fields.Count < MaxFields)
                {
                    using var text = new StreamReader(section.Body, System.Text.Encoding.UTF8);
                    var value = new char[MaxField];
                    fields[name] = new string(value, 0, await text.ReadBlockAsync(value, ct));
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException and not BadHttpRequestException)
        {
            return new(null, "The body is not a readable multipart form: send the photo as multipart/form-data with a field named file.", fields);
        }

        return upload is null
            ? new(null, "Choose a photo (the form field file).", fields)
            : new(upload with { Date = fields.GetValueOrDefault("date"), Area = fields.GetValueOrDefault("area"), Caption = fields.GetValueOrDefault("caption") }, null, fields);
    }

    /// <summary>
    /// The file section into one array: the request's length bounds the file, so a sent length means one allocation;
    /// without it (a chunked body) the array doubles from 1 MB. Reading stops one byte past the limit.
    /// </summary>
    private static async Task<(Memory<byte> Bytes, int Length)> ReadFileAsync(Stream body, long? requestLength, CancellationToken ct)
    {
        var limit = (int)PhotoRules.MaxFileBytes + 1;
        var buffer = new byte[(int)Math.Clamp(requestLength ?? 1024 * 1024, 64 * 1024, limit)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length == limit)
                {
                    return (Memory<byte>.Empty, length);
                }

                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, limit));
            }

            var read = await body.ReadAsync(buffer.AsMemory(length), ct);
            if (read == 0)
            {
                return (buffer.AsMemory(0, length), length);
            }

            length += read;
        }
    }

    /// <summary>The file's own name (no folders, at most 100 characters), as the person will recognise it in a message.</summary>
    private static string FileName(string? sent)
    {
        var name = Path.GetFileName(sent);
        return string.IsNullOrWhiteSpace(name) ? "The file" : name.Length > 100 ? name[..100] : name;
    }
}
