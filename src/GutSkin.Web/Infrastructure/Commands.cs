using GutSkin.Web.Data;
using GutSkin.Web.Features.Account;
using Microsoft.AspNetCore.Identity;

namespace GutSkin.Web.Infrastructure;

/// <summary>The app's commands besides serving: <c>migrate</c> and <c>admin add EMAIL --password-stdin</c>.</summary>
public static class Commands
{
    public static bool IsCommand(string[] args) => args is ["migrate", ..] or ["admin", ..];

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        await PrepareDatabaseAsync(sp);
        switch (args)
        {
            case ["migrate"]:
                await stdout.WriteLineAsync("Database is up to date.");
                return 0;
            case ["admin", "add", var email, "--password-stdin"]:
                return await AddAdminAsync(sp, email, stdin.ReadLine()?.TrimEnd('\r', '\n') ?? "", stdout, stderr);
            default:
                await stderr.WriteLineAsync("Usage: migrate | admin add EMAIL --password-stdin | analyze FILE.csv [--max-lag N]");
                return 2;
        }
    }

    /// <summary>Migrations and roles; run at start-up and by <c>migrate</c>.</summary>
    public static async Task PrepareDatabaseAsync(IServiceProvider sp)
    {
        await DatabaseSetup.MigrateAsync(sp.GetRequiredService<GutSkinDb>());
        await AccountServices.EnsureRolesAsync(sp.GetRequiredService<RoleManager<IdentityRole>>());
    }

    private static async Task<int> AddAdminAsync(IServiceProvider sp, string email, string password, TextWriter stdout, TextWriter stderr)
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            if (password.Length == 0)
            {
                await stderr.WriteLineAsync("Give the new admin's password on standard input.");
                return 2;
            }

            user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Admin", CreatedAt = sp.GetRequiredService<TimeProvider>().GetUtcNow() };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                await stderr.WriteLineAsync(string.Join(Environment.NewLine, created.Errors.Select(e => e.Description)));
                return 2;
            }
        }

        foreach (var role in new[] { Roles.Member, Roles.Admin })
        {
            if (!await users.IsInRoleAsync(user, role))
            {
                await users.AddToRoleAsync(user, role);
            }
        }

        await stdout.WriteLineAsync($"{email} is an admin.");
        return 0;
    }
}
