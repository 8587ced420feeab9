using System.Globalization;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GutSkin.Web.Features.Account;

/// <summary>"Signed-in devices": every browser and app signed in to the account, and signing out one or all the others.</summary>
[Authorize]
public sealed class DevicesModel(UserManager<AppUser> users, AccountSessions sessions) : PageModel
{
    public List<SessionResponse> Sessions { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    private TimeZoneInfo _zone = TimeZoneInfo.Utc;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user || HttpContext.Features.Get<CurrentSession>() is not { } current)
        {
            return Challenge();
        }

        _zone = MemberClock.FindZone(user.TimeZone) ?? TimeZoneInfo.Utc;
        Sessions = await sessions.ListAsync(user.Id, current.Id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSignOutAsync(string? id, CancellationToken ct)
    {
        if (HttpContext.Features.Get<CurrentSession>() is not { } current)
        {
            return Challenge();
        }

        if (id == current.Id)
        {
            return RedirectToPage("Logout");
        }

        Message = id is { Length: <= 64 } && !TextInput.HasNul(id) && await sessions.RevokeAsync(current.UserId, id, ct)
            ? "That device is signed out."
            : "That device was signed out already.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostSignOutOthersAsync(CancellationToken ct)
    {
        if (HttpContext.Features.Get<CurrentSession>() is not { } current)
        {
            return Challenge();
        }

        var ended = await sessions.RevokeAllAsync(current.UserId, current.Id, ct);
        Message = ended == 1 ? "1 other device is signed out." : $"{ended} other devices are signed out.";
        return RedirectToPage();
    }

    /// <summary>A time in the member's own time zone, the way the rest of the site shows dates.</summary>
    public string Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, _zone).ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);
}
