using GutSkin.Analysis;
using GutSkin.Interchange.Importing;

namespace GutSkin.Analyze.Tests;

/// <summary>The built-in catalog as an importer sees it, and new keys made the simple way (spaces to underscores, never twice).</summary>
internal static class ImportTestItems
{
    public static IReadOnlyList<ITrackedItem> Catalog { get; } = [.. BuiltInCatalog.Items];

    public static Func<string, string?> Keys()
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        return name =>
        {
            var key = ImportSynonyms.Normalise(name).Replace(' ', '_');
            return key.Length > 0 && taken.Add(key) ? key : null;
        };
    }

    /// <summary>The proposal for a text, and the plan it makes with today far ahead.</summary>
    public static (ImportRead Read, List<ImportEntry> Entries, ImportPlan Plan) Run(string text, DateOrder? answer = null, IReadOnlyList<ITrackedItem>? items = null)
    {
        items ??= Catalog;
        var read = ImportReader.Read(text, answer);
        var entries = ImportProposer.Propose(read, items, Keys());
        var byKey = items.ToDictionary(i => i.Key, StringComparer.Ordinal);
        foreach (var e in entries.Where(e => e.Mapping.Action == ImportMapping.ToNew))
        {
            var m = e.Mapping;
            ItemGroup group = Enum.Parse<ItemGroup>(m.Group!, ignoreCase: true);
            _ = ItemKinds.TryParse(m.Kind, out var kind);
            byKey[m.Item!] = new CatalogItem(m.Item!, m.Label!, group, kind, m.Min!.Value, m.Max!.Value);
        }

        return (read, entries, ImportPlanner.Plan(read, entries, byKey.GetValueOrDefault, new DateOnly(2026, 6, 15)));
    }
}
