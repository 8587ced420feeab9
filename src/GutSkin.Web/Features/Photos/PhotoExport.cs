using System.IO.Compression;
using System.Text.Json;

namespace GutSkin.Web.Features.Photos;

/// <summary>
/// The whole journal with its photos as one zip: the journal CSV and JSON exports as they are, every photo under
/// photos/ (named by date, area and id), and photos.json listing each photo's date, area, caption and file.
/// Written straight to the response: no photo is ever put on disk unsealed.
/// </summary>
public static class PhotoExport
{
    public sealed record ExportedPhoto(string File, string Date, string? Area, string? Caption, int Width, int Height);

    public static IResult Zip(HttpContext http, string userId, string stamp, (string Name, byte[] Bytes) csv, (string Name, byte[] Bytes) json, PhotoService photos)
    {
        // ZipArchive writes each entry's header synchronously, even through its async API.
        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpBodyControlFeature>() is { } body)
        {
            body.AllowSynchronousIO = true;
        }

        return TypedResults.Stream(
            async stream =>
            {
                var ct = CancellationToken.None;
                await using var zip = await ZipArchive.CreateAsync(stream, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct);
                await AddAsync(zip, csv.Name, csv.Bytes, CompressionLevel.Optimal);
                await AddAsync(zip, json.Name, json.Bytes, CompressionLevel.Optimal);
                var listed = new List<ExportedPhoto>();
                foreach (var photo in await photos.ListAsync(userId, null, null, null, ct))
                {
                    var file = $"photos/{photo.Date}-{photo.Area ?? "photo"}-{photo.Id}.jpg";
                    if (await photos.ReadAsync(userId, photo.Id, PhotoSize.Image, ct) is { } bytes)
                    {
                        // JPEGs are compressed already.
                        await AddAsync(zip, file, bytes, CompressionLevel.NoCompression);
                        listed.Add(new ExportedPhoto(file, photo.Date, photo.Area, photo.Caption, photo.Width, photo.Height));
                    }
                }

                await AddAsync(zip, "photos.json", JsonSerializer.SerializeToUtf8Bytes(listed, JsonSerializerOptions.Web), CompressionLevel.Optimal);
            },
            "application/zip",
            $"gutskin-{stamp}.zip");
    }

    private static async Task AddAsync(ZipArchive zip, string name, byte[] bytes, CompressionLevel level)
    {
        await using var entry = await zip.CreateEntry(name, level).OpenAsync();
        await entry.WriteAsync(bytes);
    }
}
