using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GutSkin.Web.Features.Journal;

/// <summary>Upload a journal CSV, JSON or zip export; download the whole journal (with the photos as a zip).</summary>
/// <remarks>The form stays in memory: a zip's photos are never spooled unencrypted to a temporary file.</remarks>
[Authorize]
[RequestSizeLimit(MaxForm)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxForm, MemoryBufferThreshold = (int)MaxForm)]
public sealed class DataModel(JournalImport import) : MemberPageModel
{
    private const long MaxForm = JournalRules.MaxZipImportBytes + (64 * 1024);

    public List<ImportError> Errors { get; private set; } = [];

    public string? Problem { get; private set; }

    [TempData]
    public string? Imported { get; set; }

    /// <summary>The full export needs a recent authentication; without one the page offers to confirm first.</summary>
    public bool CanExport => Account.RecentAuthentication.IsRecent(HttpContext);

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        var member = CurrentMember;
        var isZip = file is not null && await IsZipAsync(file, ct);
        if (file is null || file.Length == 0)
        {
            Problem = "Choose a file to import.";
        }
        else if (file.Length > (isZip ? JournalRules.MaxZipImportBytes : JournalRules.MaxImportBytes))
        {
            Problem = $"The file is larger than {JournalRules.MaxImportBytes / (1024 * 1024)} MB (a zip export: {JournalRules.MaxZipImportBytes / (1024 * 1024)} MB). Split it by year and import each part.";
        }
        else
        {
            await using var stream = file.OpenReadStream();
            var isJson = file.FileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
            (ImportResult? Result, List<ImportError> Errors) outcome;
            if (isZip)
            {
                outcome = await import.ImportZipAsync(member, stream, ct);
            }
            else if (isJson)
            {
                JournalExport? export = null;
                try
                {
                    export = await System.Text.Json.JsonSerializer.DeserializeAsync<JournalExport>(stream, System.Text.Json.JsonSerializerOptions.Web, ct);
                }
                catch (System.Text.Json.JsonException e)
                {
                    Problem = $"The JSON file could not be read at {e.Path}: it should be a GutSkin JSON export.";
                }

                outcome = export is null ? (null, []) : await import.ImportJsonAsync(member, export, ct);
                Problem ??= export is null ? "The JSON file is empty." : null;
            }
            else
            {
                outcome = await import.ImportCsvAsync(member, stream, ct);
            }

            if (outcome.Result is { } result)
            {
                Imported = $"Imported {result.Rows} value(s) on {result.Days} day(s)" + (isZip ? $" and {result.Photos} new photo(s)." : ".");
                return RedirectToPage();
            }

            Errors = outcome.Errors;
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private static async Task<bool> IsZipAsync(IFormFile file, CancellationToken ct)
    {
        var start = new byte[4];
        await using var stream = file.OpenReadStream();
        return await stream.ReadAtLeastAsync(start, start.Length, throwOnEndOfStream: false, ct) == start.Length && JournalImport.IsZip(start);
    }
}
