using System.Text;
using System.Text.Encodings.Web;
using GutSkin.Web.Features.SelfCheck;
using GutSkin.Web.Infrastructure;
using GutSkin.Web.Infrastructure.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace GutSkin.Web.Features.Account;

/// <summary>
/// Registration that tells nobody whether an address has an account. The request is judged on its own first
/// (address format, password rules); then a new address gets an account that can sign in once its confirmation link
/// is followed, and a taken one (in any spelling that normalizes alike) gets a mail to its owner instead. Both
/// cost one password hash and one mail, and the answer is the same.
/// </summary>
public sealed class AccountRegistration(
    UserManager<AppUser> users, MemberClock clock, SelfCheckPlans selfChecks, EmailSender mail, SiteLinks links, AccountThrottle throttle)
{
    /// <summary>Identity's errors for an address that has an account: never shown, they would tell who is a member.</summary>
    public static bool IsTaken(string errorCode) =>
        errorCode is nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.DuplicateEmail);

    /// <summary>The registration page's request: an empty list when the answer is "check your inbox", otherwise what is wrong with it.</summary>
    public async Task<IReadOnlyList<IdentityError>> RegisterAsync(HttpContext http, string email, string password, string? displayName, string? timeZone, SelfCheckAnswers? answers)
    {
        var user = new AppUser { UserName = email, Email = email, DisplayName = displayName?.Trim() ?? "" };
        var result = await users.CreateAsync(user, password);
        var errors = result.Errors.Where(e => !IsTaken(e.Code)).ToList();
        if (errors.Count > 0)
        {
            return errors;
        }

        if (!result.Succeeded)
        {
            await NotifyOwnerAsync(http, email);
            return [];
        }

        await AccountSetup.InitialiseNewMemberAsync(users, user, clock, timeZone);
        if (answers is not null)
        {
            await selfChecks.SaveAsync(user.Id, answers, http.RequestAborted);
        }

        if (await throttle.MayMailAsync(http, email))
        {
            var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
            var link = links.Absolute($"/account/confirm?userId={Uri.EscapeDataString(user.Id)}&code={code}");
            await mail.SendConfirmationLinkAsync(user, user.Email!, link);
        }

        return [];
    }

    /// <summary>Someone registered with an address that has an account: its owner hears of it, at the stored address.</summary>
    public async Task NotifyOwnerAsync(HttpContext http, string typedEmail)
    {
        if (await users.FindByEmailAsync(typedEmail) is not { Email: { } stored } || !await throttle.MayMailAsync(http, stored))
        {
            return;
        }

        const string Subject = "Someone tried to create a GutSkin account with your address";
        const string Intro = "Someone (perhaps you) tried to create a new GutSkin account with this e-mail address. It already has an account, so nothing was created and nothing changed.";
        var logIn = links.Absolute("/account/login");
        var reset = links.Absolute("/account/forgot-password");
        await mail.SendAsync(stored, Subject,
            $"{Intro}\n\nLog in: {logIn}\nForgotten your password? Choose a new one: {reset}\n\nIf it was not you, you can ignore this mail.",
            $"<p>{HtmlEncoder.Default.Encode(Intro)}</p><p><a href=\"{HtmlEncoder.Default.Encode(logIn)}\">Log in</a> · " +
            $"<a href=\"{HtmlEncoder.Default.Encode(reset)}\">Forgotten your password? Choose a new one</a></p><p>If it was not you, you can ignore this mail.</p>",
            http.RequestAborted);
    }
}
