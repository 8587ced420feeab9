using GutSkin.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Features.Photos;

/// <summary>Where sealed photo bytes live. The database by default (several instances and the backup command just
/// work); a file or S3-compatible store would implement the same three calls.</summary>
public interface IPhotoStore
{
    Task PutAsync(string photoId, PhotoSize size, byte[] sealedBytes, CancellationToken ct);

    Task<byte[]?> GetAsync(string photoId, PhotoSize size, CancellationToken ct);

    Task DeleteAsync(IReadOnlyCollection<string> photoIds, CancellationToken ct);
}

public sealed class DatabasePhotoStore(GutSkinDb db) : IPhotoStore
{
    public async Task PutAsync(string photoId, PhotoSize size, byte[] sealedBytes, CancellationToken ct)
    {
        var row = db.PhotoContents.Add(new PhotoContent { PhotoId = photoId, Size = size, Sealed = sealedBytes });
        await db.SaveChangesAsync(ct);
        row.State = EntityState.Detached;
    }

    public Task<byte[]?> GetAsync(string photoId, PhotoSize size, CancellationToken ct) =>
        db.PhotoContents.Where(c => c.PhotoId == photoId && c.Size == size).Select(c => c.Sealed).FirstOrDefaultAsync(ct);

    public Task DeleteAsync(IReadOnlyCollection<string> photoIds, CancellationToken ct) =>
        db.PhotoContents.Where(c => photoIds.Contains(c.PhotoId)).ExecuteDeleteAsync(ct);
}
