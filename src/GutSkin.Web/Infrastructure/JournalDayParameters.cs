using Microsoft.OpenApi;

namespace GutSkin.Web.Infrastructure;

public static class JournalDayParameters
{
    /// <summary>
    /// Documents the named string parameters of the endpoints as journal days (<c>format: date</c>, the window in
    /// words), so clients know them; the handlers read them with the analysis core's <c>JournalDates</c>.
    /// </summary>
    public static TBuilder DocumentsJournalDays<TBuilder>(this TBuilder builder, params string[] names)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => names.Contains(p.Name)))
            {
                if (parameter.Schema is OpenApiSchema schema)
                {
                    schema.Format = "date";
                }

                parameter.Description ??= "A day, YYYY-MM-DD, from 1900-01-01 to your tomorrow (your time zone decides it).";
            }

            return Task.CompletedTask;
        });
}
