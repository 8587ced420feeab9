using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GutSkin.Web.Data;
using Microsoft.Data.Sqlite;

namespace GutSkin.Web.Tests.Infrastructure;

/// <summary>
/// No acknowledged write is lost when the app is killed. The built app runs as a process of its own on the provider of
/// this run (a SQLite file in a temp folder, or a fresh database in GUTSKIN_TEST_POSTGRES's cluster); several clients
/// write journal days in a loop, the app is killed with SIGKILL while they write, started again on the same database,
/// and every day whose PUT was answered 2xx must be there with exactly the values of its last acknowledged write (or
/// of the one write that was in flight when the app died). Twice, so the second kill hits a database that was itself
/// recovered from a kill.
/// </summary>
public sealed class SigkillDurabilityTests : IDisposable
{
    private const int Writers = 4;
    private const int DaysPerWriter = 12;
    private const int AcknowledgedPerRound = 250;
    private const int Rounds = 2;

    private readonly DatabaseProvider _provider =
        string.Equals(Environment.GetEnvironmentVariable("GUTSKIN_TEST_PROVIDER"), "Postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "gutskin-kill", Guid.NewGuid().ToString("N"));

    private readonly string _connection;

    public SigkillDurabilityTests()
    {
        Directory.CreateDirectory(_folder);
        _connection = _provider == DatabaseProvider.Postgres
            ? $"{Environment.GetEnvironmentVariable("GUTSKIN_TEST_POSTGRES") ?? throw new InvalidOperationException("GUTSKIN_TEST_PROVIDER=Postgres needs GUTSKIN_TEST_POSTGRES (test.sh sets it).")};Database=gutskin_kill_{Guid.NewGuid():N}"
            : $"Data Source={Path.Combine(_folder, "gutskin.db")}";
    }

    [Fact]
    public async Task AcknowledgedJournalWrites_SurviveTheAppBeingKilled()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = timeout.Token;
        var email = $"killed-{Guid.NewGuid():N}@example.test";
        var lastDay = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        var writers = Enumerable.Range(0, Writers).Select(i => new Writer(i, lastDay)).ToList();

        for (var round = 1; round <= Rounds; round++)
        {
            await using var app = await AppProcess.StartAsync(Settings(), ct);
            using var client = await SignInAsync(app, email, register: round == 1, ct);
            await VerifyAsync(client, writers, app, ct);

            // Several clients write until enough PUTs were acknowledged, then the app dies under them.
            var acknowledged = 0;
            var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var clients = writers.Select(_ => Authorized(app.CreateClient(), client)).ToList();
            var running = writers.Select((w, i) => Task.Run(() => w.RunAsync(clients[i], () =>
            {
                if (Interlocked.Increment(ref acknowledged) == AcknowledgedPerRound)
                {
                    enough.TrySetResult();
                }
            }), ct)).ToList();
            await Task.WhenAny(enough.Task, Task.WhenAll(running)).WaitAsync(ct);
            writers.ForEach(w => w.AppKilled = true);
            await app.KillAsync();
            await Task.WhenAll(running).WaitAsync(ct);
            clients.ForEach(c => c.Dispose());

            Assert.All(writers, w => Assert.True(w.Unexpected.Count == 0, $"Writer {w.Index}: {string.Join("; ", w.Unexpected)}\n{app.Output}"));
            Assert.True(acknowledged >= AcknowledgedPerRound, $"Only {acknowledged} writes were acknowledged before the writers stopped.\n{app.Output}");
        }

        await using (var app = await AppProcess.StartAsync(Settings(), ct))
        {
            using var client = await SignInAsync(app, email, register: false, ct);
            await VerifyAsync(client, writers, app, ct);

            // The recovered database takes writes again.
            var put = await client.PutAsJsonAsync($"/api/journal/{Format(lastDay)}", new { values = new { redness = 7 } }, ct);
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        if (_provider == DatabaseProvider.Sqlite)
        {
            await using var sqlite = new SqliteConnection(_connection + ";Pooling=False");
            await sqlite.OpenAsync(ct);
            Assert.Equal("wal", await ScalarAsync(sqlite, "PRAGMA journal_mode", ct));
            Assert.Equal("ok", await ScalarAsync(sqlite, "PRAGMA integrity_check", ct));
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // The temp folder is cleaned by the OS.
        }
    }

    private Dictionary<string, string> Settings() => new()
    {
        ["Database__Provider"] = _provider.ToString(),
        ["ConnectionStrings__GutSkin"] = _connection,
        ["Email__PickupDirectory"] = Path.Combine(_folder, "mail"),
        ["Comments__UploadDirectory"] = Path.Combine(_folder, "uploads"),
    };

    private async Task<HttpClient> SignInAsync(AppProcess app, string email, bool register, CancellationToken ct)
    {
        var client = app.CreateClient();
        if (register)
        {
            var registered = await client.PostAsJsonAsync("/api/auth/register", new { email, password = TestSupport.Password }, ct);
            Assert.True(registered.IsSuccessStatusCode, $"register: {(int)registered.StatusCode} {await registered.Content.ReadAsStringAsync(ct)}\n{app.Output}");
            var confirmed = await client.GetAsync(Mailbox.Link(Path.Combine(_folder, "mail"), email, "/api/auth/confirmEmail"), ct);
            Assert.True(confirmed.IsSuccessStatusCode, $"confirm: {(int)confirmed.StatusCode}\n{app.Output}");
        }

        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password = TestSupport.Password }, ct);
        Assert.True(login.IsSuccessStatusCode, $"login: {(int)login.StatusCode} {await login.Content.ReadAsStringAsync(ct)}\n{app.Output}");
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static HttpClient Authorized(HttpClient client, HttpClient signedIn)
    {
        client.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        return client;
    }

