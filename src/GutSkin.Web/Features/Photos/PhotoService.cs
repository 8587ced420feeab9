using System.Buffers.Text;
using System.Security.Cryptography;
using GutSkin.Analysis;
using GutSkin.Web.Data;
using GutSkin.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Features.Photos;

/// <summary>A photo as the API and the pages list it (never its bytes).</summary>
public sealed record PhotoResponse(string Id, string Date, string? Area, string? Caption, int Width, int Height)
{
    public static PhotoResponse From(Photo p) => new(p.Id, JournalDates.ToText(p.Date), p.Area, p.Caption, p.Width, p.Height);
}

/// <summary>An upload: the file's bytes and name, and the fields as sent (checked here, for the API and the pages alike).</summary>
public sealed record PhotoUpload(ReadOnlyMemory<byte> File, long Length, string FileName, string? Date, string? Area, string? Caption);

/// <summary>A change: null leaves a field as it is; an empty area or caption clears it.</summary>
public sealed record PhotoChange(string? Date, string? Area, string? Caption);

/// <summary>A photo processed and ready to store, with the SHA-256 of the file it came from and of the image kept.</summary>
public sealed record PreparedPhoto(Photo Photo, ProcessedPhoto Processed, string FileHash)
{
    public string ImageHash { get; } = Hash(Processed.Image);

    public static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexString(SHA256.HashData(bytes));
}

/// <summary>The outcome of a write: the photo, or each bad field with its message (nothing stored).</summary>
public sealed record PhotoWrite(PhotoResponse? Photo, Dictionary<string, string> Errors);

public sealed class PhotoService(GutSkinDb db, IPhotoProcessor processor, IPhotoStore store, PhotoCipher cipher, MemberClock clock) : IMemberErasure
{
    public async Task<PhotoWrite> UploadAsync(Member member, PhotoUpload upload, CancellationToken ct)
    {
        var errors = Check(member, upload, out var date);
        if (errors.Count == 0 && await FullDayAsync(member.Id, date, ct))
        {
            errors["date"] = $"{JournalDates.ToText(date)} already has {PhotoRules.MaxPerDay} photos; delete one to add another.";
        }

        var prepared = errors.Count > 0 ? null : await ProcessAsync(member, upload, date, errors, ct);
        if (prepared is null)
        {
            return new PhotoWrite(null, errors);
        }

        await SaveAsync(prepared, ct);
        return new PhotoWrite(PhotoResponse.From(prepared.Photo), errors);
    }

    /// <summary>
    /// An upload checked and processed exactly as <see cref="UploadAsync"/> does, but not stored: an import stores its
    /// photos with <see cref="SaveAsync(PreparedPhoto, CancellationToken)"/> in its own transaction. The day's limit is the caller's.
    /// </summary>
    public async Task<(PreparedPhoto? Photo, Dictionary<string, string> Errors)> PrepareAsync(Member member, PhotoUpload upload, CancellationToken ct)
    {
        var errors = Check(member, upload, out var date);
        return (errors.Count > 0 ? null : await ProcessAsync(member, upload, date, errors, ct), errors);
    }

    /// <summary>Seals and stores a prepared photo (inside the caller's transaction, if it has one).</summary>
    public async Task SaveAsync(PreparedPhoto prepared, CancellationToken ct)
    {
        var photo = prepared.Photo;
        var image = await cipher.SealAsync(photo.UserId, photo.Id, PhotoSize.Image, prepared.Processed.Image, ct);
        var thumbnail = await cipher.SealAsync(photo.UserId, photo.Id, PhotoSize.Thumbnail, prepared.Processed.Thumbnail, ct);
        db.Photos.Add(photo);
        await db.SaveChangesAsync(ct);
        db.Entry(photo).State = EntityState.Detached;
        await store.PutAsync(photo.Id, PhotoSize.Image, image, ct);
        await store.PutAsync(photo.Id, PhotoSize.Thumbnail, thumbnail, ct);
    }

    /// <summary>The SHA-256 of each image the member has on <paramref name="date"/> (one per photo): what an import compares with.</summary>
    public async Task<List<string>> ImageHashesAsync(string userId, DateOnly date, CancellationToken ct)
    {
        var hashes = new List<string>();
        foreach (var id in await Owned(userId).Where(p => p.Date == date).Select(p => p.Id).ToListAsync(ct))
        {
            hashes.Add(await ReadAsync(userId, id, PhotoSize.Image, ct) is { } bytes ? PreparedPhoto.Hash(bytes) : id);
        }

        return hashes;
    }

    public async Task<List<PhotoResponse>> ListAsync(string userId, DateOnly? from, DateOnly? to, string? area, CancellationToken ct)
    {
        var photos = await Owned(userId)
            .Where(p => (from == null || p.Date >= from) && (to == null || p.Date <= to) && (area == null || p.Area == area))
            .OrderBy(p => p.Date).ThenBy(p => p.CreatedAt)
            .ToListAsync(ct);
        return [.. photos.Select(PhotoResponse.From)];
    }

    public Task<bool> AnyAsync(string userId, CancellationToken ct) => Owned(userId).AnyAsync(ct);

    /// <summary>A page of the member's photos, newest first, optionally of one area; one more than asked tells whether there are older ones.</summary>
    public async Task<List<PhotoResponse>> PageAsync(string userId, string? area, int skip, int take, CancellationToken ct)
    {
        var photos = await Owned(userId).Where(p => area == null || p.Area == area)
            .OrderByDescending(p => p.Date).ThenByDescending(p => p.CreatedAt)
            .Skip(skip).Take(take).ToListAsync(ct);
        return [.. photos.Select(PhotoResponse.From)];
    }

