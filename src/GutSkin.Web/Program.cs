using GutSkin.Web.Data;
using GutSkin.Web.Features.Account;
using GutSkin.Web.Features.Articles;
using GutSkin.Web.Features.Comments;
using GutSkin.Web.Features.Experiments;
using GutSkin.Web.Features.Insights;
using GutSkin.Web.Features.Items;
using GutSkin.Web.Features.Journal;
using GutSkin.Web.Features.Plan;
using GutSkin.Web.Features.Reminders;
using GutSkin.Web.Features.Report;
using GutSkin.Web.Features.SelfCheck;
using GutSkin.Web.Infrastructure;
using GutSkin.Web.Infrastructure.Email;
using Microsoft.AspNetCore.DataProtection;
using Scalar.AspNetCore;

// The analyze command needs no host and no database: run it before building either.
if (args is ["analyze", .. var analyzeArgs])
{
    return GutSkin.Analyze.AnalyzeCommand.Run(analyzeArgs, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);

// Database: SQLite under data/ by default, PostgreSQL when Database__Provider=Postgres.
builder.Services.AddGutSkinDatabase(builder.Configuration);
builder.Services.AddDataProtection().SetApplicationName("GutSkin").PersistKeysToDbContext<GutSkinDb>();

// The edge: forwarded headers from configured proxies only; HSTS and https redirection when served over TLS.
builder.Services.AddGutSkinEdge(builder.Configuration);

// Accounts: Identity with the login cookie for pages and bearer tokens under /api/auth.
builder.Services.AddGutSkinAccounts(builder.Configuration);
builder.Services.Configure<EmailOptions>(builder.Configuration.GetSection("Email"));

// Time: one clock, and the member's time zone decides the calendar day.
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<MemberClock>();

// Features.
builder.Services.AddScoped<ItemService>();
builder.Services.AddScoped<JournalService>();
builder.Services.AddScoped<JournalImport>();
builder.Services.AddScoped<InsightsService>();
builder.Services.AddScoped<ExperimentService>();
builder.Services.AddScoped<ReportService>();
builder.Services.AddScoped<PlanService>();
builder.Services.AddScoped<SelfCheckPlans>();

// Daily reminders: one mail a day at the member's local time, claimed in the database before sending.
builder.Services.Configure<ReminderOptions>(builder.Configuration.GetSection("Reminders"));
builder.Services.AddSingleton<ReminderLinks>();
builder.Services.AddSingleton<ReminderService>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<ReminderService>());
builder.Services.AddMemoryCache(o => o.SizeLimit = 2000);
builder.Services.AddArticlesAndComments(builder.Configuration);

// Pages, API documents and problem details for everything a client sends wrong.
builder.Services.AddRazorPages(o => o.RootDirectory = "/Features");
builder.Services.AddOpenApi();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<BadRequestHandler>();
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

// Health: /health/live answers while the process runs; /health/ready also needs the database.
builder.Services.AddHealthChecks().AddDbContextCheck<GutSkinDb>(tags: ["ready"]);

var app = builder.Build();

// Commands (migrate, admin add) run and exit instead of serving.
if (Commands.IsCommand(args))
{
    return await Commands.RunAsync(app.Services, args, Console.In, Console.Out, Console.Error);
}

await using (var scope = app.Services.CreateAsyncScope())
{
    await Commands.PrepareDatabaseAsync(scope.ServiceProvider);
    await ArticleSeeding.SeedAsync(scope.ServiceProvider);
}

// The real client address and scheme first: rate limits, cookies and redirects depend on them.
app.UseTrustedProxies();

// Errors: problem documents for /api, friendly pages for people.
app.UseWhen(http => http.Request.Path.StartsWithSegments("/api"), api =>
{
    api.UseExceptionHandler();
    api.UseStatusCodePages();
});
app.UseWhen(http => !http.Request.Path.StartsWithSegments("/api"), pages =>
{
    pages.UseExceptionHandler("/error");
    pages.UseStatusCodePagesWithReExecute("/error", "?status={0}");
});

app.UseHttpsWhenServedOverTls();
app.UseSecurityHeaders();
app.UseCharsetGuard();
// Routing after the error handlers, so a re-executed /error request finds its page.
app.UseRouting();
// Files are the same for everyone: no session check (a database read) for them.
app.MapStaticAssets().WithMetadata(SessionRevocation.NotPersonal);
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseOutputCache();

app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") });
app.MapOpenApi();
app.MapScalarApiReference("/api/reference", o => o.WithTitle("GutSkin API").DisableDefaultFonts().DisableTelemetry());
app.MapRazorPages();
app.MapAccountApi();
app.MapItemsApi();
app.MapJournalApi();
app.MapInsightsApi();
app.MapArticlesApi();
app.MapCommentsApi();
app.MapModerationApi();
app.MapBlogFeeds();
app.MapExperimentsApi();
app.MapReportPdf();
app.MapPlanApi();

app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var url in app.Urls)
    {
        Console.WriteLine($"GutSkin is running: open {url.Replace("0.0.0.0", "localhost", StringComparison.Ordinal)}");
    }
});

await app.RunAsync();
return 0;

/// <summary>Entry point type, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