    /// <summary>Every writer's days as the restarted app answers them, against what was acknowledged.</summary>
    private static async Task VerifyAsync(HttpClient client, List<Writer> writers, AppProcess app, CancellationToken ct)
    {
        var dates = writers.SelectMany(w => w.Dates).ToList();
        var response = await client.GetAsync($"/api/journal?from={Format(dates.Min())}&to={Format(dates.Max())}", ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}\n{app.Output}");
        var stored = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).EnumerateArray()
            .ToDictionary(d => DateOnly.ParseExact(d.GetProperty("date").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        foreach (var writer in writers)
        {
            writer.Check(stored);
        }
    }

    private static async Task<string?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync(ct))?.ToString();
    }

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// One client: it rewrites its own days in turn, one PUT at a time, each write numbered and its values derived
    /// from the number, and remembers which write of each day was acknowledged last and which one was in flight.
    /// </summary>
    private sealed class Writer(int index, DateOnly lastDay)
    {
        private readonly Dictionary<DateOnly, int> _acknowledged = [];
        private (DateOnly Date, int Write)? _inFlight;
        private int _write;

        public int Index => index;

        public volatile bool AppKilled;

        public List<string> Unexpected { get; } = [];

        public IEnumerable<DateOnly> Dates => Enumerable.Range(0, DaysPerWriter).Select(DateOf);

        private DateOnly DateOf(int write) => lastDay.AddDays(-((index * DaysPerWriter) + (write % DaysPerWriter)));

        /// <summary>Writes until the app is gone; anything but 2xx or a dropped connection after the kill is unexpected.</summary>
        public async Task RunAsync(HttpClient client, Action acknowledged)
        {
            AppKilled = false;
            while (true)
            {
                var write = ++_write;
                var date = DateOf(write);
                _inFlight = (date, write);
                HttpResponseMessage response;
                try
                {
                    response = await client.PutAsJsonAsync($"/api/journal/{Format(date)}", Body(write));
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    if (!AppKilled)
                    {
                        Unexpected.Add($"write {write} failed before the kill: {e.Message}");
                    }

                    return;
                }

                if (!response.IsSuccessStatusCode)
                {
                    Unexpected.Add($"write {write} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                    return;
                }

                _acknowledged[date] = write;
                _inFlight = null;
                acknowledged();
            }
        }

        /// <summary>
        /// Each day holds its last acknowledged write, or the write in flight at the kill; a day never acknowledged
        /// is absent unless that write reached it. What is found becomes what the next round expects.
        /// </summary>
        public void Check(Dictionary<DateOnly, JsonElement> stored)
        {
            foreach (var date in Dates)
            {
                var acknowledged = _acknowledged.TryGetValue(date, out var a) ? a : (int?)null;
                var inFlight = _inFlight is { } f && f.Date == date ? f.Write : (int?)null;
                if (!stored.TryGetValue(date, out var day))
                {
                    Assert.True(acknowledged is null, $"Writer {index}: {Format(date)} is gone, though write {acknowledged} of it was acknowledged.");
                    continue;
                }

                var note = day.GetProperty("note").GetString() ?? "";
                var found = note.StartsWith($"writer {index} write ", StringComparison.Ordinal)
                    ? int.Parse(note[$"writer {index} write ".Length..], CultureInfo.InvariantCulture)
                    : -1;
                Assert.True(
                    found == acknowledged || found == inFlight,
                    $"Writer {index}: {Format(date)} holds \"{note}\"; acknowledged was write {acknowledged?.ToString(CultureInfo.InvariantCulture) ?? "none"}, in flight {inFlight?.ToString(CultureInfo.InvariantCulture) ?? "none"}.");
                var values = day.GetProperty("values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
                Assert.Equal(Body(found).Values.ToDictionary(), values);
                _acknowledged[date] = found;
            }

            _inFlight = null;
        }

        private Request Body(int write)
        {
            var values = new SortedDictionary<string, double>(StringComparer.Ordinal)
            {
                ["redness"] = write % 11,
                ["water"] = (write % 41) / 4.0,
                ["sleep"] = (write % 97) / 4.0,
            };
            if (write % 2 == 1)
            {
                // Present on odd writes only, so a day that kept an older write's values shows.
                values["itch"] = write % 7;
            }

            return new Request(values, $"writer {index} write {write}");
        }

        private sealed record Request(SortedDictionary<string, double> Values, string Note);
    }
}
