using GutSkin.Web.Data;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Features.Items;

/// <summary>The catalog and the member's own items: add one, relabel it, archive or restore it.</summary>
[ChecksOwnFields]
public sealed class IndexModel(GutSkinDb db, ItemService items) : MemberPageModel
{
    public List<TrackedItem> All { get; private set; } = [];

    [BindProperty]
    public CreateItemRequest Input { get; set; } = new(null, null, "habit", "severity", null, null, null);

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        All = await items.AllAsync(CurrentMember.Id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var member = CurrentMember;
        var existing = await items.ByKeyAsync(member.Id, ct);
        if (string.IsNullOrWhiteSpace(Input.Key))
        {
            Input = Input with { Key = ItemKeySuggestion.From(Input.Label, existing) };
        }

        // An empty unit box means the kind's own unit.
        ModelState.AddErrors(ItemService.Validate(Input with { Min = null, Max = null, Unit = string.IsNullOrWhiteSpace(Input.Unit) ? null : Input.Unit }, existing, out var item, member.Id));
        if (item is null)
        {
            All = [.. existing.Values];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        db.Items.Add(item);
        await SaveAsync(ct);
        Message = $"Added “{item.Label}” (key {item.Key}). It is on your Today page now.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostArchiveAsync(string key, bool archived, CancellationToken ct)
    {
        if (await FindAsync(key, ct) is not { } item)
        {
            return NotFound();
        }

        item.Archived = archived;
        await SaveAsync(ct);
        Message = archived ? $"Archived “{item.Label}”: it is off the Today page, and its values are kept." : $"“{item.Label}” is back on your Today page.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRelabelAsync(string key, string? label, CancellationToken ct)
    {
        if (await FindAsync(key, ct) is not { } item)
        {
            return NotFound();
        }

        // No label is an empty one: the same rule, and message, as the API's.
        var errors = InputRules.Errors(new UpdateItemRequest(label ?? ""));
        if (label is null || errors.Count > 0)
        {
            Message = errors.Values.First()[0];
            return RedirectToPage();
        }

        item.Label = label.Trim();
        await SaveAsync(ct);
        Message = $"Renamed to “{item.Label}”.";
        return RedirectToPage();
    }

    private Task<TrackedItem?> FindAsync(string key, CancellationToken ct) =>
        db.Items.FirstOrDefaultAsync(i => i.OwnerId == CurrentMember.Id && i.Key == key, ct);

    /// <summary>Saves the change; the member's journal counts as changed (items are part of it).</summary>
    private async Task SaveAsync(CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        await JournalVersion.BumpAsync(db, CurrentMember.Id, ct);
    }
}
