using GutSkin.Web.Data;
using GutSkin.Web.Features.Account;
using GutSkin.Web.Features.Articles;
using GutSkin.Web.Features.Comments;
using GutSkin.Web.Features.Experiments;
using GutSkin.Web.Features.Import;
using GutSkin.Web.Features.Insights;
using GutSkin.Web.Features.Items;
using GutSkin.Web.Features.Journal;
using GutSkin.Web.Features.Photos;
using GutSkin.Web.Features.Plan;
using GutSkin.Web.Features.Push;
using GutSkin.Web.Features.Reminders;
using GutSkin.Web.Features.Report;
using GutSkin.Web.Features.SelfCheck;
using GutSkin.Web.Infrastructure;
using GutSkin.Web.Infrastructure.Email;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

// The analyze command needs no host and no database: run it before building either.
if (args is ["analyze", .. var analyzeArgs])
{
    return GutSkin.Interchange.AnalyzeCommand.Run(analyzeArgs, Console.Out, Console.Error);
}

// Files and folders the app creates are its user's alone (0600/0700): health data, backups, keys.
OwnerOnlyFiles.RestrictProcess();

var builder = WebApplication.CreateBuilder(args);

// Logs: one JSON object per line outside Development (Logging:Format), never a query string, e-mail or token.
builder.AddGutSkinLogging();

// Database: SQLite under data/ by default, PostgreSQL when Database__Provider=Postgres.
builder.Services.AddGutSkinDatabase(builder.Configuration);
// Start-up prepares the database, waiting for one that cannot be reached yet (Database:StartupWait).
builder.Services.AddDatabaseStartup();
builder.Services.AddGutSkinDataProtection(builder.Configuration);
// Rate limits count in the database, so several instances share them.
builder.Services.AddSingleton<RateCounters>();

// The edge: forwarded headers from configured proxies only; HSTS and https redirection when served over TLS.
builder.Services.AddGutSkinEdge(builder.Configuration);

// Accounts: Identity with the login cookie for pages and bearer tokens under /api/auth.
builder.Services.AddGutSkinAccounts();
builder.Services.AddOptions<EmailOptions>().BindConfiguration("Email");

// Absolute links (mail, feeds) from Site:BaseUrl, never from the request; other Host headers are refused.
SiteLinks.AddSiteLinks(builder.Services);

// Time: one clock, and the member's time zone decides the calendar day.
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<MemberClock>();

// Features.
builder.Services.AddScoped<ItemService>();
builder.Services.AddScoped<JournalService>();
builder.Services.AddScoped<JournalReader>();
builder.Services.AddScoped<JournalImport>();
builder.Services.AddScoped<OtherAppImport>();
builder.Services.AddScoped<InsightsService>();
builder.Services.AddScoped<ExperimentService>();
builder.Services.AddScoped<ReportService>();
builder.Services.AddScoped<PlanService>();
builder.Services.AddScoped<PlanReminders>();
builder.Services.AddScoped<SelfCheckPlans>();
// Photos: processed (at most two at once) and sealed under the member's key, stored in the database.
builder.Services.AddSingleton<IPhotoProcessor, VipsPhotoProcessor>();
builder.Services.AddScoped<IPhotoStore, DatabasePhotoStore>();
builder.Services.AddScoped<PhotoCipher>();
builder.Services.AddScoped<PhotoService>();
builder.Services.AddScoped<PhotoImport>();
builder.Services.AddScoped<ReportPhotos>();
// Erasing a member: each feature deletes its own rows, experiments and journal days before the items they name.
builder.Services.AddScoped<IMemberErasure>(sp => sp.GetRequiredService<PhotoService>());
builder.Services.AddScoped<IMemberErasure>(sp => sp.GetRequiredService<ExperimentService>());
builder.Services.AddScoped<IMemberErasure>(sp => sp.GetRequiredService<JournalService>());
builder.Services.AddScoped<IMemberErasure>(sp => sp.GetRequiredService<ItemService>());

// Daily reminders: one mail a day at the member's local time, claimed in the database before sending.
builder.Services.AddOptions<ReminderOptions>().BindConfiguration("Reminders")
    .Validate(o => o.Interval > TimeSpan.Zero && o.ClaimLifetime > TimeSpan.Zero, "Reminders:Interval and Reminders:ClaimLifetime must be longer than zero.")
    .ValidateOnStart();
builder.Services.AddSingleton<ReminderLinks>();
// Web Push for reminders: the site's VAPID keys (made on first start, kept in the database under the key ring), the sender, the devices.
builder.Services.AddOptions<PushOptions>().BindConfiguration("Push")
    .Validate<IHostEnvironment>((o, env) => !o.AllowLocalEndpoints || env.IsDevelopment(), "Push:AllowLocalEndpoints is for tests in the Development environment only.")
    .Validate(o => o.Timeout > TimeSpan.Zero, "Push:Timeout must be longer than zero.")
    .ValidateOnStart();
builder.Services.AddSingleton<VapidKeys>();
builder.Services.AddSingleton<PushSender>();
builder.Services.AddScoped<PushDevices>();
builder.Services.AddSingleton<ReminderService>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<ReminderService>());
builder.Services.AddMemoryCache(o => o.SizeLimit = 2000);
builder.Services.AddArticlesAndComments();
// Who may moderate and administer; how often a client may send; the one 429 answer.
builder.Services.AddGutSkinPolicies();

