using System.Text;
using GutSkin.Analysis;

namespace GutSkin.Interchange.Importing;

/// <summary>
/// Proposes a mapping for each distinct thing of an export: to one of the member's items when its name is a known
/// synonym (Flaredown's "Acne" is breakouts, Bearable's "sugar" sugary_foods) or an item's own key or label, and the
/// kinds fit; else to a new custom item of the right group, kind and range; else (weather, text) skip. Scales are
/// converted as stated: Flaredown's and Bearable's 0–4 symptoms × 2.5 onto 0–10.
/// </summary>
public static class ImportProposer
{
    /// <summary>What an export's thing is, before any mapping: its kind and scale, or why it is not proposed.</summary>
    private readonly record struct Source(ItemKind Kind, double Min, double Max, string? SkipWhy = null, bool Treatment = false, bool Fraction = false, bool Counted = false);

    private sealed class Stats(int order)
    {
        public int Order { get; } = order;
        public HashSet<string> Days { get; } = new(StringComparer.Ordinal);
        public List<string> Samples { get; } = [];
        public double? Min { get; set; }
        public double? Max { get; set; }
        public bool Whole { get; set; } = true;
    }

    /// <summary>
    /// One entry per distinct (type, name), in the order the file first names them. <paramref name="newKey"/> gives
    /// the key of a new item made from a name (and keeps it from being given twice), or null when none can be made.
    /// </summary>
    public static List<ImportEntry> Propose(ImportRead read, IReadOnlyList<ITrackedItem> items, Func<string, string?> newKey)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(newKey);
        var byName = ByName(items);
        var entries = new List<ImportEntry>();
        foreach (var ((type, name), stats) in Collect(read.Observations).OrderBy(s => s.Value.Order))
        {
            if (type == ImportMapping.NoteType)
            {
                entries.Add(new ImportEntry(name, type, stats.Days.Count, null, null, [.. stats.Samples.Select(ImportNotes.Sample)], new ImportMapping(ImportMapping.ToNote)));
                continue;
            }

            var source = SourceOf(read.Format, type, stats);
            var mapping = read.Format == ImportFormats.GutSkin && items.FirstOrDefault(i => i.Key == name) is { } own
                ? ToItem(own, 1)
                : Propose(name, source, byName, newKey);
            entries.Add(new ImportEntry(name, type, stats.Days.Count, stats.Min, stats.Max, stats.Samples, mapping));
        }

