using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace GutSkin.Web.Features.Photos;

/// <summary>The photo timeline, newest first, one page at a time (thumbnails load lazily), optionally of one body area.</summary>
public sealed class IndexModel(PhotoService photos) : MemberPageModel
{
    public const int PageSize = 24;

    public string? Area { get; private set; }

    public int PageNumber { get; private set; }

    public bool HasOlder { get; private set; }

    public List<IGrouping<string, PhotoResponse>> Days { get; private set; } = [];

    // "page" is Razor Pages' own route value: the query string's page is read by name.
    public async Task<IActionResult> OnGetAsync(string? area, [FromQuery(Name = "page")] int page = 1, CancellationToken ct = default)
    {
        Area = string.IsNullOrEmpty(area) ? null : area;
        if (!PhotoRules.IsArea(Area) || page < 1)
        {
            return ErrorModel.BadRequest(HttpContext, $"There is no such photo page: the area is one of {string.Join(", ", PhotoRules.Areas)}, and pages start at 1.");
        }

        PageNumber = page;
        var found = await photos.PageAsync(CurrentMember.Id, Area, (page - 1) * PageSize, PageSize + 1, ct);
        HasOlder = found.Count > PageSize;
        Days = [.. found.Take(PageSize).GroupBy(p => p.Date)];
        return Page();
    }

    public string Link(string? area, int page) =>
        $"/photos?{(area is null ? "" : $"area={area}&")}page={page}";
}
