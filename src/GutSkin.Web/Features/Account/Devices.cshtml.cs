using System.Globalization;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace GutSkin.Web.Features.Account;

/// <summary>"Signed-in devices": every browser and app signed in to the account, and signing out one or all the others.</summary>
public sealed class DevicesModel(UserManager<AppUser> users, AccountSessions sessions) : AccountPageModel(users)
{
    public List<SessionResponse> Sessions { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    private TimeZoneInfo _zone = TimeZoneInfo.Utc;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        _zone = MemberClock.FindZone(CurrentMember.TimeZone) ?? TimeZoneInfo.Utc;
        Sessions = await sessions.ListAsync(CurrentMember.Id, Session.Id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSignOutAsync(string? id, CancellationToken ct)
    {
        if (id == Session.Id)
        {
            return RedirectToPage("Logout");
        }

        Message = id is { Length: <= 64 } && !TextInput.HasNul(id) && await sessions.RevokeAsync(Session.UserId, id, ct)
            ? "That device is signed out."
            : "That device was signed out already.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostSignOutOthersAsync(CancellationToken ct)
    {
        var ended = await sessions.RevokeAllAsync(Session.UserId, Session.Id, ct);
        Message = ended == 1 ? "1 other device is signed out." : $"{ended} other devices are signed out.";
        return RedirectToPage();
    }

    /// <summary>A time in the member's own time zone, the way the rest of the site shows dates.</summary>
    public string Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, _zone).ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);
}
