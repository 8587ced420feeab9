using System.Net;
using System.Net.Http.Json;
using GutSkin.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Infrastructure;

/// <summary>Two requests writing the same rows at once: the loser gets a 409 problem to retry, never a 500.</summary>
public sealed class WriteConflictTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    [Fact]
    public void UniqueViolationsAndStaleStamps_AreConflicts_OtherFailuresAreNot()
    {
        Assert.True(WriteConflictHandler.IsWriteConflict(new DbUpdateConcurrencyException("stale")));
        Assert.True(WriteConflictHandler.IsWriteConflict(new DbUpdateException("save", new SqliteException("UNIQUE constraint failed", 19, 2067))));
        Assert.True(WriteConflictHandler.IsWriteConflict(new DbUpdateException("save", new SqliteException("UNIQUE constraint failed", 19, 1555))));
        Assert.True(WriteConflictHandler.IsWriteConflict(new DbUpdateException("save", new PostgresException("duplicate key", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation))));

        Assert.False(WriteConflictHandler.IsWriteConflict(new DbUpdateException("save", new SqliteException("FOREIGN KEY constraint failed", 19, 787))));
        Assert.False(WriteConflictHandler.IsWriteConflict(new DbUpdateException("save", new PostgresException("value too long", "ERROR", "ERROR", PostgresErrorCodes.StringDataRightTruncation))));
        Assert.False(WriteConflictHandler.IsWriteConflict(new InvalidOperationException("not a write")));
    }

    [Fact]
    public async Task ConcurrentAuthenticatorResets_AreEachSavedOrAConflictProblem()
    {
        var member = await factory.MemberAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
            member.Client.PostAsJsonAsync("/api/auth/manage/2fa", new { resetSharedKey = true, resetRecoveryCodes = true })));

        // A reset also revokes the sessions it did not come from (issue 7), so a request checked after an earlier
        // reset was saved is a 401; the others are saved or lose a write race: never a 500.
        foreach (var answer in answers)
        {
            if (answer.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Unauthorized))
            {
                await AssertProblemAsync(answer, HttpStatusCode.Conflict);
            }
        }

        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.OK);
    }
}
