using System.Text;
using System.Text.Json;
using GutSkin.Analysis;
using GutSkin.Web.Features.Account;
using GutSkin.Web.Features.Items;
using GutSkin.Web.Features.Photos;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace GutSkin.Web.Features.Journal;

public static class JournalApi
{
    private static readonly string[] ZipMediaTypes = ["application/zip", "application/octet-stream"];

    public static IEndpointRouteBuilder MapJournalApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/journal").WithTags("Journal").RequireMember().DocumentsJournalDays("date", "from", "to");
        group.MapGet("/", GetDays).WithSummary("Your journal days between two dates (inclusive), oldest first.");
        group.MapGet("/{date}", GetDay)
            .WithSummary("One journal day.")
            .WithDescription("The ETag header carries the day's current strong entity tag, for If-Match on a later PUT.")
            .AddOpenApiOperationTransformer((operation, _, _) => DescribeETag(operation));
        group.MapPut("/{date}", PutDay)
            .WithSummary("Replace one day: items left out become missing.")
            .WithDescription(
                "Send If-Match with the ETag of a GET or of an earlier PUT to write only if nobody changed the day since: "
                + "a stale tag answers 412 and writes nothing. If-Match: * writes only a day that exists, If-None-Match: * only a day "
                + "not logged yet (412 otherwise). Without either "
                + "the last write wins. The answer's ETag header is the day's new tag; every write of a day changes it.")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .AddOpenApiOperationTransformer((operation, _, _) => DescribeIfMatch(operation));
        group.MapDelete("/{date}", DeleteDay).WithSummary("Delete one day.");
        group.MapPost("/import", Import)
            .Accepts<JournalExport>("application/json", "text/csv", "application/zip", "application/octet-stream")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // The CSV is text (date,item,value lines), not the JSON export.
                if (operation.RequestBody?.Content?.TryGetValue("text/csv", out var csv) == true)
                {
                    csv.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "date,item,value lines, with that header." };
                }

                foreach (var zip in ZipMediaTypes)
                {
                    if (operation.RequestBody?.Content?.TryGetValue(zip, out var body) == true)
                    {
                        body.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "A zip export (format=zip): the journal and its photos." };
                    }
                }

                return Task.CompletedTask;
            })
            .WithMetadata(new RequestSizeLimitAttribute(JournalRules.MaxZipImportBytes))
            .Produces<ImportResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithSummary("Import a journal CSV (date,item,value), a JSON export, or a zip export with its photos; all rows or none.")
            .WithDescription($"CSV and JSON up to {JournalRules.MaxImportBytes / (1024 * 1024)} MB; a zip (sent as application/zip or application/octet-stream, and known by its first bytes, PK\\x03\\x04) up to {JournalRules.MaxZipImportBytes / (1024 * 1024)} MB. "
                + "A zip's photos are checked like uploads; a photo already there (same day, same image) is skipped, so the same zip twice changes nothing.");
        // Everything at once: only after a recent authentication, and the account's address hears of it.
        group.MapGet("/export", Export).WithSummary("Your whole journal as CSV or JSON (JSON adds notes, items and profile), or a zip of both with your photos.")
            .RequireRecentAuthentication();
        return app;
    }

    private static async Task<Results<Ok<List<DayResponse>>, ValidationProblem>> GetDays(string? from, string? to, JournalReader journal, MemberClock clock, Member member, CancellationToken ct)
    {
        var (first, last, errors) = JournalDates.ReadRange(from, to, clock.Today(member.TimeZone));
        return errors.Count > 0 ? Problems.Fields(errors) : TypedResults.Ok(await journal.DaysAsync(member.Id, first, last, ct));
    }

    private static async Task<Results<Ok<DayResponse>, NotFound, ValidationProblem>> GetDay(string date, HttpContext http, JournalReader journal, MemberClock clock, Member member, CancellationToken ct)
    {
        if (!JournalDates.TryRead(date, clock.Today(member.TimeZone), out var day, out var problem))
        {
            return Problems.Field("date", problem);
        }

        if (await journal.DayAsync(member.Id, day, ct) is not { } found)
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers.ETag = found.ETag;
        return TypedResults.Ok(found.Day);
    }

    private static async Task<Results<Ok<DayResponse>, ValidationProblem, ProblemHttpResult>> PutDay(string date, DayRequest request, HttpContext http, JournalService journal, MemberClock clock, Member member, CancellationToken ct)
    {
        if (!JournalDates.TryRead(date, clock.Today(member.TimeZone), out var day, out var problem))
        {
            return Problems.Field("date", problem);
        }

        if (!DayETag.TryParseIfMatch(http.Request.Headers.IfMatch, out var condition))
        {
            return Problems.Field("If-Match", "If-Match is * or a list of quoted entity tags, such as the ETag a GET of the day answered.");
        }

        if (!DayETag.TryParseIfNoneMatch(http.Request.Headers.IfNoneMatch, out var absent))
        {
            return Problems.Field("If-None-Match", "If-None-Match on a write can only be *: write the day only if it has not been logged.");
        }

        if (absent is not null && condition is not null)
        {
            return Problems.Field("If-None-Match", "Send If-Match or If-None-Match, not both.");
        }

        condition ??= absent;

        // The precondition is checked last (RFC 9110 13.2.2: a request that fails otherwise gets that answer) and
        // by the write itself, so two writers holding the same tag cannot both succeed.
        var written = await journal.WriteAsync(member, new JournalWrite([new DayEntry(day, request.Values, request.Note)]) { Condition = condition }, ct);
        switch (written.Outcome)
        {
            case WriteOutcome.Invalid:
                return TypedResults.ValidationProblem(written.Errors);
            case WriteOutcome.Stale:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status412PreconditionFailed,
                    title: "The day has changed",
                    detail: condition!.Absent
                        ? $"If-None-Match: * writes only a day that has not been logged, and {date} has been logged since. Read it and reapply your change."
                        : condition.AnyExisting
                        ? $"If-Match: * writes only a day that exists, and {date} has not been logged."
                        : $"{date} was changed or deleted since the ETag you sent was issued. Read the day again and reapply your change.");
            default:
                http.Response.Headers.ETag = written.Day!.ETag;
                return TypedResults.Ok(written.Day.Day);
        }
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> DeleteDay(string date, JournalService journal, MemberClock clock, Member member, CancellationToken ct)
    {
        if (!JournalDates.TryRead(date, clock.Today(member.TimeZone), out var day, out var problem))
        {
            return Problems.Field("date", problem);
        }

        return await journal.DeleteDayAsync(member.Id, day, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    private static async Task<IResult> Import(HttpContext http, JournalImport import, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, Member member, CancellationToken ct)
    {
        if (await RequestBody.ReadLimitedAsync(http.Request, JournalRules.MaxImportBytes, ct, JournalRules.MaxZipImportBytes) is not { } body)
        {
            return TypedResults.Problem(
                detail: $"The file is larger than {JournalRules.MaxImportBytes / (1024 * 1024)} MB (a zip export: {JournalRules.MaxZipImportBytes / (1024 * 1024)} MB). Split it by year and import each part.",
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "File too large");
        }

        // A zip is known by its first bytes, whatever type it is sent as.
        var mediaType = JournalImport.IsZip(body.GetBuffer().AsSpan(0, (int)body.Length)) ? "application/zip" : http.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        (ImportResult? Result, List<ImportError> Errors) outcome;
        switch (mediaType)
        {
            case "application/zip":
                outcome = await import.ImportZipAsync(member, body, ct);
                break;
            case "text/csv" or "text/plain" or "application/csv":
                outcome = await import.ImportCsvAsync(member, body, ct);
                break;
            case "application/json":
                JournalExport? export;
                try
                {
                    export = await JsonSerializer.DeserializeAsync<JournalExport>(body, json.Value.SerializerOptions, ct);
                }
                catch (JsonException e)
                {
                    return TypedResults.ValidationProblem(BadRequestHandler.Errors(e), title: "The request could not be read.");
                }

                if (export is null)
                {
                    return Problems.Field(BadRequestHandler.WholeBody, "The body must be a journal export object.");
                }

                outcome = await import.ImportJsonAsync(member, export, ct);
                break;
            default:
                return TypedResults.Problem(detail: "Send the file as text/csv or application/json, or a zip export.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        return outcome.Result is null ? ImportProblem(outcome.Errors) : TypedResults.Ok(outcome.Result);
    }

    private static Task DescribeIfMatch(OpenApiOperation operation)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(Header("If-Match", "The day's ETag (from a GET or an earlier PUT), a list of them, or *. A tag that is not current answers 412; a malformed value answers 400."));
        operation.Parameters.Add(Header("If-None-Match", "* to write only a day that has not been logged (412 when it has). Any other value, or with If-Match, answers 400."));
        return DescribeETag(operation);
    }

    private static OpenApiParameter Header(string name, string description) =>
        new() { Name = name, In = ParameterLocation.Header, Required = false, Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };

    /// <summary>Documents the ETag header of the 200 answer.</summary>
    private static Task DescribeETag(OpenApiOperation operation)
    {
        if (operation.Responses?.GetValueOrDefault("200") is OpenApiResponse ok)
        {
            ok.Headers ??= new Dictionary<string, IOpenApiHeader>();
            ok.Headers["ETag"] = new OpenApiHeader
            {
                Description = "The day's current strong entity tag; it changes on every write of the day.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            };
        }

        return Task.CompletedTask;
    }

    /// <summary>Every bad row, by line number, in the problem document's <c>rows</c> extension; nothing was imported.</summary>
    public static IResult ImportProblem(List<ImportError> errors)
    {
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]>
        {
            ["file"] = [.. errors.Take(50).Select(e => $"Line {e.Line}: {e.Message}")],
        })
        {
            Title = $"Nothing was imported: {errors.Count} row(s) need fixing.",
            Status = StatusCodes.Status400BadRequest,
        };
        // A JSON import names each bad part by its path too, as every other JSON body does.
        foreach (var group in errors.Where(e => e.Field is not null).GroupBy(e => e.Field!).Take(50))
        {
            problem.Errors[group.Key] = [.. group.Select(e => e.Message)];
        }

        problem.Extensions["rows"] = errors;
        return TypedResults.Problem(problem);
    }

    private static async Task<IResult> Export(string? format, HttpContext http, JournalReader journal, ItemService items, UserManager<AppUser> users, MemberClock clock, SecurityNotices notices, PhotoService photos, Member member, CancellationToken ct)
    {
        format = format?.ToLowerInvariant();
        if (format is not (null or "" or "csv" or "json" or "zip"))
        {
            return Problems.Field("format", "The format is csv, json or zip (both, and your photos).");
        }

        var user = await users.FindByIdAsync(member.Id);
        await notices.SendAsync(user?.Email, SecurityEvent.JournalExported, http);

        var days = await journal.DaysAsync(member.Id, null, null, ct);
        var stamp = JournalDates.ToText(clock.Today(member.TimeZone));
        var csvText = new StringWriter();
        JournalCsv.Write(csvText, days);
        var csv = ($"gutskin-journal-{stamp}.csv", Encoding.UTF8.GetBytes(csvText.ToString()));
        if (format is null or "" or "csv")
        {
            return TypedResults.File(csv.Item2, "text/csv; charset=utf-8", csv.Item1);
        }

        var all = await items.AllAsync(member.Id, ct);
        var export = new JournalExport(
            1,
            clock.UtcNow,
            new ExportProfile(user?.DisplayName, member.TimeZone),
            [.. all.Where(i => i.IsCustom).Select(i => { var r = ItemResponse.From(i); return new ExportItem(r.Key, r.Label, r.Group, r.Kind, r.Min, r.Max, r.Unit, r.Custom, r.Archived); })],
            [.. days.Select(d => new ExportDay(d.Date, d.Values, d.Note))]);
        var json = ($"gutskin-journal-{stamp}.json", JsonSerializer.SerializeToUtf8Bytes(export, JsonSerializerOptions.Web));
        return format == "zip" ? PhotoExport.Zip(http, member.Id, stamp, csv, json, photos) : TypedResults.File(json.Item2, "application/json", json.Item1);
    }
}

public static class RequestBody
{
    /// <summary>The body in memory, or null when it is longer than <paramref name="limit"/> bytes (<paramref name="zipLimit"/> for a zip, when given).</summary>
    public static async Task<MemoryStream?> ReadLimitedAsync(HttpRequest request, long limit, CancellationToken ct, long? zipLimit = null)
    {
        if (request.ContentLength > Math.Max(limit, zipLimit ?? 0))
        {
            return null;
        }

        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            var isZip = zipLimit is not null && JournalImport.IsZip(buffer.GetBuffer().AsSpan(0, (int)Math.Min(buffer.Length, 4)));
            if (buffer.Length > (isZip ? zipLimit!.Value : limit))
            {
                return null;
            }
        }

        buffer.Position = 0;
        return buffer;
    }
}
