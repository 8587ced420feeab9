using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace GutSkin.Web.Features.Photos;

/// <summary>What the capture block shows: the day, its photos, and a refused upload's fields (its messages are in the page's ModelState).</summary>
public sealed record DayPhotosView(DateOnly Date, IReadOnlyList<PhotoResponse> Photos, bool FirstTime, bool ShowForm, string? Area, string? Caption)
{
    public bool Full => Photos.Count >= PhotoRules.MaxPerDay;
}

/// <summary>A day's photos (on Today and any past day), and with <c>form</c> the form that adds one (the add page).</summary>
public sealed class DayPhotosViewComponent(PhotoService photos) : ViewComponent
{
    public const string ViewPath = "~/Features/Photos/_DayPhotos.cshtml";

    public async Task<IViewComponentResult> InvokeAsync(DateOnly date, bool form = false, string? area = null, string? caption = null)
    {
        if (HttpContext.Features.Get<Member>() is not { } member)
        {
            return Content("");
        }

        var ct = HttpContext.RequestAborted;
        var day = await photos.ListAsync(member.Id, date, date, null, ct);
        if (day.Count == 0 && !form)
        {
            return Content("");
        }

        var firstTime = day.Count == 0 && !await photos.AnyAsync(member.Id, ct);
        return View(ViewPath, new DayPhotosView(date, day, firstTime, form, area, caption));
    }
}
