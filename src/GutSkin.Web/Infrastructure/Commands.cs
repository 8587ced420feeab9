using GutSkin.Web.Data;
using GutSkin.Web.Features.Account;
using GutSkin.Web.Features.Articles;
using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using Microsoft.AspNetCore.Identity;

namespace GutSkin.Web.Infrastructure;

/// <summary>The app's commands besides serving: <c>migrate</c>, <c>admin add EMAIL --password-stdin</c> and <c>backup PATH</c>.</summary>
public static class Commands
{
    public static bool IsCommand(string[] args) => args is ["migrate", ..] or ["admin", ..] or ["backup", ..];

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        if (args is ["backup", ..])
        {
            // A backup copies the database as it is: it must not migrate it first.
            return args is ["backup", var path]
                ? await DatabaseBackup.RunAsync(sp.GetRequiredService<GutSkinDb>(), path, stdout, stderr)
                : await Usage(stderr);
        }

        // A database that is still starting is waited for (Database:StartupWait), as when serving.
        if (!await sp.GetRequiredService<DatabaseStartup>().PrepareAsync(CancellationToken.None))
        {
            await stderr.WriteLineAsync("The database could not be reached (see Database:StartupWait).");
            return 1;
        }

        switch (args)
        {
            case ["migrate"]:
                await stdout.WriteLineAsync("Database is up to date.");
                return 0;
            case ["admin", "add", var email, "--password-stdin"]:
                return await AddAdminAsync(sp, email, stdin.ReadLine()?.TrimEnd('\r', '\n') ?? "", stdout, stderr);
            default:
                return await Usage(stderr);
        }
    }

    private static async Task<int> Usage(TextWriter stderr)
    {
        await stderr.WriteLineAsync("Usage: migrate | admin add EMAIL --password-stdin | backup PATH | analyze FILE.csv [--max-lag N]");
        return 2;
    }

    /// <summary>
    /// Migrations, roles, the starter content, the first data-protection key and the VAPID keys; run at start-up and by every
    /// command but <c>backup</c>. One process at a time (<see cref="StartupLock"/>), so instances that start
    /// together neither race on the schema nor seed twice, and they share one key ring: two instances that
    /// each made the first key would not read each other's cookies and tokens once the key ring is cached.
    /// </summary>
    public static async Task PrepareDatabaseAsync(IServiceProvider sp, CancellationToken ct = default)
    {
        var db = sp.GetRequiredService<GutSkinDb>();
        var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Commands));
        await using (await StartupLock.AcquireAsync(db, logger, ct))
        {
            await DatabaseSetup.MigrateAsync(db, ct);
            await AccountServices.EnsureRolesAsync(sp.GetRequiredService<RoleManager<IdentityRole>>());
            await AddressNormalizer.RenormalizeAsync(db, sp.GetRequiredService<ILookupNormalizer>(), logger, ct);
            await ArticleSeeding.SeedAsync(sp, ct);
            await KeyProtection.EncryptStoredPlainKeysAsync(sp, logger, ct);
            // Reads the key ring, creating the first key when the database holds no usable one.
            sp.GetRequiredService<IKeyRingProvider>().GetCurrentKeyRing();
            // The site's VAPID keys for Web Push, protected by that key ring: made once, by whoever stores them first.
            await sp.GetRequiredService<Features.Push.VapidKeys>().CreateIfMissingAsync(db, ct);
        }
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

            user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Admin", CreatedAt = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime };
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
