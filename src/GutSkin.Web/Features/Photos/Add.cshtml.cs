using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace GutSkin.Web.Features.Photos;

/// <summary>
/// The capture form for a day (<c>/photos/add?date=</c>): adds the photo and goes back to the day, or shows the form
/// again with what was wrong (400). The body is read by <see cref="PhotoForms"/>, not by the framework's form reader
/// (which would buffer the whole photo twice over), so the antiforgery token is checked here once the body is read.
/// </summary>
[ChecksOwnFields]
[IgnoreAntiforgeryToken]
public sealed class AddModel(PhotoService photos, MemberClock clock, IAntiforgery antiforgery, IOptions<AntiforgeryOptions> antiforgeryOptions) : MemberPageModel
{
    public string? Area { get; private set; }

    public string? Caption { get; private set; }

    public DateOnly Day { get; private set; }

    /// <summary>The form for one day (the member's today without a date); a date that is no journal day is a 400.</summary>
    public IActionResult OnGet(string? date)
    {
        var today = clock.Today(CurrentMember.TimeZone);
        var day = today;
        if (date is not null && !Analysis.JournalDates.TryRead(date, today, out day, out var problem))
        {
            return ErrorModel.BadRequest(HttpContext, $"There is no journal page for that day: {problem}");
        }

        Day = day;
        return Page();
    }

    /// <summary>Without parameters: a handler parameter of any kind makes the framework read the form before it runs.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        var form = await PhotoForms.ReadAsync(Request, ct);
        if (!await FromThisSiteAsync(form))
        {
            return BadRequest();
        }

        var written = form.Upload is { } upload
            ? await photos.UploadAsync(CurrentMember, upload, ct)
            : new PhotoWrite(null, new() { ["file"] = "Choose a photo to add." });
        if (written.Photo is { } photo)
        {
            return Redirect($"/today/{photo.Date}#photos-heading");
        }

        foreach (var (field, message) in written.Errors)
        {
            ModelState.AddModelError(field, message);
        }

        (Area, Caption) = (form.Fields.GetValueOrDefault("area"), form.Fields.GetValueOrDefault("caption"));
        Day = Analysis.JournalDates.TryParse(form.Fields.GetValueOrDefault("date"), out var day) && !written.Errors.ContainsKey("date") ? day : clock.Today(CurrentMember.TimeZone);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>The antiforgery check the framework would have made, with the token read from the body: a form without one is refused.</summary>
    private async Task<bool> FromThisSiteAsync(PhotoForm form)
    {
        var options = antiforgeryOptions.Value;
        if (form.Fields.GetValueOrDefault(options.FormFieldName) is not { Length: > 0 } token || options.HeaderName is not { } header)
        {
            return false;
        }

        Request.Headers[header] = token;
        return await antiforgery.IsRequestValidAsync(HttpContext);
    }
}
