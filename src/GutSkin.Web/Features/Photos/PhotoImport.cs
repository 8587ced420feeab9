using System.IO.Compression;
using System.Text.Json;
using GutSkin.Web.Features.Journal;
using GutSkin.Web.Infrastructure;

namespace GutSkin.Web.Features.Photos;

/// <summary>
/// The photos of a zip export, read back: photos.json lists each photo's file, date, area and caption; every file is
/// checked and processed as an upload is (real format, pixel limit, upright, metadata stripped), nothing is stored
/// here. A photo the member already has is left out, so importing the same zip twice changes nothing: "already has"
/// means the same day and the same image, that is a stored image whose SHA-256 equals either the file in the zip (the
/// member's own export: it holds the stored bytes) or the image processing the file makes (a zip imported before:
/// processing is deterministic). Area and caption do not count, so a caption edited since is not a new photo.
/// </summary>
public sealed class PhotoImport(PhotoService photos)
{
    public const string ListName = "photos.json";

    /// <summary>The photos to store, in the order of photos.json, or every problem (one <see cref="ImportError"/> per field).</summary>
    public async Task<(List<PreparedPhoto> Photos, List<ImportError> Errors)> ReadAsync(Member member, ZipArchive zip, CancellationToken ct)
    {
        var errors = new List<ImportError>();
        var listed = await ListAsync(zip, errors, ct);
        var ready = new List<PreparedPhoto>();
        var onDay = new Dictionary<DateOnly, List<string>>();
        for (var i = 0; i < listed.Count; i++)
        {
            var where = $"{ListName}[{i}]";
            if (await PrepareAsync(member, zip, listed[i], i, errors, ct) is not { } prepared)
            {
                continue;
            }

            var day = prepared.Photo.Date;
            if (!onDay.TryGetValue(day, out var hashes))
            {
                onDay[day] = hashes = await photos.ImageHashesAsync(member.Id, day, ct);
            }

            if (hashes.Contains(prepared.FileHash) || hashes.Contains(prepared.ImageHash))
            {
                continue;
            }

            if (hashes.Count >= PhotoRules.MaxPerDay)
            {
                errors.Add(new ImportError(i + 1, $"{where}.date: {listed[i]!.Date} would have more than {PhotoRules.MaxPerDay} photos.", $"{where}.date"));
                continue;
            }

            hashes.Add(prepared.ImageHash);
            ready.Add(prepared);
        }

        return (ready, errors);
    }

    /// <summary>Stores what <see cref="ReadAsync"/> prepared, in the caller's transaction (the journal import's).</summary>
    public async Task SaveAsync(IEnumerable<PreparedPhoto> ready, CancellationToken ct)
    {
        foreach (var photo in ready)
        {
            await photos.SaveAsync(photo, ct);
        }
    }

    /// <summary>photos.json's entries; none when the zip has no photos.json (a zip of the journal alone).</summary>
    private static async Task<List<PhotoExport.ExportedPhoto?>> ListAsync(ZipArchive zip, List<ImportError> errors, CancellationToken ct)
    {
        if (zip.GetEntry(ListName) is not { } entry)
        {
            return [];
        }

        try
        {
            await using var stream = await entry.OpenAsync(ct);
            return await JsonSerializer.DeserializeAsync<List<PhotoExport.ExportedPhoto?>>(stream, JsonSerializerOptions.Web, ct) ?? [];
        }
        catch (JsonException e)
        {
            errors.Add(new ImportError(0, $"{ListName} could not be read at {e.Path}: it should be the list a GutSkin zip export holds.", ListName));
        }
        catch (InvalidDataException)
        {
            errors.Add(new ImportError(0, $"{ListName} is damaged in the zip.", ListName));
        }

        return [];
    }

    private async Task<PreparedPhoto?> PrepareAsync(Member member, ZipArchive zip, PhotoExport.ExportedPhoto? listed, int index, List<ImportError> errors, CancellationToken ct)
    {
        var where = $"{ListName}[{index}]";
        if (listed is null)
        {
            errors.Add(new ImportError(index + 1, $"{where}: a photo must be an object.", where));
            return null;
        }

        if (await FileAsync(zip, listed.File, ct) is not { } file)
        {
            errors.Add(new ImportError(index + 1, $"{where}.file: {(string.IsNullOrEmpty(listed.File) ? "no file is named" : $"{listed.File} is not in the zip or is damaged")}.", $"{where}.file"));
            return null;
        }

        var (prepared, problems) = await photos.PrepareAsync(member, new PhotoUpload(file.Bytes, file.Length, listed.File, listed.Date, listed.Area, listed.Caption), ct);
        errors.AddRange(problems.Select(p => new ImportError(index + 1, $"{where}.{p.Key}: {p.Value}", $"{where}.{p.Key}")));
        return prepared;
    }

    /// <summary>A file of the zip (its bytes, or only its length when it is over the photo limit); null when it is missing or damaged.</summary>
    private static async Task<(byte[] Bytes, long Length)?> FileAsync(ZipArchive zip, string? name, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(name) || zip.GetEntry(name) is not { } entry)
        {
            return null;
        }

        if (entry.Length > PhotoRules.MaxFileBytes)
        {
            return ([], entry.Length);
        }

        try
        {
            var bytes = new byte[entry.Length];
            await using var stream = await entry.OpenAsync(ct);
            await stream.ReadExactlyAsync(bytes, ct);
            return (bytes, bytes.Length);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            return null;
        }
    }
}
