using GutSkin.Analysis;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace GutSkin.Web.Features.Photos;

/// <summary>One moment of an experiment and the member's photo nearest it (within a week), if any.</summary>
public sealed record ExperimentMoment(string Label, string Date, PhotoResponse? Photo);

/// <summary>
/// On an experiment's page: the photos nearest its start, its last baseline day (the day before the switch) and
/// its end, with a link that compares the last baseline day with the end side by side. Nothing when there are none.
/// </summary>
public sealed class ExperimentPhotosViewComponent(PhotoService photos) : ViewComponent
{
    public const int WithinDays = 7;

    public async Task<IViewComponentResult> InvokeAsync(string start, string @switch, string end)
    {
        if (HttpContext.Features.Get<Member>() is not { } member)
        {
            return Content("");
        }

        var moments = new List<ExperimentMoment>();
        foreach (var (label, text, shift) in new[] { ("Start", start, 0), ("Last day before the switch", @switch, -1), ("End", end, 0) })
        {
            var day = JournalDates.TryParse(text, out var parsed) ? parsed.AddDays(shift) : default;
            var nearest = await photos.NearestAsync(member.Id, day, WithinDays, HttpContext.RequestAborted);
            moments.Add(new ExperimentMoment(label, JournalDates.ToText(day), nearest));
        }

        return moments.All(m => m.Photo is null) ? Content("") : View("~/Features/Photos/_ExperimentPhotos.cshtml", moments);
    }
}
