using GutSkin.Analysis;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace GutSkin.Web.Features.Photos;

/// <summary>
/// Skin photos: only their owner ever gets one (another member's id is a 404), and no answer may be stored by a
/// browser or proxy (<c>Cache-Control: no-store, private</c>). Bytes and captions are never logged.
/// </summary>
public static class PhotosApi
{
    public const string NoStore = "no-store, private";

    public static IEndpointRouteBuilder MapPhotosApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/photos").WithTags("Photos").RequireMember().DocumentsJournalDays("from", "to")
            .AddEndpointFilter(async (context, next) =>
            {
                context.HttpContext.Response.Headers.CacheControl = NoStore;
                return await next(context);
            });
        group.MapPost("/", Upload).DisableAntiforgery().AcceptsUpload()
            .WithSummary("Add a photo to a day: multipart fields file, date (YYYY-MM-DD), optional area and caption.")
            .WithDescription($"JPEG, PNG or WebP (a HEIC photo is a 400 asking for JPEG), at most {PhotoRules.MaxFileBytes / (1024 * 1024)} MB and {PhotoRules.MaxMegapixels} megapixels; "
                + $"stored upright, without metadata, at most {PhotoRules.MaxSide} px; at most {PhotoRules.MaxPerDay} photos a day. Areas: {string.Join(", ", PhotoRules.Areas)}.");
        group.MapGet("/", List).WithSummary("Your photos between two dates (inclusive), optionally of one body area, oldest first.");
        group.MapGet("/{id}", (string id, PhotoService photos, Member member, CancellationToken ct) => Image(id, PhotoSize.Image, photos, member, ct))
            .WithSummary("The photo (JPEG).");
        group.MapGet("/{id}/thumb", (string id, PhotoService photos, Member member, CancellationToken ct) => Image(id, PhotoSize.Thumbnail, photos, member, ct))
            .WithSummary($"The photo's thumbnail (JPEG, at most {PhotoRules.ThumbnailSide} px).");
        group.MapPatch("/{id}", Change).WithSummary("Change a photo's date, area or caption (an empty area or caption clears it).");
        group.MapDelete("/{id}", Delete).WithSummary("Delete a photo.");
        return app;
    }

    private static async Task<Results<Created<PhotoResponse>, ValidationProblem>> Upload(HttpContext http, PhotoService photos, Member member, CancellationToken ct)
    {
        var (upload, problem) = await PhotoForms.ReadAsync(http.Request, ct);
        if (upload is null)
        {
            return Problems.Field("file", problem!);
        }

        var written = await photos.UploadAsync(member, upload, ct);
        return written.Photo is { } photo ? TypedResults.Created($"/api/photos/{photo.Id}", photo) : Problems.Fields(written.Errors);
    }

    private static async Task<Results<Ok<List<PhotoResponse>>, ValidationProblem>> List(string? from, string? to, string? area, PhotoService photos, MemberClock clock, Member member, CancellationToken ct)
    {
        var (first, last, errors) = JournalDates.ReadRange(from, to, clock.Today(member.TimeZone));
        if (!PhotoRules.IsArea(string.IsNullOrEmpty(area) ? null : area))
        {
            errors["area"] = $"The area is one of: {string.Join(", ", PhotoRules.Areas)}.";
        }

        return errors.Count > 0 ? Problems.Fields(errors) : TypedResults.Ok(await photos.ListAsync(member.Id, first, last, string.IsNullOrEmpty(area) ? null : area, ct));
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> Image(string id, PhotoSize size, PhotoService photos, Member member, CancellationToken ct) =>
        await photos.ReadAsync(member.Id, id, size, ct) is { } bytes ? TypedResults.File(bytes, "image/jpeg") : TypedResults.NotFound();

    private static async Task<Results<Ok<PhotoResponse>, NotFound, ValidationProblem>> Change(string id, PhotoChange change, PhotoService photos, Member member, CancellationToken ct) =>
        await photos.ChangeAsync(member, id, change, ct) switch
        {
            null => TypedResults.NotFound(),
            { Photo: { } photo } => TypedResults.Ok(photo),
            var bad => Problems.Fields(bad.Errors),
        };

    private static async Task<Results<NoContent, NotFound>> Delete(string id, PhotoService photos, Member member, CancellationToken ct) =>
        await photos.DeleteAsync(member.Id, id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
}

/// <summary>Reads an uploaded photo for <see cref="PhotoService"/>, for the API and the pages' forms alike.</summary>
public static class PhotoForms
{
    /// <summary>Uploads stay in memory (ASP.NET Core would otherwise spool a file over 64 KB to a temporary file,
    /// with its metadata, unencrypted): up to the file limit plus the other fields.</summary>
    public const int InMemory = (int)PhotoRules.MaxFileBytes + (64 * 1024);

    public const long MaxBody = InMemory;

    /// <summary>The text fields' limit: far above a caption's, far below a photo's.</summary>
    private const int MaxField = 8 * 1024;

    /// <summary>
    /// The API's upload, read straight from the multipart body: the file goes into one array sized by the request's
    /// length, never through ASP.NET Core's growing form buffer and a copy of it (docs/performance.md, "Skin photos").
    /// A file over the limit is not read further: its size is enough to refuse it. Null and why when the body is no
    /// readable form or has no file.
    /// </summary>
    public static async Task<(PhotoUpload? Upload, string? Problem)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        const string NotAForm = "Send the photo as multipart/form-data with a field named file.";
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            return (null, NotAForm);
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        (Memory<byte> Bytes, long Length, string Name)? file = null;
        try
        {
            var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = MaxBody };
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || HeaderUtilities.RemoveQuotes(disposition.Name).Value is not { } name)
                {
                    continue;
                }

                if (name == "file" && disposition.IsFileDisposition())
                {
                    var (bytes, length) = await ReadFileAsync(section.Body, request.ContentLength, ct);
                    file = (bytes, length, FileName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value));
                    if (length > PhotoRules.MaxFileBytes)
                    {
                        break;
                    }
                }
                else if (name is "date" or "area" or "caption")
                {
                    using var text = new StreamReader(section.Body, System.Text.Encoding.UTF8);
                    var value = new char[MaxField];
                    fields[name] = new string(value, 0, await text.ReadBlockAsync(value, ct));
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException and not BadHttpRequestException)
        {
            return (null, "The body is not a readable multipart form: send the photo as multipart/form-data with a field named file.");
        }

        return file is not { } read
            ? (null, "Choose a photo (the form field file).")
            : (new PhotoUpload(read.Bytes, read.Length, read.Name, fields.GetValueOrDefault("date"), fields.GetValueOrDefault("area"), fields.GetValueOrDefault("caption")), null);
    }

    /// <summary>The pages' upload, already read by the form (which the antiforgery check needs whole).</summary>
    public static async Task<PhotoUpload> ReadAsync(IFormFile file, string? date, string? area, string? caption, CancellationToken ct)
    {
        // A file over the limit is not read into memory: its length is enough to refuse it.
        if (file.Length > PhotoRules.MaxFileBytes)
        {
            return new PhotoUpload(Array.Empty<byte>(), file.Length, FileName(file.FileName), date, area, caption);
        }

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, ct);
        }

        return new PhotoUpload(bytes, file.Length, FileName(file.FileName), date, area, caption);
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