        return entries;
    }

    private static Dictionary<(string, string), Stats> Collect(IReadOnlyList<Observation> observations)
    {
        var all = new Dictionary<(string, string), Stats>();
        foreach (var o in observations)
        {
            if (!all.TryGetValue((o.Type, o.Name), out var stats))
            {
                all[(o.Type, o.Name)] = stats = new Stats(all.Count);
            }

            stats.Days.Add(o.Date);
            if (stats.Samples.Count < 3 && !stats.Samples.Contains(o.Raw, StringComparer.Ordinal))
            {
                stats.Samples.Add(o.Raw);
            }

            if (o.Value is { } v)
            {
                stats.Min = Math.Min(stats.Min ?? v, v);
                stats.Max = Math.Max(stats.Max ?? v, v);
                stats.Whole &= v == Math.Floor(v);
            }
        }

        return all;
    }

    /// <summary>The scale each format documents for a type; otherwise what the values show.</summary>
    private static Source SourceOf(string format, string type, Stats stats) => (format, type) switch
    {
        (ImportFormats.Flaredown, "symptom" or "condition") or (ImportFormats.Bearable, "symptom") => new(ItemKind.Severity, 0, 4),
        (ImportFormats.Flaredown, "treatment") or (ImportFormats.Bearable, "medication") => new(ItemKind.YesNo, 0, 1, Treatment: true),
        (ImportFormats.Flaredown, "weather") => new(ItemKind.Scale, 0, 0, "Weather is not something GutSkin tracks."),
        (ImportFormats.Bearable, "mood") => new(ItemKind.Scale, Math.Min(1, stats.Min ?? 1), Math.Max(10, stats.Max ?? 10)),
        (ImportFormats.Bearable, "energy" or "sleep quality") => new(ItemKind.Scale, Math.Min(1, stats.Min ?? 1), Math.Max(5, stats.Max ?? 5)),
        (ImportFormats.Daylio, "mood") when stats.Max > 1 || stats.Min > 1 => new(ItemKind.Scale, 1, 5),
        (ImportFormats.Bearable, "sleep") => new(ItemKind.Hours, 0, 24),
        (ImportFormats.Bearable, "water") => new(ItemKind.Litres, 0, 10),
        _ when stats.Min is null => new(ItemKind.Scale, 0, 0, "Text, not numbers."),
        _ when stats.Min >= 0 && stats.Max <= 1 && stats.Whole => new(ItemKind.YesNo, 0, 1),
        _ when !stats.Whole => new(ItemKind.Scale, stats.Min!.Value, stats.Max!.Value, "Fractions of an unknown unit: choose an item of the same unit, or a new one.", Fraction: true),
        _ => new(ItemKind.Scale, stats.Min!.Value, stats.Max!.Value > stats.Min ? stats.Max.Value : stats.Min.Value + 1, Counted: true),
    };

    private static ImportMapping Propose(string name, Source source, Dictionary<string, ITrackedItem> byName, Func<string, string?> newKey)
    {
        if (source.SkipWhy is not null && !source.Fraction)
        {
            return new ImportMapping(ImportMapping.Skip);
        }

        if (Match(name, byName) is { } item && Fits(source, item.Kind))
        {
            return ToItem(item, source.Kind == ItemKind.Severity && item.Kind == ItemKind.Severity && source.Max == 4 ? 2.5 : 1);
        }

        return !source.Fraction && newKey(name) is { } key ? NewItem(name, key, source) : new ImportMapping(ImportMapping.Skip);
    }

    private static ImportMapping ToItem(ITrackedItem item, double multiply) =>
        new(ImportMapping.ToItem, item.Key, item.Label, item.Group.ToString().ToLowerInvariant(), item.Kind.Name, multiply, 0, ImportCombine.For(item.Kind));

    /// <summary>A new item keeps the source's kind; a 0–4 symptom becomes a 0–10 severity like the catalog's.</summary>
    private static ImportMapping NewItem(string name, string key, Source source)
    {
        var label = name.Length > 80 ? name[..80].Trim() : name;
        var severity = source.Kind == ItemKind.Severity;
        var (min, max) = severity ? (0.0, 10.0) : (source.Min, source.Max);
        return new ImportMapping(ImportMapping.ToNew, key, label, (source.Treatment ? ItemGroup.Treatment : ImportSynonyms.GroupOf(name, source.Kind)).ToString().ToLowerInvariant(), source.Kind.Name,
            severity && source.Max == 4 ? 2.5 : 1, 0, ImportCombine.For(source.Kind), min, max);
    }

    /// <summary>Which kinds a source can go into: a rating into a rating, a yes/no into yes/no or a count, fractions
    /// into a kind of fractions, a spreadsheet's whole numbers into anything but yes/no.</summary>
    private static bool Fits(Source source, ItemKind target) => source.Kind switch
    {
        _ when source.Fraction => !target.IsWholeNumber,
        _ when source.Counted => target != ItemKind.YesNo,
        ItemKind.Severity or ItemKind.Scale => target is ItemKind.Severity or ItemKind.Scale,
        ItemKind.YesNo => target is ItemKind.YesNo or ItemKind.Servings,
        var kind => kind == target,
    };

    private static ITrackedItem? Match(string name, Dictionary<string, ITrackedItem> byName)
    {
        var words = ImportSynonyms.Normalise(name);
        foreach (var candidate in (string[])[words, words.TrimEnd('s')])
        {
            if (byName.TryGetValue(candidate, out var item))
            {
                return item;
            }

            if (ImportSynonyms.KeyOf(candidate) is { } key && byName.TryGetValue(ImportSynonyms.Normalise(key), out var known))
            {
                return known;
            }
        }

        return null;
    }

    /// <summary>Every item by its key and by its label, in the words <see cref="ImportSynonyms.Normalise"/> makes.</summary>
    private static Dictionary<string, ITrackedItem> ByName(IReadOnlyList<ITrackedItem> items) =>
        items.SelectMany(i => new[] { ImportSynonyms.Normalise(i.Key), ImportSynonyms.Normalise(i.Label) }.Select(name => (Name: name, Item: i)))
            .DistinctBy(p => p.Name, StringComparer.Ordinal)
            .ToDictionary(p => p.Name, p => p.Item, StringComparer.Ordinal);
}

