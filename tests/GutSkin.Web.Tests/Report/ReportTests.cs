using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using UglyToad.PdfPig;

namespace GutSkin.Web.Tests.Report;

public sealed partial class ReportTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    private const string Period = "from=2025-06-01&to=2026-05-31";

    /// <summary>A treatment label of 80 characters: wider than its column, so it wraps in the PDF's table.</summary>
    private const string LongLabel = "Azelaic acid gel fifteen percent applied thinly to cheek chin and forehead daily";

    private const string ShortNote = "Started the azelaic acid gel after the dermatology appointment.";

    /// <summary>A note of about ninety words: many lines in the PDF's table cell.</summary>
    private static readonly string LongNote = string.Join(' ', Enumerable.Range(0, 9).Select(i =>
        $"Paragraph{i} the flare began around the jawline after a week of travel, poor sleep and restaurant meals, itching worst in the evening."));

    private Task<TestMember> MemberWithExperimentAsync() => factory.SharedAsync("report", async () =>
    {
        var member = await factory.MemberAsync();
        var ct = TestContext.Current.CancellationToken;
        await PostItemAsync(member, new { key = "doxycycline", label = "Doxycycline", group = "treatment", kind = "dose", unit = "mg" });
        await PostItemAsync(member, new { key = "azelaic_acid", label = LongLabel, group = "treatment", kind = "yesno" });
        var import = await member.Client.PostAsync("/api/journal/import", TestSupport.Csv(PlantedJournal.Csv(new DateOnly(2025, 6, 1), 365) + TreatmentRows()), ct);
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        await AddNoteAsync(member, "2025-07-01", LongNote);
        await AddNoteAsync(member, "2025-08-15", ShortNote);
        var created = await member.Client.PostAsJsonAsync("/api/experiments", new
        {
            name = "Probiotic trial",
            intervention = "probiotic_supplement",
            outcome = "redness",
            start = "2025-06-01",
            @switch = "2025-12-01",
            end = "2026-05-31",
            onsetDays = 14,
        }, ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return member;
    });

    /// <summary>Doxycycline for 40 days from 2026-03-01 (100 mg for 25 days, then 50 mg), the gel on 15 of 30 days from 2026-04-01.</summary>
    private static string TreatmentRows()
    {
        var csv = new StringBuilder();
        for (var i = 0; i < 40; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{new DateOnly(2026, 3, 1).AddDays(i):yyyy-MM-dd},doxycycline,{(i < 25 ? 100 : 50)}\n");
        }

        for (var i = 0; i < 30; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{new DateOnly(2026, 4, 1).AddDays(i):yyyy-MM-dd},azelaic_acid,{(i % 2 == 0 ? 1 : 0)}\n");
        }

        return csv.ToString();
    }

    private static async Task PostItemAsync(TestMember member, object item) =>
        Assert.Equal(HttpStatusCode.Created, (await member.Client.PostAsJsonAsync("/api/items", item, TestContext.Current.CancellationToken)).StatusCode);

    /// <summary>Adds a note to a day, keeping its values (a PUT replaces the day).</summary>
    private static async Task AddNoteAsync(TestMember member, string date, string note)
    {
        var day = JsonDocument.Parse(await member.Client.GetStringAsync($"/api/journal/{date}", TestContext.Current.CancellationToken)).RootElement.Clone();
        var response = await member.Client.PutDayAsync(date, new { values = day.GetProperty("values"), note });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<(string Text, int Pages)> PdfAsync(string query)
    {
        var member = await MemberWithExperimentAsync();
        var response = await member.Client.GetAsync($"/report.pdf?{query}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        return (string.Join(' ', pdf.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text)))), pdf.NumberOfPages);
    }

    [Theory]
    [InlineData("a4", 595, 842)]
    [InlineData("letter", 612, 792)]
    public async Task Pdf_OpensAndItsTextHoldsTheVerdictFindingsAndMethods(string paper, int width, int height)
    {
        var member = await MemberWithExperimentAsync();
        var response = await member.Client.GetAsync($"/report.pdf?{Period}&paper={paper}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);

        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.InRange(pdf.NumberOfPages, 1, 2);
        var page = pdf.GetPage(1);
        Assert.Equal(width, (int)Math.Round(page.Width));
        Assert.Equal(height, (int)Math.Round(page.Height));
        var text = string.Join(' ', pdf.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))));
        Assert.Contains("Probiotic trial", text, StringComparison.Ordinal);
        Assert.Contains("Verdict: no meaningful change", text, StringComparison.Ordinal);
        // The planted finding: breakouts two days after sugar, with its strength in words.
        // The planted finding, breakouts two days after sugar, with its strength in words: the page's row, and every
        // word of it in the PDF (whose cells wrap, so its lines interleave the columns).
        var html = await member.Client.GetStringAsync($"/report?{Period}", TestContext.Current.CancellationToken);
        var row = Regex.Match(html, @"<tr><th scope=""row"">Sugary foods and drinks</th><td>Breakouts / acne</td><td>2 days later</td><td>((?:\+|&#x2B;)\d\.\d points per serving \(\d\.\d to \d\.\d\))</td><td class=""num"">\d+</td><td class=""num"">&lt; 0.001</td><td>clear</td></tr>");
        Assert.True(row.Success, "The page lists no clear finding of sugar two days before breakouts.");
        var words = text.Split(' ');
        Assert.All($"Sugary foods and drinks Breakouts / acne 2 days later {WebUtility.HtmlDecode(row.Groups[1].Value)} < 0.001 clear".Split(' '), word => Assert.Contains(word, words));
        Assert.Contains("Methods", text, StringComparison.Ordinal);
        Assert.Contains("Redness / rosacea", text, StringComparison.Ordinal);
        Assert.Contains("the patient", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(YourOrYou(), text);
    }

    [Fact]
    public async Task Pdf_ListsTreatmentsWithDaysTakenOrTypicalDose_AndWrapsTheLongLabelWhole()
    {
        var (text, _) = await PdfAsync(Period);

        Assert.Contains("Doxycycline typical dose 100 mg (median of 40 days taken); 40 days logged", text, StringComparison.Ordinal);
        Assert.Contains("taken on 15 of 30 days logged", text, StringComparison.Ordinal);
        Assert.All(LongLabel.Split(' '), word => Assert.Contains(word, text.Split(' ')));
    }

    [Fact]
    public async Task Pdf_WithNotesChosen_PrintsThemWithTheirDates_EveryWordOfALongOne()
    {
        var (without, _) = await PdfAsync(Period);
        var (text, _) = await PdfAsync($"{Period}&note=2025-07-01&note=2025-08-15");

        Assert.DoesNotContain("Paragraph0", without, StringComparison.Ordinal);
        Assert.DoesNotContain("dermatology", without, StringComparison.Ordinal);
        Assert.Contains("Notes the patient chose to include", text, StringComparison.Ordinal);
        Assert.Contains("2025-08-15 " + ShortNote, text, StringComparison.Ordinal);
        var words = text.Split(' ');
        var missing = LongNote.Split(' ').Distinct().Where(w => !words.Contains(w)).ToList();
        Assert.True(missing.Count == 0, $"The PDF lost words of the long note: {string.Join(' ', missing)}");
        Assert.Contains("2025-07-01 Paragraph0 the flare began", text, StringComparison.Ordinal);
        Assert.Contains("Paragraph8 the flare began", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrintablePage_ShowsTheSameVerdict_SmallMultiplesPerSymptom_WithoutTheSiteNavigation()
    {
        var member = await MemberWithExperimentAsync();
        var html = await member.Client.GetStringAsync($"/report?{Period}", TestContext.Current.CancellationToken);
        Assert.Contains("Verdict: no meaningful change", html, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"score-chart\"", html, StringComparison.Ordinal);
        // One small chart for each skin and gut symptom logged: breakouts, redness and bloating.
        Assert.Equal(3, Regex.Count(html, "<svg class=\"small-chart\""));
        foreach (var symptom in new[] { "Breakouts / acne", "Redness / rosacea", "Bloating" })
        {
            Assert.Contains($"<figcaption><strong>{WebUtility.HtmlEncode(symptom)}</strong>", html, StringComparison.Ordinal);
        }

        Assert.Contains(">clear</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("aria-label=\"Main\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrintablePage_OffersTheDaysWithNotes_NoneTicked_AndPrintsOnlyTheTickedOnes()
    {
        var member = await MemberWithExperimentAsync();
        var html = await member.Client.GetStringAsync($"/report?{Period}", TestContext.Current.CancellationToken);
        Assert.Contains("<input type=\"checkbox\" name=\"note\" value=\"2025-07-01\">", html, StringComparison.Ordinal);
        Assert.Contains("<input type=\"checkbox\" name=\"note\" value=\"2025-08-15\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Notes the patient chose to include", html, StringComparison.Ordinal);

        var chosen = await member.Client.GetStringAsync($"/report?{Period}&note=2025-08-15", TestContext.Current.CancellationToken);
        Assert.Contains("<input type=\"checkbox\" name=\"note\" value=\"2025-08-15\" checked=\"checked\">", chosen, StringComparison.Ordinal);
        Assert.Contains($"<dt>2025-08-15</dt>", chosen, StringComparison.Ordinal);
        Assert.Contains($"<dd>{ShortNote}</dd>", chosen, StringComparison.Ordinal);
        Assert.DoesNotContain("<dt>2025-07-01</dt>", chosen, StringComparison.Ordinal);
        Assert.Contains("/report.pdf?from=2025-06-01&amp;to=2026-05-31&amp;paper=a4&amp;note=2025-08-15", chosen, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?from=2025-02-30", "from")]
    [InlineData("?from=2026-01-01&to=2025-01-01", "to")]
    [InlineData("?from=9999-12-25&to=9999-12-31", "from")]
    [InlineData("?from=0001-01-01&to=0001-01-31", "from")]
    [InlineData("?to=1899-12-31", "to")]
    [InlineData("?from=2019-01-01&to=2026-06-15", "to")]
    [InlineData("?paper=a3", "paper")]
    [InlineData("?from=2025-06-01&to=2025-06-30&note=2025-06-31", "note")]
    [InlineData("?from=2025-06-01&to=2025-06-30&note=2025-07-01", "note")]
    [InlineData("?from=2025-06-01&to=2025-06-30&note=2025-06-02&note=yesterday", "note")]
    [InlineData("?from=2025-06-01&to=2025-06-30&note=", "note")]
    public async Task BadPeriod_IsAProblem(string query, string field)
    {
        var member = await factory.SharedMemberAsync();
        await TestSupport.AssertProblemAsync(await member.Client.GetAsync($"/report.pdf{query}", TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task PrintablePage_ABadNoteDate_IsThePageAgainWithTheMessage()
    {
        var member = await factory.SharedMemberAsync();
        var response = await member.Client.GetAsync("/report?from=2025-06-01&to=2025-06-30&note=2025-13-01", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Notes: &#x27;2025-13-01&#x27; is not a date (YYYY-MM-DD).", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherMembersReport_HoldsNoneOfTheFirstMembersData()
    {
        await MemberWithExperimentAsync();
        var other = await factory.MemberAsync();
        var response = await other.Client.GetAsync($"/report.pdf?{Period}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        var text = string.Join(' ', pdf.GetPages().Select(p => p.Text));
        Assert.DoesNotContain("Probiotic trial", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sugary", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Doxycycline", text, StringComparison.Ordinal);

        // Nor can the other member include the first member's notes by naming their days.
        var notes = await other.Client.GetAsync($"/report.pdf?{Period}&note=2025-08-15", TestContext.Current.CancellationToken);
        using var withNotes = PdfDocument.Open(await notes.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.DoesNotContain("dermatology", string.Join(' ', withNotes.GetPages().Select(p => p.Text)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/report.pdf")]
    [InlineData("/report")]
    public async Task Anonymous_IsSentToTheLoginPage(string path)
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\b[Yy]ou(r|rs)?\b")]
    private static partial Regex YourOrYou();
}
