using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using static GutSkin.Web.Tests.TestSupport;

namespace GutSkin.Web.Tests.Import;

/// <summary>The /import page without script: upload, the mapping as form fields, import, the summary; a tampered upload and a bad row refused.</summary>
public sealed partial class ImportPageTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("name=\"Upload\" value=\"([^\"]+)\"")]
    private static partial Regex UploadField();

    private static string Token(string page) => AntiforgeryField().Match(page).Groups[1].Value;

    /// <summary>Uploads a file on the page: the answer's HTML, with the protected upload in it.</summary>
    private static async Task<(HttpResponseMessage Response, string Html)> UploadAsync(HttpClient cookie, string text)
    {
        var page = await cookie.GetStringAsync("/import", Ct);
        var form = new MultipartFormDataContent
        {
            { new StringContent(Token(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", "daylio_export.csv" },
        };
        var response = await cookie.PostAsync("/import?handler=Preview", form, Ct);
        return (response, await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>The form fields of the page's mapping as the browser would send them, from the API's proposal for the same file.</summary>
    private static Dictionary<string, string> Fields(string html, JsonElement preview, string? upload = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(html),
            ["Upload"] = upload ?? WebUtility.HtmlDecode(UploadField().Match(html).Groups[1].Value),
            ["Conflicts"] = "keep",
        };
        var i = 0;
        foreach (var entry in preview.GetProperty("entries").EnumerateArray())
        {
            var m = entry.GetProperty("mapping");
            string Text(string name) => m.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.ToString() : "";
            fields[$"Rows[{i}].Name"] = entry.GetProperty("name").GetString()!;
            fields[$"Rows[{i}].Type"] = entry.GetProperty("type").GetString()!;
            fields[$"Rows[{i}].Action"] = Text("action");
            fields[Text("action") == "new" ? $"Rows[{i}].NewKey" : $"Rows[{i}].Item"] = Text("item");
            foreach (var (name, field) in new[] { ("label", "Label"), ("group", "Group"), ("kind", "Kind"), ("multiply", "Multiply"), ("add", "Add"), ("combine", "Combine"), ("min", "Min"), ("max", "Max") })
            {
                fields[$"Rows[{i}].{field}"] = Text(name);
            }

            i++;
        }

        return fields;
    }

    /// <summary>A new member who uploaded <paramref name="text"/> on the page, and the API's preview of the same file.</summary>
    private async Task<(TestMember Member, HttpClient Cookie, HttpResponseMessage Uploaded, string Html, JsonElement Preview)> StartAsync(string text)
    {
        var member = await factory.MemberAsync();
        var cookie = await factory.CookieClientAsync(member.Email);
        var (uploaded, html) = await UploadAsync(cookie, text);
        var preview = await ReadJsonAsync(await member.Client.PostAsync("/api/import/preview", ImportApiTests.Form(text), Ct));
        return (member, cookie, uploaded, html, preview);
    }

    [Fact]
    public async Task UploadCheckImport_WritesTheJournal_AndPointsToInsights()
    {
        var fixture = ImportFixtures.Daylio(15);

        var (member, cookie, uploaded, html, preview) = await StartAsync(fixture.Text);
        Assert.Equal("[]", await member.Client.GetStringAsync("/api/journal?from=2025-01-01", Ct));
        var imported = await cookie.PostAsync("/import?handler=Import", new FormUrlEncodedContent(Fields(html, preview)), Ct);
        var summary = await cookie.GetStringAsync("/import", Ct);

        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        Assert.Contains("<strong>daylio</strong>", html, StringComparison.Ordinal);
        Assert.Contains("Rows[0].Action", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        Assert.Contains($"See what your {fixture.Expected.Count} days show", summary, StringComparison.Ordinal);
        var days = await ReadJsonAsync(await member.Client.GetAsync("/api/journal?from=2025-01-01", Ct));
        Assert.Equal(fixture.Values, days.EnumerateArray().Sum(d => d.GetProperty("values").EnumerateObject().Count()));
    }

    [Fact]
    public async Task ATamperedUpload_IsRefused_AndNothingIsStored()
    {
        var fixture = ImportFixtures.Wide(10);
        var (member, cookie, _, html, preview) = await StartAsync(fixture.Text);

        var response = await cookie.PostAsync("/import?handler=Import", new FormUrlEncodedContent(Fields(html, preview, upload: Convert.ToBase64String(Encoding.UTF8.GetBytes(fixture.Text)))), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("choose the file again", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("[]", await member.Client.GetStringAsync("/api/journal?from=2025-01-01", Ct));
    }

    [Fact]
    public async Task AMappingProblem_ShowsTheFormAgainWithTheFieldMarked()
    {
        var (member, cookie, _, html, preview) = await StartAsync("Date,Redness\n2026-01-05,4\n");
        var fields = Fields(html, preview);
        fields["Rows[0].Item"] = "unicorn";

        var response = await cookie.PostAsync("/import?handler=Import", new FormUrlEncodedContent(fields), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Nothing was imported.", body, StringComparison.Ordinal);
        Assert.Contains("&#x27;unicorn&#x27; is not one of your tracked items.", body, StringComparison.Ordinal);
        Assert.Equal("Rows[3].Item", GutSkin.Web.Features.Import.IndexModel.FieldOfRow("mapping[3].item"));
        Assert.Equal("[]", await member.Client.GetStringAsync("/api/journal?from=2025-01-01", Ct));
    }

    [Fact]
    public async Task NoFile_IsAFieldError()
    {
        var member = await factory.SharedMemberAsync();
        var cookie = await factory.CookieClientAsync(member.Email);
        var page = await cookie.GetStringAsync("/import", Ct);

        var response = await cookie.PostAsync("/import?handler=Preview", new MultipartFormDataContent { { new StringContent(Token(page)), "__RequestVerificationToken" } }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Choose a file to import.", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
