using System.Globalization;
using System.Text.Json;

namespace GutSkin.Analysis.Tests;

/// <summary>Reads the reference fixtures written by Fixtures/reference.py and compares numbers with it.</summary>
internal static class Fixture
{
    public const double RelativeTolerance = 1e-9;

    // Values that are mathematically 0 come out as rounding noise of order 1e-16 times the data's scale.
    public const double AbsoluteTolerance = 1e-12;

    public static string Root => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static TheoryData<string> Names(string folder)
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Root, folder), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    public static JsonDocument Load(string relativePath) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, relativePath)));

    public static List<JournalValue> ReadCsv(string relativePath)
    {
        var values = new List<JournalValue>();
        foreach (var line in File.ReadLines(Path.Combine(Root, relativePath)).Skip(1))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split(',');
            values.Add(new JournalValue(
                DateOnly.ParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture),
                parts[1],
                double.Parse(parts[2], CultureInfo.InvariantCulture)));
        }

        return values;
    }

    /// <summary>The journal of an insights fixture: built-in catalog plus its custom items.</summary>
    public static JournalData Journal(string name, JsonElement root)
    {
        var items = new List<SeriesItem>(BuiltInCatalog.SeriesItems);
        foreach (var c in root.GetProperty("customItems").EnumerateArray())
        {
            items.Add(new SeriesItem(
                c.GetProperty("key").GetString()!,
                c.GetProperty("label").GetString()!,
                c.GetProperty("group").GetString() switch
                {
                    "skin" => ItemGroup.Skin,
                    "gut" => ItemGroup.Gut,
                    "treatment" => ItemGroup.Treatment,
                    _ => ItemGroup.Habit,
                },
                c.GetProperty("isYesNo").GetBoolean(),
                c.GetProperty("unit").GetString()!));
        }

        return new JournalData(items, ReadCsv(Path.Combine("insights", name + ".csv")));
    }

    public static DateOnly? Date(JsonElement element) =>
        element.ValueKind == JsonValueKind.Null ? null : DateOnly.ParseExact(element.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static double Number(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString() == "Infinity" ? double.PositiveInfinity : double.NegativeInfinity,
        _ => element.GetDouble(),
    };

    public static double? NullableNumber(JsonElement element) =>
        element.ValueKind == JsonValueKind.Null ? null : Number(element);

    public static void Close(double expected, double actual, string what)
    {
        if (double.IsInfinity(expected) || double.IsInfinity(actual))
        {
            Assert.True(expected.Equals(actual), $"{what}: expected {expected}, got {actual}");
            return;
        }

        var tolerance = (RelativeTolerance * Math.Max(Math.Abs(expected), Math.Abs(actual))) + AbsoluteTolerance;
        Assert.True(
            Math.Abs(expected - actual) <= tolerance,
            string.Create(CultureInfo.InvariantCulture, $"{what}: expected {expected:R}, got {actual:R} (difference {Math.Abs(expected - actual):E2})"));
    }

    public static void Close(double? expected, double? actual, string what)
    {
        Assert.True(expected.HasValue == actual.HasValue, $"{what}: expected {expected?.ToString(CultureInfo.InvariantCulture) ?? "null"}, got {actual?.ToString(CultureInfo.InvariantCulture) ?? "null"}");
        if (expected is { } e && actual is { } a)
        {
            Close(e, a, what);
        }
    }
}
