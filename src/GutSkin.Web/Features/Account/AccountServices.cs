using GutSkin.Web.Data;
using GutSkin.Web.Infrastructure.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GutSkin.Web.Features.Account;

/// <summary>Settings under <c>Accounts</c> (the rate limits are <see cref="AccountLimitOptions"/>).</summary>
public sealed class AccountOptions
{
    /// <summary>Only an address's owner signs in with it, so registering cannot reveal who is a member; false gives that up.</summary>
    public bool RequireConfirmedEmail { get; set; } = true;
}

public static class AccountServices
{
    public const string CookieOrBearer = "CookieOrBearer";

    /// <summary>ASP.NET Core Identity with the site's login cookie for pages and bearer tokens for scripts and apps.</summary>
    public static IServiceCollection AddGutSkinAccounts(this IServiceCollection services)
    {
        services.AddOptions<AccountOptions>().BindConfiguration("Accounts");
        services.AddOptions<IdentityOptions>().Configure<IOptions<AccountOptions>>((o, accounts) => o.SignIn.RequireConfirmedEmail = accounts.Value.RequireConfirmedEmail);
        services.AddIdentityApiEndpoints<AppUser>(o =>
            {
                // Length over composition rules (NIST SP 800-63B).
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.User.RequireUniqueEmail = true;
                o.Tokens.AuthenticatorTokenProvider = OneTimeAuthenticatorCodes.ProviderName;
            })
            .AddTokenProvider<OneTimeAuthenticatorCodes>(OneTimeAuthenticatorCodes.ProviderName)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<GutSkinDb>()
            .AddUserManager<GutSkinUserManager>()
            .AddSignInManager<GutSkinSignInManager>();

        // Addresses compare, stay unique and are throttled in one form: NFKC, case-folded.
        services.Replace(ServiceDescriptor.Singleton<ILookupNormalizer, AddressNormalizer>());
        services.AddSingleton<KnownDevices>();
        services.AddSingleton<UnknownAccountHash>();
        services.AddScoped<AccountRegistration>();

        // One scheme for everything: a bearer header picks the token handler, anything else the cookie.
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieOrBearer;
                o.DefaultChallengeScheme = CookieOrBearer;
                o.DefaultForbidScheme = CookieOrBearer;
            })
            .AddPolicyScheme(CookieOrBearer, "Cookie or bearer token", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme);

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "gutskin.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            o.SlidingExpiration = true;
            // The API answers 401/403; only pages redirect to the login form.
            o.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        });

        // Sessions live on the server: a cookie or token works while its session does, and only until the password or two-factor settings change.
        services.AddScoped<AccountSessions>();
        SessionRevocation.Configure(services);

        // Log-in, registration, password reset and password checks: per client address, and per account where one is given.
        services.AddOptions<AccountLimitOptions>().BindConfiguration("Accounts:RateLimits");
        services.AddSingleton<AccountThrottle>();

        services.AddSingleton<EmailSender>();
        services.AddSingleton<IEmailSender<AppUser>>(sp => sp.GetRequiredService<EmailSender>());
        services.AddScoped<AccountEraser>();
        services.AddScoped<SecurityNotices>();
        return services;
    }

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    /// <summary>Creates the roles once; safe to run at every start.</summary>
    public static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }
}
