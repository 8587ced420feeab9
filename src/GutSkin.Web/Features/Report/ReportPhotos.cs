using GutSkin.Analysis;
using GutSkin.Web.Features.Photos;

namespace GutSkin.Web.Features.Report;

/// <summary>A photo in the report: what it shows, and (for the PDF) its thumbnail's bytes.</summary>
public sealed record ReportPhoto(PhotoResponse Photo, byte[]? Thumbnail)
{
    /// <summary>"2026-06-10 · arms · left arm": under the thumbnail on the page and in the PDF.</summary>
    public string Label => string.Join(" · ", new[] { Photo.Date, Photo.Area, Photo.Caption }.Where(t => !string.IsNullOrEmpty(t)));

    /// <summary>The thumbnail's size: the photo's, at most <see cref="PhotoRules.ThumbnailSide"/> on its longer side.</summary>
    public (int Width, int Height) ThumbnailSize
    {
        get
        {
            var scale = Math.Min(1.0, (double)PhotoRules.ThumbnailSide / Math.Max(1, Math.Max(Photo.Width, Photo.Height)));
            return ((int)Math.Round(Photo.Width * scale), (int)Math.Round(Photo.Height * scale));
        }
    }
}

/// <summary>The photos a report shows when the member ticks "Include photos", and how many the period has.</summary>
public sealed record ReportPhotoSet(IReadOnlyList<ReportPhoto> Shown, int InPeriod)
{
    /// <summary>Which photos are shown, in words, for the page and the PDF alike.</summary>
    public string Which => InPeriod == 0
        ? "No photo was taken in this period."
        : $"For each body area, the photos nearest the start, the middle and the end of the period, at most {ReportPhotos.Max} in all: {Shown.Count} of the {InPeriod} photo(s) taken in it.";
}

/// <summary>
/// Chooses the report's photos: for each body area (in the order of <see cref="PhotoRules.Areas"/>, photos without an
/// area last) the photo nearest the period's start, then the one nearest its end, then nearest its middle, never the
/// same one twice; areas take turns, starts first, until <see cref="Max"/> are chosen. Only ever read when asked for.
/// </summary>
public sealed class ReportPhotos(PhotoService photos)
{
    public const int Max = 12;

    public async Task<ReportPhotoSet> ChooseAsync(string userId, DateOnly from, DateOnly to, bool withThumbnails, CancellationToken ct)
    {
        var inPeriod = await photos.ListAsync(userId, from, to, null, ct);
        var shown = new List<ReportPhoto>();
        foreach (var photo in Choose(inPeriod, from, to))
        {
            var thumbnail = withThumbnails ? await photos.ReadAsync(userId, photo.Id, PhotoSize.Thumbnail, ct) : null;
            shown.Add(new ReportPhoto(photo, thumbnail));
        }

        return new ReportPhotoSet(shown, inPeriod.Count);
    }

    public static List<PhotoResponse> Choose(IReadOnlyList<PhotoResponse> inPeriod, DateOnly from, DateOnly to)
    {
        DateOnly[] targets = [from, to, from.AddDays((to.DayNumber - from.DayNumber) / 2)];
        var picks = inPeriod.GroupBy(p => p.Area).OrderBy(g => AreaOrder(g.Key)).Select(g => Nearest([.. g], targets)).ToList();
        var chosen = new List<PhotoResponse>();
        for (var round = 0; round < targets.Length; round++)
        {
            chosen.AddRange(picks.Where(p => round < p.Count).Select(p => p[round]));
        }

        return [.. chosen.Take(Max).OrderBy(p => AreaOrder(p.Area)).ThenBy(p => p.Date, StringComparer.Ordinal)];
    }

    /// <summary>For each target day in turn, the photo nearest it not picked yet (the earlier on a tie).</summary>
    private static List<PhotoResponse> Nearest(List<PhotoResponse> photos, DateOnly[] targets)
    {
        var picked = new List<PhotoResponse>();
        foreach (var target in targets)
        {
            if (photos.Except(picked).OrderBy(p => Math.Abs(Day(p) - target.DayNumber)).ThenBy(p => p.Date, StringComparer.Ordinal).FirstOrDefault() is { } nearest)
            {
                picked.Add(nearest);
            }
        }

        return picked;
    }

    private static int Day(PhotoResponse photo) => JournalDates.TryParse(photo.Date, out var date) ? date.DayNumber : 0;

    private static int AreaOrder(string? area) => area is null ? PhotoRules.Areas.Count : PhotoRules.Areas.ToList().IndexOf(area);
}