    /// <summary>The photo nearest <paramref name="day"/>, at most <paramref name="withinDays"/> away (the earlier one on a tie); null when none is.</summary>
    public async Task<PhotoResponse?> NearestAsync(string userId, DateOnly day, int withinDays, CancellationToken ct)
    {
        var near = await ListAsync(userId, day.AddDays(-withinDays), day.AddDays(withinDays), null, ct);
        return near.OrderBy(p => Math.Abs(DateOnly.ParseExact(p.Date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).DayNumber - day.DayNumber)).FirstOrDefault();
    }

    /// <summary>The image or thumbnail, opened; null when the member has no such photo.</summary>
    public async Task<byte[]?> ReadAsync(string userId, string id, PhotoSize size, CancellationToken ct)
    {
        if (!await Owned(userId).AnyAsync(p => p.Id == id, ct) || await store.GetAsync(id, size, ct) is not { } sealedBytes)
        {
            return null;
        }

        return await cipher.OpenAsync(userId, id, size, sealedBytes, ct);
    }

    /// <summary>Null when the member has no such photo.</summary>
    public async Task<PhotoWrite?> ChangeAsync(Member member, string id, PhotoChange change, CancellationToken ct)
    {
        if (await db.Photos.FirstOrDefaultAsync(p => p.Id == id && p.UserId == member.Id, ct) is not { } photo)
        {
            return null;
        }

        var errors = new Dictionary<string, string>();
        var date = change.Date is null ? photo.Date : ReadDate(change.Date, member, errors);
        CheckFields(change.Area, change.Caption, errors);
        if (errors.Count == 0 && date != photo.Date && await FullDayAsync(member.Id, date, ct))
        {
            errors["date"] = $"{JournalDates.ToText(date)} already has {PhotoRules.MaxPerDay} photos.";
        }

        if (errors.Count > 0)
        {
            return new PhotoWrite(null, errors);
        }

        photo.Date = date;
        photo.Area = change.Area is null ? photo.Area : Blank(change.Area);
        photo.Caption = change.Caption is null ? photo.Caption : Blank(change.Caption);
        await db.SaveChangesAsync(ct);
        return new PhotoWrite(PhotoResponse.From(photo), errors);
    }

    public async Task<bool> DeleteAsync(string userId, string id, CancellationToken ct)
    {
        if (!await Owned(userId).AnyAsync(p => p.Id == id, ct))
        {
            return false;
        }

        await store.DeleteAsync([id], ct);
        return await Owned(userId).Where(p => p.Id == id).ExecuteDeleteAsync(ct) > 0;
    }

    public async Task EraseMemberAsync(string userId, CancellationToken ct)
    {
        await store.DeleteAsync(await Owned(userId).Select(p => p.Id).ToListAsync(ct), ct);
        await Owned(userId).ExecuteDeleteAsync(ct);
        await cipher.EraseMemberAsync(userId, ct);
    }

    private IQueryable<Photo> Owned(string userId) => db.Photos.AsNoTracking().Where(p => p.UserId == userId);

    /// <summary>The fields of an upload (date, area, caption, size); the date comes out when it is good.</summary>
    private Dictionary<string, string> Check(Member member, PhotoUpload upload, out DateOnly date)
    {
        var errors = new Dictionary<string, string>();
        date = ReadDate(upload.Date, member, errors);
        CheckFields(upload.Area, upload.Caption, errors);
        if (upload.Length > PhotoRules.MaxFileBytes)
        {
            errors["file"] = $"{upload.FileName} is larger than {PhotoRules.MaxFileBytes / (1024 * 1024)} MB.";
        }

        return errors;
    }

    /// <summary>The image made upright, metadata-free and small enough, with its new photo row; null (and the file's problem) when it is refused.</summary>
    private async Task<PreparedPhoto?> ProcessAsync(Member member, PhotoUpload upload, DateOnly date, Dictionary<string, string> errors, CancellationToken ct)
    {
        var outcome = await processor.ProcessAsync(upload.File, upload.FileName, ct);
        if (outcome.Photo is not { } processed)
        {
            errors["file"] = outcome.Problem!;
            return null;
        }

        var photo = new Photo
        {
            Id = NewId(), UserId = member.Id, Date = date, Area = Blank(upload.Area), Caption = Blank(upload.Caption),
            Width = processed.Width, Height = processed.Height, CreatedAt = clock.UtcNow.UtcDateTime,
        };
        return new PreparedPhoto(photo, processed, PreparedPhoto.Hash(upload.File.Span));
    }

    private async Task<bool> FullDayAsync(string userId, DateOnly date, CancellationToken ct) =>
        await Owned(userId).CountAsync(p => p.Date == date, ct) >= PhotoRules.MaxPerDay;

    /// <summary>The journal's rules: a real date, not before 1900 and not after the member's today.</summary>
    private DateOnly ReadDate(string? text, Member member, Dictionary<string, string> errors)
    {
        if (JournalDates.TryRead(text, clock.Today(member.TimeZone), out var date, out var problem))
        {
            return date;
        }

        errors["date"] = problem;
        return default;
    }

    private static void CheckFields(string? area, string? caption, Dictionary<string, string> errors)
    {
        if (!PhotoRules.IsArea(Blank(area)))
        {
            errors["area"] = $"The area is one of: {string.Join(", ", PhotoRules.Areas)}.";
        }

        if (caption?.Length > PhotoRules.MaxCaptionLength)
        {
            errors["caption"] = $"A caption has at most {PhotoRules.MaxCaptionLength} characters.";
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>128 random bits, base64url (22 characters): not guessable, not ordered.</summary>
    private static string NewId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
}
