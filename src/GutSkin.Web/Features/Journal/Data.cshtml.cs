using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GutSkin.Web.Features.Journal;

/// <summary>Upload a journal CSV or JSON export; download the whole journal.</summary>
[Authorize]
[RequestSizeLimit(JournalRules.MaxImportBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = JournalRules.MaxImportBytes + 64 * 1024)]
public sealed class DataModel(JournalImport import) : MemberPageModel
{
    public List<ImportError> Errors { get; private set; } = [];

    public string? Problem { get; private set; }

    [TempData]
    public string? Imported { get; set; }

    /// <summary>The full export needs a recent authentication; without one the page offers to confirm first.</summary>
    public bool CanExport => Account.RecentAuthentication.IsRecent(HttpContext);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        var member = CurrentMember;

        if (file is null || file.Length == 0)
        {
            Problem = "Choose a file to import.";
        }
        else if (file.Length > JournalRules.MaxImportBytes)
        {
            Problem = "The file is larger than 5 MB. Split it by year and import each part.";
        }
        else
        {
            await using var stream = file.OpenReadStream();
            var isJson = file.FileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
            (ImportResult? Result, List<ImportError> Errors) outcome;
            if (isJson)
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
                Imported = $"Imported {result.Rows} value(s) on {result.Days} day(s).";
                return RedirectToPage();
            }

            Errors = outcome.Errors;
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
