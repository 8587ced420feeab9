using GutSkin.Web.Features.Articles;

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
    /// <summary>Articles, comments, their spam defences, the moderators' digest and the purge.</summary>
    public static IServiceCollection AddArticlesAndComments(this IServiceCollection services)
    {
        services.AddOptions<CommentOptions>().BindConfiguration("Comments")
            .Validate(o => o.RateLimit >= 0 && o.RateWindow > TimeSpan.Zero, "Comments:RateLimit must be 0 or more and Comments:RateWindow longer than zero.")
            .ValidateOnStart();
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
        services.AddHostedService<CommentJobs>();
        return services;
    }
}
