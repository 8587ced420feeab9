using Microsoft.AspNetCore.Identity;

namespace GutSkin.Web.Features.Account;

/// <summary>A GutSkin account. Identity creates users through <c>new()</c>, so the profile fields carry defaults.</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>IANA time zone id; it decides which calendar day "today" is for this member.</summary>
    public string TimeZone { get; set; } = "UTC";

    public DateTime CreatedAt { get; set; }

    /// <summary>Bumped by every change to the member's journal or items, so cached insights know when to recompute.</summary>
    public long JournalVersion { get; set; }
}

public static class Roles
{
    public const string Admin = "Admin";
    public const string Moderator = "Moderator";
    public const string Member = "Member";

    public static readonly string[] All = [Admin, Moderator, Member];
}
