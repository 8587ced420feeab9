using System.Text;
using GutSkin.Interchange.Importing;
using GutSkin.Web.Features.Journal;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GutSkin.Web.Features.Import;

/// <summary>POST /api/import/preview and POST /api/import: another app's export, previewed (nothing stored) then imported as mapped.</summary>
public static class ImportApi
{
    public static IEndpointRouteBuilder MapImportApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/import").WithTags("Import").RequireMember();
        group.MapPost("/preview", Preview).TakesAnExport<ImportPreview>()
            .WithSummary("What GutSkin understands of an export (Flaredown, Bearable, Daylio, a spreadsheet) and the mapping it proposes; stores nothing.")
            .WithDescription("Multipart fields: file (up to 5 MB), and dateOrder (dayFirst or monthFirst) when a preview asked it.");
        group.MapPost("/", Import).TakesAnExport<ImportSummary>()
            .WithSummary("Import an export as mapped: all rows or none, and the same file twice changes nothing.")
            .WithDescription("Multipart fields: file; mapping (the preview's entries as JSON, edited or not); dateOrder when asked; "
                + "conflicts: keep (days already in your journal stay as they are; the default) or replace (the file's values replace yours for the same items).");
        return app;
    }

    private static Task<IResult> Preview(HttpContext http, OtherAppImport import, Member member, CancellationToken ct) =>
        WithExportAsync(http.Request, (_, text, order) => import.PreviewAsync(member, text, order, ct), ct);

    private static Task<IResult> Import(HttpContext http, OtherAppImport import, Member member, CancellationToken ct) =>
        WithExportAsync(http.Request, (form, text, order) =>
            import.ImportAsync(member, text, form["mapping"], order, form["conflicts"].ToString().Trim().ToLowerInvariant(), ct), ct);

    /// <summary>The form read with its export and date order, then the answer of <paramref name="run"/>; or the problem.</summary>
    private static async Task<IResult> WithExportAsync<T>(
        HttpRequest request, Func<IFormCollection, string, DateOrder?, Task<ImportOutcome<T>>> run, CancellationToken ct)
        where T : class
    {
        var (form, text, error) = await ReadAsync(request, ct);
        if (error is not null)
        {
            return error;
        }

        return OtherAppImport.TryReadOrder(form!["dateOrder"], out var order)
            ? Answer(await run(form, text!, order))
            : Problems.Field("dateOrder", "The date order is dayFirst or monthFirst.");
    }

    /// <summary>A multipart form with the export in <c>file</c>; the answer, or a problem naming the field (another body type too), or 413.</summary>
    private static RouteHandlerBuilder TakesAnExport<TAnswer>(this RouteHandlerBuilder endpoint) =>
        endpoint.AcceptsUpload()
            .Produces<TAnswer>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    private static IResult Answer<T>(ImportOutcome<T> outcome)
        where T : class =>
        outcome.Result is { } result ? TypedResults.Ok(result)
        : outcome.Fields is { } fields ? TypedResults.ValidationProblem(fields)
        : JournalApi.ImportProblem([.. outcome.Rows!.Select(r => new ImportError(r.Line, r.Message))]);

    /// <summary>The form and its file's text, or the problem: no form, no file, a file over 5 MB.</summary>
    private static async Task<(IFormCollection? Form, string? Text, IResult? Error)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return (null, null, Problems.Field("file", "Send the export as multipart/form-data, in the field file."));
        }

        if (request.ContentLength > JournalRules.MaxImportBytes + (64 * 1024))
        {
            return (null, null, ImportUpload.TooLarge());
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (InvalidDataException)
        {
            return (null, null, Problems.Field("file", "The form could not be read: send multipart/form-data with the field file."));
        }

        var (text, problem) = await ImportUpload.ReadAsync(form.Files["file"], ct);
        return problem switch
        {
            null => (form, text, null),
            ImportUpload.TooLargeMessage => (null, null, ImportUpload.TooLarge()),
            _ => (null, null, Problems.Field("file", problem)),
        };
    }
}

/// <summary>An uploaded export as text (UTF-8, a byte-order mark let through), at most 5 MB: the API and the page read it alike.</summary>
public static class ImportUpload
{
    public const string TooLargeMessage = "The file is larger than 5 MB. Split it by year and import each part.";

    public static async Task<(string? Text, string? Problem)> ReadAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            return (null, "Choose a file to import.");
        }

        if (file.Length > JournalRules.MaxImportBytes)
        {
            return (null, TooLargeMessage);
        }

        using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return (await reader.ReadToEndAsync(ct), null);
    }

    public static ProblemHttpResult TooLarge() =>
        TypedResults.Problem(detail: TooLargeMessage, statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large");
}
