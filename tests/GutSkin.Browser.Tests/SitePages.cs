namespace GutSkin.Browser.Tests;

/// <summary>Every page a person can open, by who can open it.</summary>
public static class SitePages
{
    public static readonly IReadOnlyList<string> Anonymous = ["/", "/self-check", "/account/register", "/account/login", "/account/forgot-password", "/account/register?sent=True", "/account/confirm?userId=x&code=y", "/account/email/undo?token=expired", "/error?status=404", "/more", "/offline"];

    public static readonly IReadOnlyList<string> Member = ["/", "/today", "/plan", "/history", "/insights", "/insights/comparisons", "/experiments", "/experiments/new", "/items", "/journal/data", "/account/profile", "/account/password", "/account/email", "/account/devices", "/account/confirm-it-is-you", "/account/two-factor", "/account/delete", "/more"];
}
