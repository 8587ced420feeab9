using System.Globalization;
using GutSkin.Analysis;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GutSkin.Web.Features.Insights;

public static class InsightsApi
{
    public static IEndpointRouteBuilder MapInsightsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/insights").WithTags("Insights").RequireMember().DocumentsJournalDays("from", "to")
            .MapGet("/", GetInsights)
            .WithSummary("Which habits and gut symptoms go with better or worse skin, at lags 0..maxLag days (default 3, at most 14).");
        return app;
    }

    private static async Task<Results<Ok<InsightsReport>, ValidationProblem>> GetInsights(string? from, string? to, string? maxLag, InsightsService insights, MemberClock clock, Member member, CancellationToken ct)
    {
        var (window, errors) = Window.Parse(from, to, maxLag, clock.Today(member.TimeZone));
        return window is null ? Problems.Fields(errors) : TypedResults.Ok((await insights.AnalyzeAsync(member, window.From, window.To, window.MaxLag, ct)).Report);
    }
}

/// <summary>The analysis window of a request: optional first and last day, and the largest lag.</summary>
public sealed record Window(DateOnly? From, DateOnly? To, int MaxLag)
{
    /// <summary>Parses query values against the member's today; errors are keyed by the parameter name.</summary>
    public static (Window? Window, Dictionary<string, string> Errors) Parse(string? from, string? to, string? maxLag, DateOnly today)
    {
        var (first, last, errors) = JournalDates.ReadRange(from, to, today);
        var lag = InsightsAnalyzer.DefaultMaxLag;
        if (!string.IsNullOrEmpty(maxLag) && (!int.TryParse(maxLag, NumberStyles.None, CultureInfo.InvariantCulture, out lag) || lag > InsightsAnalyzer.MaxLagLimit))
        {
            errors["maxLag"] = $"maxLag is a whole number of days from 0 to {InsightsAnalyzer.MaxLagLimit}.";
        }

        return (errors.Count > 0 ? null : new Window(first, last, lag), errors);
    }
}
