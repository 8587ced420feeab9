using System.Globalization;
using System.Threading.RateLimiting;
using GutSkin.Web.Features.Account;
using GutSkin.Web.Features.Articles;
using GutSkin.Web.Infrastructure;

namespace GutSkin.Web.Features.Comments;

public sealed class CommentOptions
{
    /// <summary>Comments one IP address may send per window (form and API together).</summary>
    public int RateLimit { get; set; } = 5;

    public TimeSpan RateWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Runs the moderator digest and the 30-day purge in the background.</summary>
    public bool BackgroundJobs { get; set; } = true;

    /// <summary>Key (16+ characters) of the hash of commenters' IP addresses; unset, a key derived from the key file.</summary>
    public string? IpHashKey { get; set; }

    /// <summary>Where uploaded cover images are kept.</summary>
    public string UploadDirectory { get; set; } = "data/uploads";
}

public static class CommentsSetup
{
    public const string RateLimitPolicy = "comments";
    public const string ModeratorsPolicy = "Moderators";
    public const string AdminsPolicy = "Admins";

    /// <summary>Articles, comments, their spam defences, the moderators' digest and the purge.</summary>
    public static IServiceCollection AddArticlesAndComments(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Comments").Get<CommentOptions>() ?? new CommentOptions();
        services.Configure<CommentOptions>(configuration.GetSection("Comments"));
        services.AddScoped<CommentService>();
        services.AddScoped<ModeratorDigest>();
        services.AddScoped<CommentPurge>();
        services.AddSingleton<IpHasher>();
        services.AddSingleton<FormStamp>();
        services.AddSingleton<ModerationLinks>();
        services.AddSingleton<CoverImages>();
        services.AddSingleton<BlogCache>();
        // Article pages are cached for a second (the form's stamp stays honest) and evicted on every change.
        services.AddOutputCache(o => o.AddPolicy(BlogCache.ArticlePolicy, p => p.Expire(BlogCache.ArticleLifetime).Tag(BlogCache.Tag)));
        if (options.BackgroundJobs)
        {
            services.AddHostedService<CommentJobs>();
        }

        services.AddAuthorizationBuilder()
            .AddPolicy(ModeratorsPolicy, p => p.RequireRole(Roles.Admin, Roles.Moderator))
            .AddPolicy(AdminsPolicy, p => p.RequireRole(Roles.Admin));

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Per IP address, for sending only: reading a page never counts. Counted in the database, across instances.
            o.AddPolicy(RateLimitPolicy, http =>
                HttpMethods.IsPost(http.Request.Method)
                    ? RateLimitPartition.Get(ClientIp.PartitionKey(http), key =>
                        new SharedWindowLimiter(http.RequestServices.GetRequiredService<RateCounters>(), "comments:ip", key, options.RateLimit, options.RateWindow))
                    : RateLimitPartition.GetNoLimiter("read"));
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : options.RateWindow;
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                if (http.Request.Path.StartsWithSegments("/api"))
                {
                    await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                    {
                        HttpContext = http,
                        ProblemDetails =
                        {
                            Status = StatusCodes.Status429TooManyRequests,
                            Title = "Too many comments",
                            Detail = $"Please wait {Math.Ceiling(retry.TotalMinutes):0} minute(s) before sending another comment.",
                        },
                    });
                }
                else
                {
                    // A page of its own: the status-code re-execution would not keep the 429.
                    var back = http.Request.Path.Value ?? "/blog";
                    http.Response.ContentType = "text/html; charset=utf-8";
                    await http.Response.WriteAsync(
                        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
                        "<title>Too many comments · GutSkin</title><link rel=\"stylesheet\" href=\"/css/site.css\"></head><body><main id=\"main\"><h1>Too many comments</h1>" +
                        $"<p>Please wait {Math.Ceiling(retry.TotalMinutes):0} minute(s) before sending another comment.</p>" +
                        $"<p><a href=\"{System.Text.Encodings.Web.HtmlEncoder.Default.Encode(back)}\">Back to the article</a></p></main></body></html>",
                        ct);
                }
            };
        });
        return services;
    }
}
