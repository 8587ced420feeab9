using GutSkin.Analysis;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

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
