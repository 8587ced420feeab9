namespace GutSkin.Web.Infrastructure;

/// <summary>
/// The last problem-details writer: a problem is written as <c>application/problem+json</c> whatever the request's
/// Accept header says. The framework's writer declines a client that accepts neither JSON nor any type
/// (<c>Accept: application/xml</c>, <c>text/html</c>), after which a rejection handler throws ("Unable to find a
/// registered IProblemDetailsWriter", a 500) and the exception and status-code handlers fall back to a bare
/// answer. Here the framework's own writer writes it, as for a client that asked for JSON, so the document is the
/// same one (type, title, traceId, the named fields) as everywhere else.
/// </summary>
public sealed class AnyAcceptProblemWriter : IProblemDetailsWriter
{
    private static readonly object Writing = new();

    public bool CanWrite(ProblemDetailsContext context) => !context.HttpContext.Items.ContainsKey(Writing);

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var accept = http.Request.Headers.Accept;
        http.Request.Headers.Accept = "application/problem+json";
        // Declines the second time round, so a writer that still refused could not send this one in circles.
        http.Items[Writing] = true;
        try
        {
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(context);
        }
        finally
        {
            http.Items.Remove(Writing);
            http.Request.Headers.Accept = accept;
        }
    }
}
