using GutSkin.Analysis;
using GutSkin.Web.Data;
using GutSkin.Web.Features.Experiments;
using GutSkin.Web.Features.Insights;
using GutSkin.Web.Features.Journal;
using GutSkin.Web.Features.Plan;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Features;

public sealed class IndexModel(GutSkinDb db, MemberClock clock, JournalReader journal, InsightsService insights, ExperimentService experiments, PlanService plans) : PageModel
{
    public bool SignedIn { get; private set; }

    public string? DisplayName { get; private set; }

    public DateOnly Today { get; private set; }

    public bool TodayLogged { get; private set; }

    public int DaysLogged { get; private set; }

    /// <summary>Consecutive logged days up to today (or up to yesterday while today is still open).</summary>
    public int Streak { get; private set; }

    public IReadOnlyList<Finding> Findings { get; private set; } = [];

    public List<ExperimentResponse> Running { get; } = [];

    /// <summary>This week's habit targets of the member's plan; empty without a plan or targets.</summary>
    public List<TargetAdherence> Adherence { get; private set; } = [];

    /// <summary>For visitors: the newest published articles.</summary>
    public List<Articles.ArticleSummary> LatestArticles { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (await Member.FindAsync(db, User, ct) is not { } member)
        {
            var (articles, _) = await Articles.ArticleQueries.PageAsync(db, clock.UtcNow.UtcDateTime, 1, null, ct, pageSize: 3);
            LatestArticles.AddRange(articles.Select(Articles.ArticleQueries.Summary));
            return;
        }

        SignedIn = true;
        DisplayName = await db.Users.Where(u => u.Id == member.Id).Select(u => u.DisplayName).FirstAsync(ct);
        Today = clock.Today(member.TimeZone);
        DaysLogged = await journal.CountDaysAsync(member.Id, ct);
        var recent = await journal.DatesAsync(member.Id, Today, 0, 400, ct);
        TodayLogged = recent.FirstOrDefault() == Today;
        // The dates are newest first, each once: the streak is the run that steps back one day at a time from its start.
        var start = TodayLogged ? Today : Today.AddDays(-1);
        Streak = recent.SkipWhile(d => d > start).Select((date, i) => date == start.AddDays(-i)).TakeWhile(inRun => inRun).Count();

        Adherence = await plans.AdherenceAsync(member.Id, Today, ct);
        Findings = [.. (await insights.AnalyzeAsync(member, null, null, InsightsAnalyzer.DefaultMaxLag, ct)).Report.Findings.Take(3)];
        foreach (var experiment in await experiments.ListAsync(member.Id, ct))
        {
            var described = await experiments.DescribeAsync(member, experiment, ct);
            if (described.Status.Phase is not ("finished" or "notStarted"))
            {
                Running.Add(described);
            }
        }
    }
}
