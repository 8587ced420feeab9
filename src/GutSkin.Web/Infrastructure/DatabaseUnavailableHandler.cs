using System.Data.Common;
using System.Globalization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace GutSkin.Web.Infrastructure;

/// <summary>
/// The one place that decides "the database cannot be reached right now" and answers 503 with Retry-After:
/// a problem document under /api; elsewhere the /error page, which tells people in words. Nothing is
/// remembered between requests, so the app is back as soon as the database is.
/// </summary>
public sealed class DatabaseUnavailableHandler(ILogger<DatabaseUnavailableHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 30;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (Cause(exception) is not { } cause)
        {
            return false;
        }

        // The provider's message names the failure (refused, timed out, locked), never a value of the query.
        logger.LogWarning("The database cannot be reached ({ExceptionType}: {Reason}); answered 503", cause.GetType().Name, cause.Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        if (!httpContext.Request.Path.StartsWithSegments("/api"))
        {
            // Not handled here: the exception handler goes on to the /error page with this status.
            return false;
        }

        return await Problems.WriteAsync(httpContext, StatusCodes.Status503ServiceUnavailable, "The database cannot be reached right now.",
            $"Nothing was lost. Please try again in a minute (Retry-After: {RetryAfterSeconds} seconds).", exception);
    }

    /// <summary>Whether <paramref name="exception"/>, or one it wraps, says the database cannot be reached right now.</summary>
    public static bool IsUnavailable(Exception exception) => Cause(exception) is not null;

    /// <summary>
    /// The provider exception that says so: PostgreSQL refusing, dropping or timing out a connection, shutting
    /// down or out of connections; SQLite's file locked by another process past the busy timeout, or unopenable.
    /// EF Core wraps these in DbUpdateException, RetryLimitExceededException or (Npgsql's execution strategy)
    /// InvalidOperationException, so the whole chain is searched.
    /// </summary>
    public static Exception? Cause(Exception exception)
    {
        var insideDatabase = false;
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (Unreachable(current, insideDatabase))
            {
                return current;
            }

            insideDatabase |= current is DbException or DbUpdateException or RetryLimitExceededException;
        }

        return null;
    }

    private static bool Unreachable(Exception exception, bool insideDatabase) => exception switch
    {
        // 08: connection exceptions; 57P01-03: shutting down or starting up; 53300: too many connections.
        PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
            || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
                or PostgresErrorCodes.TooManyConnections,
        // Not an error PostgreSQL sent: a refused or broken socket, or a timeout.
        NpgsqlException npgsql => npgsql.IsTransient,
        SqliteException sqlite => (sqlite.SqliteErrorCode & 0xFF) is SqliteBusy or SqliteLocked or SqliteIoError or SqliteCantOpen,
        TimeoutException => insideDatabase,
        _ => false,
    };

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteIoError = 10;
    private const int SqliteCantOpen = 14;
}

public static class DatabaseUnavailableSetup
{
    /// <summary>Registers the handler, and lets a sign-in cookie through when its periodic check cannot reach the database.</summary>
    public static IServiceCollection AddDatabaseUnavailableHandling(this IServiceCollection services)
    {
        services.AddExceptionHandler<DatabaseUnavailableHandler>();
        // The security-stamp check runs in authentication, which the /error page goes through again: failing there,
        // the friendly page would fail too. The cookie stays as it is and is checked on the next request instead;
        // whatever the page needs from the database answers 503 on its own.
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o =>
        {
            var validate = o.Events.OnValidatePrincipal;
            o.Events.OnValidatePrincipal = async context =>
            {
                try
                {
                    await validate(context);
                }
                catch (Exception e) when (DatabaseUnavailableHandler.IsUnavailable(e))
                {
                    // Checked on the next request.
                }
            };
        });
        return services;
    }
}
