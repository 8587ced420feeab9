namespace GutSkin.Instances.Tests;

/// <summary>The app's commands (<c>migrate</c>, <c>backup FILE</c>) on a PostgreSQL test database, run by <see cref="AppProcess"/> as an operator runs them.</summary>
public static class AppCommand
{
    /// <summary>Runs a command against <paramref name="database"/> and answers its exit code and output.</summary>
    public static Task<(int Code, string Stdout, string Stderr)> RunAsync(TestDatabase database, params string[] args) =>
        AppProcess.RunCommandAsync(
            new Dictionary<string, string>
            {
                ["Database__Provider"] = "Postgres",
                ["ConnectionStrings__GutSkin"] = database.ConnectionString,
                ["Logging__LogLevel__Default"] = "Warning",
                ["DataProtection__KeyFile"] = database.KeyFile,
            },
            TimeSpan.FromMinutes(3),
            args);
}
