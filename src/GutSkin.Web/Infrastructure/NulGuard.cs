namespace GutSkin.Web.Infrastructure;

public static class NulGuard
{
    /// <summary>
    /// PostgreSQL text cannot hold a NUL character, and a query value goes straight into a query (<c>?tag=</c>,
    /// <c>?q=</c>, Identity's <c>?userId=</c>): a query value or path with one is a 400 naming it, before any
    /// handler reaches the database.
    /// </summary>
    public static IApplicationBuilder UseNulGuard(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var errors = new Dictionary<string, string[]>();
            foreach (var (name, values) in http.Request.Query)
            {
                if (TextInput.HasNul(name) || values.Any(TextInput.HasNul))
                {
                    errors[name.Replace("\0", "\\u0000", StringComparison.Ordinal)] = [TextInput.NulMessage];
                }
            }

            if (TextInput.HasNul(http.Request.Path.Value))
            {
                errors["path"] = [TextInput.NulMessage];
            }

            if (errors.Count == 0)
            {
                await next(http);
                return;
            }

            // Pages get the friendly 400 page from the status-code pages when no problem document is wanted.
            await Problems.WriteAsync(http, new HttpValidationProblemDetails(errors)
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request could not be read.",
            });
        });
}
