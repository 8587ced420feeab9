using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GutSkin.Web.Features.Account;

/// <summary>Logging out ends the session on the server too: the old cookie no longer works, even if someone kept a copy.</summary>
public sealed class LogoutModel(SignInManager<AppUser> signIn, AccountSessions sessions) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (HttpContext.Features.Get<CurrentSession>() is { } session)
        {
            await sessions.RevokeAsync(session.UserId, session.Id, HttpContext.RequestAborted);
        }

        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
