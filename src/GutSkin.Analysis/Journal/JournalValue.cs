namespace GutSkin.Analysis;

/// <summary>One logged value: item <paramref name="Key"/> had <paramref name="Value"/> on the local calendar day <paramref name="Date"/>.</summary>
/// <param name="Date">The member's local calendar day.</param>
/// <param name="Key">The item key.</param>
/// <param name="Value">The value; yes/no items use 1 and 0. Must be finite.</param>
public readonly record struct JournalValue(DateOnly Date, string Key, double Value);
