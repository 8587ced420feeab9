using System.Security.Claims;
using GutSkin.Web.Features.Account;

namespace GutSkin.Web.Features.Navigation;

/// <summary>Where a link lives: a tab (phone tab bar, first in the header) or behind "More".</summary>
public enum NavPlace
{
    Tab,
    More,
}

/// <summary>One page of the site menu; <paramref name="InHeader"/> false keeps a rarely used page off the wide header (it stays on /more).</summary>
public sealed record NavLink(string Href, string Label, NavPlace Place, string Section, string Description, string? Icon = null, bool InHeader = true);

/// <summary>
/// The site menu, in one place for the header, the phone tab bar and the /more page: every page is one tap away
/// (a tab or a header link) or two (More, then the page).
/// </summary>
public static class SiteNavigation
{
    public const string MorePath = "/more";

    private static readonly NavLink[] MemberLinks =
    [
        new("/today", "Today", NavPlace.Tab, "Journal", "Log today", "today"),
        new("/history", "History", NavPlace.Tab, "Journal", "Every logged day", "history"),
        new("/insights", "Insights", NavPlace.Tab, "Journal", "What goes with your skin", "insights"),
        new("/experiments", "Experiments", NavPlace.Tab, "Journal", "Did a change help?", "experiments"),
        new("/plan", "Plan", NavPlace.More, "Your journal", "What Today asks about, habit targets and the daily reminder"),
        new("/photos", "Photos", NavPlace.More, "Your journal", "Skin photos by body area, and two days side by side", InHeader: false),
        new("/items", "Items", NavPlace.More, "Your journal", "Add your own items, rename or archive them"),
        new("/journal/data", "Import & export", NavPlace.More, "Your journal", "Your journal as CSV or JSON, and imports"),
        new("/report", "Report for your doctor", NavPlace.More, "Your journal", "A printable summary and a PDF", InHeader: false),
        new("/self-check", "Self-check", NavPlace.More, "Your journal", "Could your skin be gut-related? Take the check again", InHeader: false),
        new("/blog", "Blog", NavPlace.More, "Read", "Articles on the gut–skin axis"),
    ];

    private static readonly NavLink[] ModeratorLinks =
    [
        new("/moderation", "Moderation", NavPlace.More, "Run the site", "Comments waiting for approval"),
    ];

    private static readonly NavLink[] AdminLinks =
    [
        new("/admin/articles", "Articles", NavPlace.More, "Run the site", "Write and publish articles"),
        new("/admin/comments", "Comment settings", NavPlace.More, "Run the site", "Comment policy, blocklist and moderators", InHeader: false),
    ];

    private static readonly NavLink[] AccountLinks =
    [
        new("/account/profile", "Account", NavPlace.More, "You", "Your name, e-mail address and time zone"),
        new("/account/email", "E-mail address", NavPlace.More, "You", "Change the address you sign in with", InHeader: false),
        new("/account/password", "Password", NavPlace.More, "You", "Choose a new password", InHeader: false),
        new("/account/devices", "Signed-in devices", NavPlace.More, "You", "Where you are signed in; sign out any of them", InHeader: false),
        new("/account/two-factor", "Two-factor sign-in", NavPlace.More, "You", "A code from an authenticator app as well as your password", InHeader: false),
        new("/account/delete", "Erase everything", NavPlace.More, "You", "Delete your account and all your data", InHeader: false),
    ];

    private static readonly NavLink[] VisitorLinks =
    [
        new("/blog", "Blog", NavPlace.Tab, "Read", "Articles on the gut–skin axis"),
        new("/account/login", "Log in", NavPlace.Tab, "You", "Sign in to your journal"),
        new("/account/register", "Create account", NavPlace.Tab, "You", "Start your journal: free, and only you see it"),
        new("/self-check", "Self-check", NavPlace.More, "Read", "Could your skin be gut-related? No account needed", InHeader: false),
    ];

    /// <summary>The links this person may open, in menu order (the log-out button comes after them).</summary>
    public static IReadOnlyList<NavLink> For(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return VisitorLinks;
        }

        var admin = user.IsInRole(Roles.Admin);
        return
        [
            .. MemberLinks,
            .. admin || user.IsInRole(Roles.Moderator) ? ModeratorLinks : [],
            .. admin ? AdminLinks : [],
            .. AccountLinks,
        ];
    }

    /// <summary>"page" when <paramref name="path"/> is the link's page or one below it (/experiments/new under Experiments).</summary>
    public static string? Current(string path, string href) =>
        path.Equals(href, StringComparison.OrdinalIgnoreCase) || (href != "/" && path.StartsWith(href + "/", StringComparison.OrdinalIgnoreCase)) ? "page" : null;

    /// <summary>
    /// True when the page is one of the links behind "More", /more itself, or any account page (confirming it is you
    /// included): the More tab shows as the active one.
    /// </summary>
    public static bool IsUnderMore(IEnumerable<NavLink> links, string path) =>
        Current(path, MorePath) is not null || path.StartsWith("/account/", StringComparison.OrdinalIgnoreCase)
        || links.Any(l => l.Place == NavPlace.More && Current(path, l.Href) is not null);
}
