using GutSkin.Web.Features.Journal;

namespace GutSkin.Web.Tests.Journal;

/// <summary>The packed day (issue 17): every double comes back to the bit, in item order, and a usual day is small.</summary>
public sealed class ValuePackingTests
{
    public static TheoryData<double> Values => [0, 1, 10, -1, 2.5, 0.25, 7.3, 99.99, 0.1 + 0.2, 1.0 / 3, -0.0, 1e-300, double.MaxValue, double.Epsilon, 123456789.5, 4e15, -7.05];

    [Theory]
    [MemberData(nameof(Values))]
    public void EveryValue_ComesBackBitForBit(double value)
    {
        var unpacked = ValuePacking.Unpack(ValuePacking.Pack([(1000, value), (3, value)]));

        Assert.Equal([3, 1000], unpacked.Select(v => v.ItemId));
        Assert.All(unpacked, v => Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(v.Value)));
    }

    [Fact]
    public void RandomDays_ComeBackExactly_AndCountsAgree()
    {
        var random = new Random(17);
        for (var day = 0; day < 2000; day++)
        {
            var ids = Enumerable.Range(0, random.Next(0, 40)).Select(_ => random.Next(1, 5_000_000)).Distinct().ToList();
            List<(int ItemId, double Value)> values = [.. ids.Select(id => (id, random.Next(4) switch
            {
                0 => random.Next(0, 11),
                1 => Math.Round(random.NextDouble() * 100, 1),
                2 => Math.Round((random.NextDouble() - 0.5) * 1e6, 2),
                _ => BitConverter.Int64BitsToDouble(random.NextInt64()),
            }))];
            var packed = ValuePacking.Pack(values);

            var unpacked = ValuePacking.Unpack(packed);
            Assert.Equal(values.OrderBy(v => v.ItemId).Select(v => (v.ItemId, BitConverter.DoubleToInt64Bits(v.Value))), unpacked.Select(v => (v.ItemId, BitConverter.DoubleToInt64Bits(v.Value))));
            Assert.Equal(values.Count, ValuePacking.Count(packed));
        }
    }

    [Fact]
    public void AUsualDay_OfEighteenScoresAndCounts_TakesUnderFortyBytes()
    {
        // A member's items: the catalog's low ids and a few custom ones from 100,000 up; scores 0–10, servings, hours.
        int[] ids = [1, 2, 3, 5, 8, 9, 11, 14, 17, 20, 21, 25, 26, 30, 100_001, 100_002, 100_007, 100_010];
        double[] values = [3, 0, 7, 2, 10, 1, 0, 4, 7.5, 2, 1, 0, 3, 6, 1, 0, 2.5, 8];

        var packed = ValuePacking.Pack(ids.Zip(values));

        Assert.InRange(packed.Length, 18 * 2, 40);
    }

    [Fact]
    public void Merge_WritesTheGivenValuesOverTheStoredOnes_AndKeepsTheRest()
    {
        var stored = ValuePacking.Pack([(2, 5), (9, 1.5), (40, 0)]);

        Assert.Equal([(2, 5.0), (9, 3.0), (12, 7.0), (40, 0.0)], ValuePacking.Unpack(ValuePacking.Merge(stored, [(12, 7), (9, 3)])));
        Assert.Equal([(3, 1.0)], ValuePacking.Unpack(ValuePacking.Merge(null, [(3, 1)])));
    }

    [Fact]
    public void NoValue_IsNoByte_AndAnItemTwice_IsRefused()
    {
        Assert.Empty(ValuePacking.Pack([]));
        Assert.Empty(ValuePacking.Unpack([]));
        Assert.Throws<ArgumentException>(() => ValuePacking.Pack([(4, 1), (4, 2)]));
    }
}
