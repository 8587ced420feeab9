using GutSkin.Web.Data;
using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Features.Items;

public static class ItemsApi
{
    public static IEndpointRouteBuilder MapItemsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/items").WithTags("Items").RequireMember();
        group.MapGet("/", GetItems).WithSummary("The built-in catalog and your custom items.");
        group.MapPost("/", CreateItem).WithSummary("Add a custom item.");
        group.MapPatch("/{key}", UpdateItem).WithSummary("Relabel or archive one of your custom items; archiving keeps its values.");
        return app;
    }

    private static async Task<Ok<List<ItemResponse>>> GetItems(ItemService items, Member member, CancellationToken ct) =>
        TypedResults.Ok((await items.AllAsync(member.Id, ct)).Select(ItemResponse.From).ToList());

    private static async Task<Results<Created<ItemResponse>, ValidationProblem>> CreateItem(CreateItemRequest request, GutSkinDb db, ItemService items, Member member, CancellationToken ct)
    {
        var errors = ItemService.Validate(request, await items.ByKeyAsync(member.Id, ct), out var item, member.Id);
        if (item is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        db.Items.Add(item);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request added the same key between the check and the insert: the unique index refused this one.
            db.ChangeTracker.Clear();
            if (!await db.Items.AnyAsync(i => i.OwnerId == member.Id && i.Key == item.Key, ct))
            {
                throw;
            }

            return Problems.Field("key", $"'{item.Key}' is already one of your items; keys are never reused for a different meaning.");
        }

        await JournalVersion.BumpAsync(db, member.Id, ct);
        return TypedResults.Created($"/api/items/{item.Key}", ItemResponse.From(item));
    }

    private static async Task<Results<Ok<ItemResponse>, NotFound, ValidationProblem>> UpdateItem(string key, UpdateItemRequest request, GutSkinDb db, Member member, CancellationToken ct)
    {
        var item = await db.Items.FirstOrDefaultAsync(i => i.OwnerId == member.Id && i.Key == key, ct);
        if (item is null)
        {
            return TypedResults.NotFound();
        }

        item.Label = request.Label?.Trim() ?? item.Label;
        item.Archived = request.Archived ?? item.Archived;
        await db.SaveChangesAsync(ct);
        await JournalVersion.BumpAsync(db, member.Id, ct);
        return TypedResults.Ok(ItemResponse.From(item));
    }
}
