using GutSkin.Analysis;
using GutSkin.Web.Data;
using GutSkin.Web.Features.Journal;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GutSkin.Web.Features.Insights;

public static class InsightsApi
{
    public static IEndpointRouteBuilder MapInsightsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/insights").WithTags("Insights").RequireAuthorization()
            .MapGet("/", GetInsights)
            .WithSummary("Which habits and gut symptoms go with better or worse skin, at lags 0..maxLag days (default 3, at most 14).");
        return app;
    }

    private static async Task<Results<Ok<InsightsReport>, ValidationProblem, UnauthorizedHttpResult>> GetInsights(
        string? from, string? to, string? maxLag, HttpContext http, GutSkinDb db, InsightsService insights, CancellationToken ct)
    {
        if (await Member.FindAsync(db, http.User, ct) is not { } member)
        {
            return TypedResults.Unauthorized();
        }

        var (window, errors) = Window.Parse(from, to, maxLag);
        if (window is null)
        {
            return TypedResults.ValidationProblem(errors!);
        }

        return TypedResults.Ok((await insights.AnalyzeAsync(member, window.From, window.To, window.MaxLag, ct)).Report);
    }
}

/// <summary>The analysis window of a request: optional first and last day, and the largest lag.</summary>
public sealed record Window(DateOnly? From, DateOnly? To, int MaxLag)
{
    /// <summary>Parses query values; errors are keyed by the parameter name.</summary>
    public static (Window? Window, Dictionary<string, string[]>? Errors) Parse(string? from, string? to, string? maxLag)
    {
        var errors = new Dictionary<string, string[]>();
        DateOnly? f = null, t = null;
        var lag = InsightsAnalyzer.DefaultMaxLag;
        if (!string.IsNullOrEmpty(from))
        {
            if (JournalService.TryParseDate(from, out var d))
            {
                f = d;
            }
            else
            {
                errors["from"] = [JournalService.NotADate(from)];
            }
        }

        if (!string.IsNullOrEmpty(to))
        {
            if (JournalService.TryParseDate(to, out var d))
            {
                t = d;
            }
            else
            {
                errors["to"] = [JournalService.NotADate(to)];
            }
        }

        if (f > t)
        {
            errors["to"] = ["'to' is before 'from'."];
        }

        if (!string.IsNullOrEmpty(maxLag) && (!int.TryParse(maxLag, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out lag) || lag > InsightsAnalyzer.MaxLagLimit))
        {
            errors["maxLag"] = [$"maxLag is a whole number of days from 0 to {InsightsAnalyzer.MaxLagLimit}."];
        }

        return errors.Count > 0 ? (null, errors) : (new Window(f, t, lag), null);
    }
}
