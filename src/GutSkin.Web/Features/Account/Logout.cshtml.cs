using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GutSkin.Web.Features.Account;

/// <summary>Logging out ends the session on the server too: the old cookie no longer works, even if someone kept a copy.</summary>
public sealed class LogoutModel(SignInManager<AppUser> signIn, AccountSessions sessions) : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        if (HttpContext.Features.Get<CurrentSession>() is { } session)
        {
            await sessions.RevokeAsync(session.UserId, session.Id, HttpContext.RequestAborted);
        }

        ForgetThisDevice(Response);
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }

    /// <summary>
    /// The browser drops what the app kept on this device for the member: the service worker's cached pages and the
    /// days saved offline (Clear-Site-Data; the page's script does the same before it logs out).
    /// </summary>
    public static void ForgetThisDevice(HttpResponse response) => response.Headers["Clear-Site-Data"] = "\"cache\", \"storage\"";
}
