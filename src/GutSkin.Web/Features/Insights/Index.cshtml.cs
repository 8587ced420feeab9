using System.Text.Json;
using GutSkin.Analysis;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace GutSkin.Web.Features.Insights;

/// <summary>The member's own gut–skin analysis: findings, the gut–skin link and charts; every test is on its own page.</summary>
public sealed class IndexModel(InsightsService insights, MemberClock clock) : MemberPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Outcome { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Factor { get; set; }

    [BindProperty(SupportsGet = true, Name = "maxLag")]
    public string? MaxLagText { get; set; }

    /// <summary>The chart's values table lists every day (<c>?table=all</c>) instead of the last <see cref="TableDays"/>.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Table { get; set; }

    /// <summary>Days the values table lists by default: the chart's 90-day view; the page stays small for years of data.</summary>
    public const int TableDays = 90;

    /// <summary>The logged days the values table lists.</summary>
    public IEnumerable<(string Date, double? Outcome, double? Factor)> TableRows
    {
        get
        {
            var shown = Table == "all" ? ChartPoints : ChartPoints.Skip(Math.Max(0, ChartPoints.Count - TableDays));
            return shown.Where(p => p.Outcome is not null || p.Factor is not null);
        }
    }

    public InsightsReport Report { get; private set; } = new(InsightsAnalyzer.DefaultMaxLag, [], [], []);

    public JournalData? Journal { get; private set; }

    public int? MoreDaysOverall { get; private set; }

    public int? MoreDaysGutSkin { get; private set; }

    public IReadOnlyList<Finding> GutSkinFindings => [.. Report.Findings.Where(f => f.IsGutSkinLink)];

    public int GutSkinTests => Report.Associations.Count(a => IsGutSkin(a.Factor, a.Outcome));

    public IReadOnlyList<SeriesItem> Outcomes { get; private set; } = [];

    public IReadOnlyList<SeriesItem> Factors { get; private set; } = [];

    /// <summary>Chart data for the script, and its text equivalent for everyone.</summary>
    public string ChartJson { get; private set; } = "{}";

    public List<(string Date, double? Outcome, double? Factor)> ChartPoints { get; } = [];

    public List<(int Lag, AssociationResult? Test, NotTestedPair? NotTested)> LagProfile { get; } = [];

    /// <summary>
    /// How many days the chart moves the factor forward: the lag of the pair's clearest comparison (lowest q), so a
    /// "the day before" finding is seen as the factor's day beside the outcome's day; 0 when the pair was not compared.
    /// </summary>
    public int ChartLag { get; private set; }

    /// <summary>"on the same day", "on the day before", "3 days before".</summary>
    public static string BeforeText(int lag) => lag switch
    {
        0 => "on the same day",
        1 => "on the day before",
        _ => $"{lag} days before",
    };

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var member = CurrentMember;
        var result = await insights.AnalyzeForPageAsync(member, MaxLagText, clock.Today(member.TimeZone), ct);
        _result = result;
        Report = result.Report;
        Journal = result.Journal;
        MoreDaysOverall = InsightsAnalyzer.EstimateMoreDays(Report);
        MoreDaysGutSkin = InsightsAnalyzer.EstimateMoreDays(new InsightsReport(Report.MaxLag,
            [.. Report.Associations.Where(a => IsGutSkin(a.Factor, a.Outcome))],
            [.. Report.NotTested.Where(p => IsGutSkin(p.Factor, p.Outcome))], []));

        var logged = Journal.AllSeries.Where(s => Journal.CountLogged(s.Key) > 0).ToList();
        Outcomes = [.. logged.Where(s => s.Group == ItemGroup.Skin).OrderByDescending(s => s.Key == JournalData.SkinScoreKey)];
        Factors = [.. logged.Where(s => s.Group != ItemGroup.Skin || s.Key == JournalData.SkinScoreKey).Where(s => s.Key != JournalData.SkinScoreKey)];
        var top = Report.Findings.Count > 0 ? Report.Findings[0] : null;
        Outcome = Outcomes.Any(o => o.Key == Outcome) ? Outcome : top?.Outcome ?? (Outcomes.Count > 0 ? Outcomes[0].Key : null);
        Factor = Factors.Any(f => f.Key == Factor) ? Factor : top?.Factor ?? (Factors.Count > 0 ? Factors[0].Key : null);
        BuildChart();
        return Page();
    }

    private InsightsResult? _result;

    public string Label(string key) => _result?.Label(key) ?? key;

    /// <summary>The core's gut–skin rule, so a member's custom gut item counts as the built-in ones do.</summary>
    public bool IsGutSkin(string factor, string outcome) =>
        Journal is not null && Journal.Contains(factor) && Journal.Contains(outcome)
        && InsightsAnalyzer.IsGutSkinLink(Journal.GetItem(factor), Journal.GetItem(outcome));

    /// <summary>The comparison behind a finding, for its effective days.</summary>
    public AssociationResult? TestOf(Finding finding) =>
        Report.Associations.FirstOrDefault(a => a.Factor == finding.Factor && a.Outcome == finding.Outcome && a.LagDays == finding.LagDays);

    /// <summary>"Clear", "Fairly clear", "Tentative": the strength word as a label.</summary>
    public static string StrengthLabel(Strength strength)
    {
        var word = strength.Word();
        return char.ToUpperInvariant(word[0]) + word[1..];
    }

    public static string LagText(int lag) => lag switch
    {
        0 => "same day",
        1 => "1 day later",
        _ => $"{lag} days later",
    };

    private void BuildChart()
    {
        if (Journal is not { DayCount: > 0 } || Outcome is null)
        {
            return;
        }

        ChartLag = Report.Associations.Where(a => a.Factor == Factor && a.Outcome == Outcome).MinBy(a => a.QValue)?.LagDays ?? 0;
        var outcome = Journal.GetSeries(Outcome);
        var factor = Factor is null ? [] : Journal.GetSeries(Factor);
        for (var i = 0; i < outcome.Length; i++)
        {
            double? o = double.IsNaN(outcome[i]) ? null : outcome[i];
            var before = i - ChartLag;
            double? f = before >= 0 && before < factor.Length && !double.IsNaN(factor[before]) ? factor[before] : null;
            ChartPoints.Add((JournalDates.ToText(Journal.DateAt(i)), o, f));
        }

        for (var lag = 0; lag <= Report.MaxLag; lag++)
        {
            LagProfile.Add((lag,
                Report.Associations.FirstOrDefault(a => a.Factor == Factor && a.Outcome == Outcome && a.LagDays == lag),
                Report.NotTested.FirstOrDefault(p => p.Factor == Factor && p.Outcome == Outcome && p.LagDays == lag)));
        }

        ChartJson = JsonSerializer.Serialize(new
        {
            outcome = new { key = Outcome, label = Label(Outcome) },
            factor = Factor is null ? null : new { key = Factor, label = Label(Factor), lag = ChartLag, before = BeforeText(ChartLag) },
            firstDate = ChartPoints.Count > 0 ? ChartPoints[0].Date : null,
            outcomeValues = ChartPoints.Select(p => p.Outcome),
            factorValues = ChartPoints.Select(p => p.Factor),
            lags = LagProfile.Select(l => new { lag = l.Lag, effect = l.Test?.Effect, ciLow = l.Test?.CiLow, ciHigh = l.Test?.CiHigh }),
        }, JsonSerializerOptions.Web);
    }
}
