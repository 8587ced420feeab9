using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GutSkin.Web.Infrastructure;

/// <summary>
/// Two requests that write the same rows at the same moment (a double click on "reset authenticator key",
/// two registrations with one address) lose to a unique index or a concurrency stamp: that is a 409 the client
/// can retry, never a 500.
/// </summary>
public sealed class WriteConflictHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken) =>
        IsWriteConflict(exception) && await Problems.WriteAsync(httpContext, StatusCodes.Status409Conflict, "Changed at the same moment by another request",
            "Another request changed the same data while this one ran. Nothing of this one was saved: send it again.", exception);

    public static bool IsWriteConflict(Exception exception) => exception switch
    {
        DbUpdateConcurrencyException => true,
        DbUpdateException { InnerException: SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 } } => true,
        DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } } => true,
        _ => false,
    };
}
