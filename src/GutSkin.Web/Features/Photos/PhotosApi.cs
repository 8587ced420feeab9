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
        var form = await PhotoForms.ReadAsync(http.Request, ct);
        if (form.Upload is not { } upload)
        {
            return Problems.Field("file", form.Problem!);
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
