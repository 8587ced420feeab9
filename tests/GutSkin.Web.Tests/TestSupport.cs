using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Tests;

/// <summary>A registered member: their bearer client, e-mail and user id (for looking into the database).</summary>
public sealed record TestMember(HttpClient Client, string Email, string Id);

public static class TestSupport
{
    public const string Password = "correct horse battery";

    /// <summary>Registers and logs in a member; with <paramref name="timeZone"/> their profile is set to it.</summary>
    public static async Task<TestMember> MemberAsync(this GutSkinFactory factory, string? timeZone = null)
    {
        var email = $"member-{Guid.NewGuid():N}@example.test";
        var client = await factory.CreateMemberAsync(email, Password);
        if (timeZone is not null)
        {
            var response = await client.PutAsJsonAsync("/api/account/profile", new { timeZone });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var id = factory.WithDb(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).Single());
        return new TestMember(client, email, id);
    }

    private static readonly ConditionalWeakTable<GutSkinFactory, ConcurrentDictionary<string, Lazy<Task<object>>>> Shared = [];

    /// <summary>One member per factory for tests that only need someone signed in (registration hashes a password: not free).</summary>
    public static Task<TestMember> SharedMemberAsync(this GutSkinFactory factory) =>
        factory.SharedAsync("member", () => factory.MemberAsync());

    /// <summary>Whatever <paramref name="create"/> makes, made once per factory and name: set-up shared by the tests of one class.</summary>
    public static async Task<T> SharedAsync<T>(this GutSkinFactory factory, string name, Func<Task<T>> create)
        where T : class =>
        (T)await Shared.GetOrCreateValue(factory).GetOrAdd(name, _ => new Lazy<Task<object>>(async () => await create())).Value;

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Csv(string csv) => new(csv, Encoding.UTF8, "text/csv");

    /// <summary>Asserts a problem document: the status, <c>application/problem+json</c>, and each named field in <c>errors</c>.</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, params string[] fields)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, json.GetProperty("status").GetInt32());
        foreach (var field in fields)
        {
            Assert.True(
                json.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out var messages) && messages.GetArrayLength() > 0,
                $"The problem names no field '{field}': {body}");
        }

        return json;
    }

    /// <summary>A 400 problem whose <c>errors</c> name at least one field, whatever it is called.</summary>
    public static async Task<JsonElement> AssertBadRequestWithSomeFieldAsync(HttpResponseMessage response)
    {
        var json = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(json.TryGetProperty("errors", out var errors) && errors.EnumerateObject().Any(), $"The problem names no field: {json}");
        return json;
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<HttpResponseMessage> PutDayAsync(this HttpClient client, string date, object body) =>
        await client.PutAsJsonAsync($"/api/journal/{date}", body);

    /// <summary>Every journal day, value and custom item and every profile in the database, as text: equal before and after means nothing was written.</summary>
    public static string Fingerprint(this GutSkinFactory factory) => factory.WithDb(db =>
    {
        var text = new StringBuilder();
        var days = db.JournalDays.AsNoTracking().ToList()
            .OrderBy(d => d.UserId, StringComparer.Ordinal).ThenBy(d => d.Date);
        foreach (var day in days)
        {
            text.Append(CultureInfo.InvariantCulture, $"day {day.UserId} {day.Date:yyyy-MM-dd} {day.UpdatedAt:O} note={day.Note?.Length}:{day.Note}\n");
            foreach (var value in GutSkin.Web.Features.Journal.ValuePacking.Unpack(day.PackedValues))
            {
                text.Append(CultureInfo.InvariantCulture, $"  {value.ItemId}={value.Value:R}\n");
            }
        }

        foreach (var item in db.Items.AsNoTracking().ToList().OrderBy(i => i.Id))
        {
            text.Append(CultureInfo.InvariantCulture, $"item {item.Id} {item.OwnerId} {item.Key} {item.Label} {item.Group} {item.Kind} {item.Min:R}-{item.Max:R} {item.Unit} {item.Archived}\n");
        }

        foreach (var user in db.Users.AsNoTracking().ToList().OrderBy(u => u.Id, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"user {user.Id} {user.Email} {user.DisplayName} {user.TimeZone}\n");
        }

        return text.ToString();
    });

    /// <summary>A client that keeps the login cookie and sends no bearer token.</summary>
    public static async Task<HttpClient> CookieClientAsync(this GutSkinFactory factory, string email, string password = Password)
    {
        var client = factory.CreateDefaultClient(new CookieJar(factory.Time).Handler());
        var login = await client.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email, password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return client;
    }

    public static void UseBearer(this HttpClient client, string token) =>
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
}
