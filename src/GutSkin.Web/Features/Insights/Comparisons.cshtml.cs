using GutSkin.Analysis;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace GutSkin.Web.Features.Insights;

/// <summary>One row of the full table: a test that ran, or a pair that could not be tested yet.</summary>
public sealed record TableRow(string Factor, string Outcome, int Lag, int N, AssociationResult? Test, NotTestedPair? NotTested);

/// <summary>
/// Every comparison behind the insights, with its numbers, filtered and sorted: a page of its own, so the insights page
/// stays light (hundreds of rows for a long journal).
/// </summary>
public sealed class ComparisonsModel(InsightsService insights, MemberClock clock) : MemberPageModel
{
    /// <summary>The page shows at most this many rows; the filter narrows them, the API has them all.</summary>
    public const int MaxRows = 500;

    [BindProperty(SupportsGet = true, Name = "maxLag")]
    public string? MaxLagText { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Filter { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Untested { get; set; } = true;

    public InsightsReport Report { get; private set; } = new(InsightsAnalyzer.DefaultMaxLag, [], [], []);

    public IReadOnlyList<TableRow> Rows { get; private set; } = [];

    private InsightsResult? _result;

    public string Label(string key) => _result?.Label(key) ?? key;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var member = CurrentMember;
        _result = await insights.AnalyzeForPageAsync(member, MaxLagText, clock.Today(member.TimeZone), ct);
        Report = _result.Report;
        IEnumerable<TableRow> rows = Report.Associations.Select(a => new TableRow(a.Factor, a.Outcome, a.LagDays, a.N, a, null));
        if (Untested)
        {
            rows = rows.Concat(Report.NotTested.Select(p => new TableRow(p.Factor, p.Outcome, p.LagDays, p.N, null, p)));
        }

        if (!string.IsNullOrWhiteSpace(Filter))
        {
            var needle = Filter.Trim();
            rows = rows.Where(r => Label(r.Factor).Contains(needle, StringComparison.OrdinalIgnoreCase)
                || Label(r.Outcome).Contains(needle, StringComparison.OrdinalIgnoreCase)
                || r.Factor.Contains(needle, StringComparison.OrdinalIgnoreCase)
                || r.Outcome.Contains(needle, StringComparison.OrdinalIgnoreCase));
        }

        Rows = Sort switch
        {
            "effect" => [.. rows.OrderByDescending(r => r.Test is null ? -1 : Math.Abs(r.Test.Effect))],
            "days" => [.. rows.OrderByDescending(r => r.N)],
            "factor" => [.. rows.OrderBy(r => Label(r.Factor), StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Lag)],
            "outcome" => [.. rows.OrderBy(r => Label(r.Outcome), StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Lag)],
            _ => [.. rows.OrderBy(r => r.Test?.QValue ?? 2).ThenBy(r => r.Test?.PValue ?? 2)],
        };
        return Page();
    }
}
