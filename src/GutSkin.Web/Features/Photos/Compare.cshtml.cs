using GutSkin.Analysis;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace GutSkin.Web.Features.Photos;

/// <summary>Two days side by side: the first photo of each (of one area when asked), with a slider over both when script runs.</summary>
public sealed class CompareModel(PhotoService photos, MemberClock clock) : MemberPageModel
{
    public string? Area { get; private set; }

    public PhotoResponse? Before { get; private set; }

    public PhotoResponse? After { get; private set; }

    public string A { get; private set; } = "";

    public string B { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string? a, string? b, string? area, CancellationToken ct)
    {
        var today = clock.Today(CurrentMember.TimeZone);
        Area = string.IsNullOrEmpty(area) ? null : area;
        if (!JournalDates.TryRead(a, today, out var first, out var problem) || !JournalDates.TryRead(b, today, out var second, out problem) || !PhotoRules.IsArea(Area))
        {
            return ErrorModel.BadRequest(HttpContext, problem ?? $"The area is one of {string.Join(", ", PhotoRules.Areas)}.");
        }

        (A, B) = (JournalDates.ToText(first), JournalDates.ToText(second));
        Before = (await photos.ListAsync(CurrentMember.Id, first, first, Area, ct)).FirstOrDefault();
        After = (await photos.ListAsync(CurrentMember.Id, second, second, Area, ct)).FirstOrDefault();
        return Page();
    }
}
