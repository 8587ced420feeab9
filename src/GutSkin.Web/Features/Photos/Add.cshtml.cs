using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace GutSkin.Web.Features.Photos;

/// <summary>The capture form for a day (<c>/photos/add?date=</c>): adds the photo and goes back to the day, or shows the form again with what was wrong (400).</summary>
[ChecksOwnFields]
[RequestFormLimits(MemoryBufferThreshold = PhotoForms.InMemory, MultipartBodyLengthLimit = PhotoForms.MaxBody)]
public sealed class AddModel(PhotoService photos, MemberClock clock) : MemberPageModel
{
    [BindProperty(Name = "file")]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public string? Date { get; set; }

    [BindProperty]
    public string? Area { get; set; }

    [BindProperty]
    public string? Caption { get; set; }

    public DateOnly Day { get; private set; }

    /// <summary>The form for one day (the member's today without a date); a date that is no journal day is a 400.</summary>
    public IActionResult OnGet(string? date)
    {
        var today = clock.Today(CurrentMember.TimeZone);
        if (date is null)
        {
            Day = today;
            return Page();
        }

        if (!Analysis.JournalDates.TryRead(date, today, out var day, out var problem))
        {
            return ErrorModel.BadRequest(HttpContext, $"There is no journal page for that day: {problem}");
        }

        Day = day;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var written = Upload is null
            ? new PhotoWrite(null, new() { ["file"] = "Choose a photo to add." })
            : await photos.UploadAsync(CurrentMember, await PhotoForms.ReadAsync(Upload, Date, Area, Caption, ct), ct);
        if (written.Photo is { } photo)
        {
            return Redirect($"/today/{photo.Date}#photos-heading");
        }

        foreach (var (field, message) in written.Errors)
        {
            ModelState.AddModelError(field, message);
        }

        Day = Analysis.JournalDates.TryParse(Date, out var day) && !written.Errors.ContainsKey("date") ? day : clock.Today(CurrentMember.TimeZone);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
