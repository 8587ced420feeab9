using System.Net;
using System.Net.Http.Json;
using UglyToad.PdfPig;

namespace GutSkin.Web.Tests.Report;

public sealed class ReportTests(GutSkinFactory factory) : IClassFixture<GutSkinFactory>
{
    private Task<TestMember> MemberWithExperimentAsync() => factory.SharedAsync("report", async () =>
    {
        var member = await factory.MemberAsync();
        var import = await member.Client.PostAsync("/api/journal/import", TestSupport.Csv(PlantedJournal.Csv(new DateOnly(2025, 6, 1), 365)));
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        var created = await member.Client.PostAsJsonAsync("/api/experiments", new
        {
            name = "Probiotic trial",
            intervention = "probiotic_supplement",
            outcome = "redness",
            start = "2025-06-01",
            @switch = "2025-12-01",
            end = "2026-05-31",
            onsetDays = 14,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return member;
    });

    [Theory]
    [InlineData("a4", 595, 842)]
    [InlineData("letter", 612, 792)]
    public async Task Pdf_OpensAndItsTextHoldsTheVerdictFindingsAndMethods(string paper, int width, int height)
    {
        var member = await MemberWithExperimentAsync();
        var response = await member.Client.GetAsync($"/report.pdf?from=2025-06-01&to=2026-05-31&paper={paper}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);

        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.True(pdf.NumberOfPages >= 1);
        var page = pdf.GetPage(1);
        Assert.Equal(width, (int)Math.Round(page.Width));
        Assert.Equal(height, (int)Math.Round(page.Height));
        var text = string.Join(' ', pdf.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))));
        Assert.Contains("Probiotic trial", text, StringComparison.Ordinal);
        Assert.Contains("Verdict: no meaningful change", text, StringComparison.Ordinal);
        Assert.Contains("Two days after more sugary foods", text, StringComparison.Ordinal);
        Assert.Contains("Methods", text, StringComparison.Ordinal);
        Assert.Contains("Redness / rosacea", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrintablePage_ShowsTheSameVerdict_WithoutTheSiteNavigation()
    {
        var member = await MemberWithExperimentAsync();
        var html = await member.Client.GetStringAsync("/report?from=2025-06-01&to=2026-05-31", TestContext.Current.CancellationToken);
        Assert.Contains("Verdict: no meaningful change", html, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"score-chart\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("aria-label=\"Main\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?from=2025-02-30", "from")]
    [InlineData("?from=2026-01-01&to=2025-01-01", "to")]
    [InlineData("?from=9999-12-25&to=9999-12-31", "from")]
    [InlineData("?from=0001-01-01&to=0001-01-31", "from")]
    [InlineData("?to=1899-12-31", "to")]
    [InlineData("?from=2019-01-01&to=2026-06-15", "to")]
    [InlineData("?paper=a3", "paper")]
    public async Task BadPeriod_IsAProblem(string query, string field)
    {
        var member = await factory.SharedMemberAsync();
        await TestSupport.AssertProblemAsync(await member.Client.GetAsync($"/report.pdf{query}", TestContext.Current.CancellationToken), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task AnotherMembersReport_HoldsNoneOfTheFirstMembersData()
    {
        await MemberWithExperimentAsync();
        var other = await factory.MemberAsync();
        var response = await other.Client.GetAsync("/report.pdf?from=2025-06-01&to=2026-05-31", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        var text = string.Join(' ', pdf.GetPages().Select(p => p.Text));
        Assert.DoesNotContain("Probiotic trial", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sugary", text, StringComparison.Ordinal);
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
}