/// <summary>The names other apps and people give to the catalog's items, and the words that place a new item in skin or gut.</summary>
public static class ImportSynonyms
{
    private static readonly Dictionary<string, string> Keys = Build(new()
    {
        ["redness"] = ["redness", "rosacea", "flushing", "red skin", "facial redness"],
        ["breakouts"] = ["acne", "breakout", "breakouts", "pimples", "spots", "blemishes", "skin breakout", "zits"],
        ["dryness"] = ["dry skin", "dryness", "flaky skin", "skin dryness"],
        ["eczema"] = ["eczema", "atopic dermatitis", "dermatitis", "eczema flare"],
        ["psoriasis"] = ["psoriasis", "psoriasis flare"],
        ["itch"] = ["itch", "itching", "itchy", "itchy skin", "pruritus"],
        ["bloating"] = ["bloating", "bloated", "gas", "wind", "distension", "abdominal bloating"],
        ["constipation"] = ["constipation", "constipated"],
        ["irregular_digestion"] = ["diarrhea", "diarrhoea", "ibs", "irregular digestion", "indigestion", "loose stools", "upset stomach", "stomach ache", "stomachache"],
        ["stool_form"] = ["bristol", "bristol scale", "stool form", "stool type"],
        ["probiotic_supplement"] = ["probiotic", "probiotics", "probiotic supplement"],
        ["fermented_foods"] = ["fermented food", "fermented foods", "yoghurt", "yogurt", "kefir", "kimchi", "sauerkraut", "kombucha", "miso"],
        ["prebiotic_foods"] = ["prebiotic", "prebiotics", "prebiotic foods", "fibre", "fiber", "high fibre", "high fiber"],
        ["sugary_foods"] = ["sugar", "sugary", "sugary foods", "sweets", "candy", "dessert", "soda", "soft drinks", "chocolate", "sugary drinks"],
        ["processed_foods"] = ["processed food", "processed foods", "fast food", "junk food", "takeaway", "take away", "ready meal"],
        ["water"] = ["water", "water intake", "hydration"],
        ["stress"] = ["stress", "stressed", "stress level"],
        ["sleep"] = ["sleep", "hours slept", "sleep hours", "sleep duration"],
        ["antibiotics"] = ["antibiotic", "antibiotics", "amoxicillin", "doxycycline", "minocycline"],
        ["illness"] = ["ill", "sick", "illness", "cold", "flu", "fever", "felt ill"],
    });

    private static readonly string[] GutWords = ["stomach", "nausea", "gut", "bowel", "cramp", "reflux", "heartburn", "diarr", "constip", "bloat", "digest", "stool", "abdominal"];

    private static readonly string[] SkinWords = ["skin", "rash", "hive", "acne", "itch", "spot", "derm", "eczema", "psoria", "flush", "redness", "pimple", "rosacea"];

    /// <summary>The catalog key a name (already normalised) is a synonym of, or null.</summary>
    public static string? KeyOf(string normalised) => Keys.GetValueOrDefault(normalised);

    /// <summary>Lower case, letters and digits, one space between words: "Stomach-ache!" is "stomach ache".</summary>
    public static string Normalise(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                text.Append(c);
            }
            else if (text.Length > 0 && text[^1] != ' ')
            {
                text.Append(' ');
            }
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>Where a new item goes: treatments and supplements are yes/no treatments, a symptom named like a gut
    /// or skin one goes there, anything else is a habit (a factor).</summary>
    public static ItemGroup GroupOf(string name, ItemKind kind)
    {
        var lower = Normalise(name);
        return kind == ItemKind.Severity && GutWords.Any(w => lower.Contains(w, StringComparison.Ordinal)) ? ItemGroup.Gut
            : kind == ItemKind.Severity && SkinWords.Any(w => lower.Contains(w, StringComparison.Ordinal)) ? ItemGroup.Skin
            : ItemGroup.Habit;
    }

    private static Dictionary<string, string> Build(Dictionary<string, string[]> synonyms) =>
        synonyms.SelectMany(s => s.Value.Select(name => (name, s.Key))).ToDictionary(p => p.name, p => p.Key, StringComparer.Ordinal);
}