// Pages, API documents and problem details for everything a client sends wrong.
builder.Services.AddRazorPages(o => o.RootDirectory = "/Features");
builder.Services.AddOpenApi(o => o.AddOperationTransformer<ProblemResponses>().AddSchemaTransformer<StrictNumbers>().AddSchemaTransformer<RequiredMembers.Schema>().AddSchemaTransformer<AuthenticatorCodeSchema>());
// Shape rules are attributes on the request records; the endpoint filter answers a 400 naming each field.
builder.Services.AddValidation();
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = problem =>
{
    BadRequestHandler.NameUnreadableValues(problem);
    InputRules.NameFieldsAsJson(problem);
});
// Registered last: a problem is JSON whatever the client says it accepts (never a 500 for Accept: application/xml).
builder.Services.AddSingleton<IProblemDetailsWriter, AnyAcceptProblemWriter>();
// A null where the contract says a value (Identity's e-mail, say) is a 400 naming the field, not a null reference later.
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.RespectNullableAnnotations = true);
// A required member the JSON leaves out is named in the 400 (after Identity has added its request contracts).
builder.Services.PostConfigure<Microsoft.AspNetCore.Http.Json.JsonOptions>(o => RequiredMembers.CheckAfterReading(o.SerializerOptions));
builder.Services.AddExceptionHandler<BadRequestHandler>();
builder.Services.AddDatabaseUnavailableHandling();
builder.Services.AddExceptionHandler<WriteConflictHandler>();
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

// Health: /health/live answers while the process runs; /health/ready also needs the database to answer a
// query (SQLite's own check only looks for the file; a pooled PostgreSQL connection may be long dead).
builder.Services.AddHealthChecks().AddDbContextCheck<GutSkinDb>(tags: ["ready"], customTestQuery: DatabaseSetup.AnswersAsync)
    .AddCheck<DatabaseStartup>("prepared", tags: ["ready"]);

var app = builder.Build();

// Commands (migrate, admin add, backup) run and exit instead of serving.
if (Commands.IsCommand(args))
{
    return await Commands.RunAsync(app.Services, args, Console.In, Console.Out, Console.Error);
}

// Serving needs the public address (Development may do without): say what to set and stop.
if (SiteLinks.StartProblem(app.Services.GetRequiredService<IOptions<SiteOptions>>().Value, app.Environment) is { } siteProblem)
{
    await Console.Error.WriteLineAsync(siteProblem);
    return 1;
}

// Migrations, roles, starter content and the first data-protection key, one instance at a time. A database that
// cannot be reached yet is waited for while the app serves: /health/live answers, everything else is a 503 until
// it is prepared, and the app stops (exit code 1) when Database:StartupWait passes without it.
var database = app.Services.GetRequiredService<DatabaseStartup>();
if (!await database.AttemptAsync(app.Lifetime.ApplicationStopping))
{
    database.KeepTryingInBackground(app.Lifetime);
}

// The real client address and scheme first: rate limits, cookies, redirects and logs depend on them.
app.UseTrustedProxies();

// Every answer names its request id, the one in the log lines.
app.UseRequestId();
app.UseHttpLogging();

// Errors: problem documents for /api, friendly pages for people; a database that cannot be reached is a 503 for both.
app.UseWhen(http => http.Request.Path.StartsWithSegments("/api"), api =>
{
    api.UseExceptionHandler();
    api.UseStatusCodePages();
});
app.UseWhen(http => !http.Request.Path.StartsWithSegments("/api"), pages =>
{
    pages.UseExceptionHandler(new ExceptionHandlerOptions
    {
        ExceptionHandlingPath = "/error",
        // The handler has logged an unreachable database in one line; no stack trace per page view.
        SuppressDiagnosticsCallback = c => c.ExceptionHandledBy == ExceptionHandledType.ExceptionHandlerService || DatabaseUnavailableHandler.IsUnavailable(c.Exception),
    });
    pages.UseStatusCodePagesWithReExecute("/error", "?status={0}");
});

app.UseHttpsWhenServedOverTls();
app.UseSecurityHeaders();
app.UseDatabaseStartupGate();
app.UseCharsetGuard();
app.UseNulGuard();
// Routing after the error handlers, so a re-executed /error request finds its page.
app.UseRouting();
// Files are the same for everyone: no session check (a database read) for them.
app.MapStaticAssets().WithMetadata(SessionRevocation.NotPersonal);
app.UseAuthentication();
// Nothing personal is kept by a browser or proxy cache.
app.UseNoStoreForPersonalResponses();
app.UseAuthorization();
app.UseCurrentMember();
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
app.MapImportApi();
app.MapPhotosApi();
app.MapInsightsApi();
app.MapArticlesApi();
app.MapCommentsApi();
app.MapModerationApi();
app.MapBlogFeeds();
app.MapExperimentsApi();
app.MapReportPdf();
app.MapPlanApi();
app.MapPushApi();

var jsonLogs = LogSetup.IsJson(app.Configuration, app.Environment);
app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var url in app.Urls.Select(u => u.Replace("0.0.0.0", "localhost", StringComparison.Ordinal)))
    {
        // JSON logs keep stdout all JSON.
        if (jsonLogs)
        {
            app.Logger.LogInformation("GutSkin is running: open {Url}", url);
        }
        else
        {
            Console.WriteLine($"GutSkin is running: open {url}");
        }
    }
});

await app.RunAsync();
// 1 when start-up gave up waiting for the database.
return Environment.ExitCode;

/// <summary>Entry point type, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
