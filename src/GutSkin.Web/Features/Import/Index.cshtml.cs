using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GutSkin.Analysis;
using GutSkin.Interchange.Importing;
using GutSkin.Web.Features.Items;
using GutSkin.Web.Features.Journal;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GutSkin.Web.Features.Import;

/// <summary>
/// Import from another app, in three steps on one page: upload, check and edit the proposed mapping (each thing's
/// action, item or new item, conversion), import; then a summary with the way to Insights. Nothing is stored before
/// the member confirms: between the steps the uploaded text travels in the form, compressed and protected
/// (encrypted and signed for this member, valid for an hour), never in the database.
/// </summary>
[Authorize]
[RequestSizeLimit(MaxForm)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxForm, ValueLengthLimit = MaxForm)]
public sealed class IndexModel(OtherAppImport import, ItemService items, IDataProtectionProvider protection) : MemberPageModel
{
    private const int MaxForm = (int)JournalRules.MaxImportBytes * 2;

    /// <summary>One entry of the mapping as the form carries it.</summary>
    public sealed class Row
    {
        public string? Name { get; set; }
        public string? Type { get; set; }
        public string? Action { get; set; }
        public string? Item { get; set; }
        public string? NewKey { get; set; }
        public string? Label { get; set; }
        public string? Group { get; set; }
        public string? Kind { get; set; }
        public double Multiply { get; set; } = 1;
        public double Add { get; set; }
        public string? Combine { get; set; }
        public double? Min { get; set; }
        public double? Max { get; set; }
        public string? Summary { get; set; }

        public ImportMapping Mapping => new(Action ?? "", Action == ImportMapping.ToNew ? NewKey : Item, Label, Group, Kind, Multiply, Add, Combine ?? ImportCombine.Last, Min, Max);

        /// <summary>The entry of the export's notes: into the day's note or skipped, nothing more to choose.</summary>
        public bool IsNotes => Type == ImportMapping.NoteType;

        public static Row From(ImportEntry e, IReadOnlyDictionary<string, TrackedItem> existing)
        {
            var m = e.Mapping;
            var isNew = m.Action == ImportMapping.ToNew;
            var range = e.Min is { } min ? string.Create(CultureInfo.InvariantCulture, $" · values {min:0.##}–{e.Max:0.##}") : "";
            return new Row
            {
                Name = e.Name, Type = e.Type, Action = m.Action, Item = isNew ? null : m.Item, NewKey = isNew ? m.Item : ItemKeySuggestion.From(e.Name, existing),
                Label = m.Label ?? e.Name, Group = m.Group ?? "habit", Kind = m.Kind ?? "yesno", Multiply = m.Multiply, Add = m.Add, Combine = m.Combine,
                Min = m.Min, Max = m.Max, Summary = $"{e.Type} · {e.Days} day(s){range} · e.g. {string.Join(", ", e.Samples.Take(3))}",
            };
        }
    }

    [BindProperty]
    public string? Upload { get; set; }

    [BindProperty]
    public List<Row> Rows { get; set; } = [];

    [BindProperty]
    public string? DateOrder { get; set; }

    [BindProperty]
    public string? Conflicts { get; set; }

    public ImportPreview? Preview { get; private set; }

    public List<TrackedItem> Items { get; private set; } = [];

    public List<ImportProblem> BadRows { get; private set; } = [];

    [TempData]
    public string? Done { get; set; }

