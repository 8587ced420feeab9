using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Account;

/// <summary>A second member tries every personal route on the first member's data: sees nothing, changes nothing.</summary>
public sealed class MemberIsolationTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>, IAsyncLifetime
{
    private TestMember _first = null!;
    private TestMember _second = null!;

    public async ValueTask InitializeAsync() => (_first, _second) = await factory.SharedAsync("two members", async () =>
    {
        var first = await factory.MemberAsync("Europe/Berlin");
        var second = await factory.MemberAsync();
        await ReadJsonAsync(await first.Client.PostAsJsonAsync("/api/items", new { key = "secret_suspect", label = "Secret suspect", group = "habit", kind = "yesno" }), HttpStatusCode.Created);
        await ReadJsonAsync(await first.Client.PutDayAsync("2026-06-14", new { values = new { redness = 6, secret_suspect = 1 }, note = "first member's private note" }));
        await ReadJsonAsync(await first.Client.PutDayAsync("2026-06-13", new { values = new { bloating = 4 } }));
        return Tuple.Create(first, second);
    });

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task SecondMemberCannotReadTheFirstMembersJournal()
    {
        // A member of its own, with nothing logged: the class's second member logs days in other tests, in any order.
        var stranger = await factory.MemberAsync();
        Assert.Empty((await ReadJsonAsync(await stranger.Client.GetAsync("/api/journal", TestContext.Current.CancellationToken))).EnumerateArray());
        Assert.Empty((await ReadJsonAsync(await stranger.Client.GetAsync("/api/journal?from=2026-01-01&to=2026-06-16", TestContext.Current.CancellationToken))).EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync("/api/journal/2026-06-14", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _first.Client.GetAsync("/api/journal/2026-06-14", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task SecondMemberCannotSeeOrUseTheFirstMembersCustomItems()
    {
        var items = await ReadJsonAsync(await _second.Client.GetAsync("/api/items", TestContext.Current.CancellationToken));
        Assert.DoesNotContain(items.EnumerateArray(), i => i.GetProperty("key").GetString() == "secret_suspect");
        var before = factory.Fingerprint();

        await AssertProblemAsync(await _second.Client.PutDayAsync("2026-06-12", new { values = new { secret_suspect = 1 } }), HttpStatusCode.BadRequest, "values.secret_suspect");
        await AssertProblemAsync(await _second.Client.PostAsync("/api/journal/import", Csv("date,item,value\n2026-06-12,secret_suspect,1\n"), TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, "file");

        Assert.Equal(before, factory.Fingerprint());
    }

    [Fact]
    public async Task SecondMemberCannotChangeTheFirstMembersCustomItem()
    {
        var before = factory.Fingerprint();

        var patch = await _second.Client.PatchAsJsonAsync("/api/items/secret_suspect", new { label = "Renamed by someone else", archived = true }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, patch.StatusCode);
        Assert.Equal(before, factory.Fingerprint());
    }

    [Fact]
    public async Task AnotherMemberMayUseTheSameCustomKey_WithoutTouchingTheFirstMembersItem()
    {
        var third = await factory.MemberAsync();
        await ReadJsonAsync(await third.Client.PostAsJsonAsync("/api/items", new { key = "secret_suspect", label = "My own suspect", group = "skin", kind = "severity" }, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.Created);
        await ReadJsonAsync(await third.Client.PatchAsJsonAsync("/api/items/secret_suspect", new { archived = true }, cancellationToken: TestContext.Current.CancellationToken));
        await ReadJsonAsync(await third.Client.PutDayAsync("2026-06-14", new { values = new { secret_suspect = 9 } }));

        var firstItem = (await ReadJsonAsync(await _first.Client.GetAsync("/api/items", TestContext.Current.CancellationToken))).EnumerateArray().Single(i => i.GetProperty("key").GetString() == "secret_suspect");
        Assert.Equal(("Secret suspect", "yesno", false), (firstItem.GetProperty("label").GetString(), firstItem.GetProperty("kind").GetString(), firstItem.GetProperty("archived").GetBoolean()));
        var firstDay = await ReadJsonAsync(await _first.Client.GetAsync("/api/journal/2026-06-14", TestContext.Current.CancellationToken));
        Assert.Equal(1, firstDay.GetProperty("values").GetProperty("secret_suspect").GetDouble());
    }

    [Fact]
    public async Task SecondMemberCannotDeleteOrOverwriteTheFirstMembersDay()
    {
        var firstDay = await _first.Client.GetStringAsync("/api/journal/2026-06-14", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, (await _second.Client.DeleteAsync("/api/journal/2026-06-14", TestContext.Current.CancellationToken)).StatusCode);
        await ReadJsonAsync(await _second.Client.PutDayAsync("2026-06-13", new { values = new { redness = 1 }, note = "second member's own day" }));
        await ReadJsonAsync(await _second.Client.PostAsync("/api/journal/import", Csv("date,item,value\n2026-06-14,redness,0\n"), TestContext.Current.CancellationToken));

        Assert.Equal(firstDay, await _first.Client.GetStringAsync("/api/journal/2026-06-14", TestContext.Current.CancellationToken));
        var firstThirteenth = await ReadJsonAsync(await _first.Client.GetAsync("/api/journal/2026-06-13", TestContext.Current.CancellationToken));
        Assert.Equal(["bloating"], firstThirteenth.GetProperty("values").EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, firstThirteenth.GetProperty("note").ValueKind);
    }

    [Fact]
    public async Task SecondMembersExport_ContainsOnlyTheirOwnData()
    {
        await ReadJsonAsync(await _second.Client.PutDayAsync("2026-06-11", new { values = new { itch = 2 } }));

        var csv = await _second.Client.GetStringAsync("/api/journal/export?format=csv", TestContext.Current.CancellationToken);
        var json = await _second.Client.GetStringAsync("/api/journal/export?format=json", TestContext.Current.CancellationToken);

        // The first member's days (the second may have a 14 June of their own: another test imports one).
        Assert.DoesNotContain("2026-06-14,redness,6", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("secret_suspect", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("bloating", csv, StringComparison.Ordinal);
        Assert.Contains("2026-06-11,itch,2", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("first member's private note", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Europe/Berlin", json, StringComparison.Ordinal);
        Assert.DoesNotContain(_first.Email, json, StringComparison.Ordinal);
        var export = JsonDocument.Parse(json).RootElement;
        Assert.DoesNotContain(export.GetProperty("items").EnumerateArray(), i => i.GetProperty("label").GetString() == "Secret suspect");
        Assert.DoesNotContain(export.GetProperty("days").EnumerateArray(), d => d.GetProperty("values").TryGetProperty("secret_suspect", out _)
            || (d.GetProperty("date").GetString() is "2026-06-14" && d.GetProperty("values").TryGetProperty("redness", out var redness) && redness.GetDouble() == 6));
    }

    [Fact]
    public async Task SecondMembersProfile_IsTheirOwn_AndChangingItLeavesTheFirstAlone()
    {
        var profile = await ReadJsonAsync(await _second.Client.GetAsync("/api/account/profile", TestContext.Current.CancellationToken));
        Assert.Equal(_second.Email, profile.GetProperty("email").GetString());

        await ReadJsonAsync(await _second.Client.PutAsJsonAsync("/api/account/profile", new { displayName = "Second", timeZone = "Asia/Tokyo" }, cancellationToken: TestContext.Current.CancellationToken));

        var first = await ReadJsonAsync(await _first.Client.GetAsync("/api/account/profile", TestContext.Current.CancellationToken));
        Assert.Equal(("", "Europe/Berlin", _first.Email), (first.GetProperty("displayName").GetString(), first.GetProperty("timeZone").GetString(), first.GetProperty("email").GetString()));
    }
}