    [TempData]
    public int DoneDays { get; set; }

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? file, CancellationToken ct)
    {
        var (text, problem) = await ImportUpload.ReadAsync(file, ct);
        if (text is null)
        {
            ModelState.AddModelError("file", problem!);
            return Refused();
        }

        Upload = Protect(text);
        return await ShowPreviewAsync(text, null, fresh: true, ct);
    }

    /// <summary>The same upload again with the date order answered: a fresh proposal.</summary>
    public async Task<IActionResult> OnPostRefreshAsync(CancellationToken ct) =>
        Unprotect() is { } text && OtherAppImport.TryReadOrder(DateOrder, out var order)
            ? await ShowPreviewAsync(text, order, fresh: true, ct)
            : Refused();

    public async Task<IActionResult> OnPostImportAsync(CancellationToken ct)
    {
        if (Unprotect() is not { } text || !OtherAppImport.TryReadOrder(DateOrder, out var order))
        {
            ModelState.AddModelError("DateOrder", "Choose whether the day or the month comes first.");
            return Refused();
        }

        var entries = Rows.Select(r => new ImportEntry(r.Name ?? "", r.Type ?? "", 0, null, null, [], r.Mapping)).ToList();
        var outcome = await import.ImportAsync(CurrentMember, text, JsonSerializer.Serialize(entries, JsonSerializerOptions.Web), order, Conflicts, ct);
        if (outcome.Result is { } summary)
        {
            Done = $"Imported {summary.Values} value(s) on {summary.Days} day(s), {summary.ItemsCreated} new item(s)."
                + (summary.Notes > 0 ? $" {summary.Notes} day(s) with a note." : "")
                + (summary.NotesShortened > 0 ? $" {summary.NotesShortened} note(s) were longer than {DayRules.MaxNoteLength} characters and were shortened to fit." : "")
                + (summary.KeptDays > 0 ? $" {summary.KeptDays} day(s) already in your journal were kept as they were." : "")
                + (summary.SkippedCount > 0 ? $" {summary.SkippedCount} row(s) skipped (not mapped, or without a value)." : "");
            DoneDays = summary.Days;
            return RedirectToPage();
        }

        ModelState.AddErrors(outcome.Fields ?? [], FieldOfRow);
        BadRows = outcome.Rows ?? [];
        return await ShowPreviewAsync(text, order, fresh: false, ct);
    }

    /// <summary>"mapping[3].item" of the service is the form's "Rows[3].Item".</summary>
    public static string FieldOfRow(string field) =>
        field.StartsWith("mapping[", StringComparison.Ordinal) && field.IndexOf("].", StringComparison.Ordinal) is var dot and > 0
            ? $"Rows{field[7..(dot + 2)]}{char.ToUpperInvariant(field[dot + 2])}{field[(dot + 3)..]}"
            : field switch { "dateOrder" => "DateOrder", "conflicts" => "Conflicts", _ => field };

    private async Task<IActionResult> ShowPreviewAsync(string text, DateOrder? order, bool fresh, CancellationToken ct)
    {
        var outcome = await import.PreviewAsync(CurrentMember, text, order, ct);
        Items = await items.AllAsync(CurrentMember.Id, ct);
        BadRows.AddRange(outcome.Rows ?? []);
        Preview = outcome.Result;
        if (Preview is not null && fresh)
        {
            var byKey = Items.ToDictionary(i => i.Key, StringComparer.Ordinal);
            Rows = [.. Preview.Entries.Select(e => Row.From(e, byKey))];
            DateOrder ??= Preview.DateOrder;
        }

        return Preview is null || BadRows.Count > 0 || !ModelState.IsValid ? Refused() : Page();
    }

    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private ITimeLimitedDataProtector Protector => protection.CreateProtector("GutSkin.Import.Upload.v1", CurrentMember.Id).ToTimeLimitedDataProtector();

    private string Protect(string text)
    {
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return Convert.ToBase64String(Protector.Protect(packed.ToArray(), TimeSpan.FromHours(1)));
    }

    /// <summary>The uploaded text back, or null (with the message on "file") when it is missing, altered or older than an hour.</summary>
    private string? Unprotect()
    {
        try
        {
            using var gzip = new GZipStream(new MemoryStream(Protector.Unprotect(Convert.FromBase64String(Upload ?? ""))), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            return reader.ReadToEnd();
        }
        catch (Exception e) when (e is CryptographicException or FormatException or InvalidDataException)
        {
            ModelState.AddModelError("file", "The upload has expired or could not be read: choose the file again.");
            return null;
        }
    }
}
