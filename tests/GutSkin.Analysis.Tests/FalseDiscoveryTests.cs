namespace GutSkin.Analysis.Tests;

public sealed class FalseDiscoveryTests
{
    public static TheoryData<string> Cases
    {
        get
        {
            using var doc = Fixture.Load("fdr_bh.json");
            var data = new TheoryData<string>();
            foreach (var c in doc.RootElement.EnumerateArray())
            {
                data.Add(c.GetProperty("name").GetString()!);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BenjaminiHochberg_ReferenceLists_MatchStatsmodelsFdrBh(string name)
    {
        using var doc = Fixture.Load("fdr_bh.json");
        var c = doc.RootElement.EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
        var p = c.GetProperty("p").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var expected = c.GetProperty("q").EnumerateArray().Select(e => e.GetDouble()).ToArray();

        var q = FalseDiscovery.BenjaminiHochberg(p);

        Assert.Equal(expected.Length, q.Length);
        for (var i = 0; i < q.Length; i++)
        {
            Fixture.Close(expected[i], q[i], $"{name} q[{i}]");
        }
    }

    [Fact]
    public void BenjaminiHochberg_TiedPValues_GetEqualQValues()
    {
        var q = FalseDiscovery.BenjaminiHochberg([0.04, 0.01, 0.04, 0.04]);

        Assert.Equal(q[0], q[2]);
        Assert.Equal(q[0], q[3]);
        Assert.Equal(0.04, q[0], 15);
        Assert.Equal(0.04, q[1], 15);
    }

    [Fact]
    public void BenjaminiHochberg_LargeP_CappedAtOne() =>
        Assert.All(FalseDiscovery.BenjaminiHochberg([0.9, 0.95, 1.0]), q => Assert.True(q <= 1.0));

    [Fact]
    public void BenjaminiHochberg_Empty_ReturnsEmpty() =>
        Assert.Empty(FalseDiscovery.BenjaminiHochberg([]));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    public void BenjaminiHochberg_PValueOutside0To1_Throws(double p) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FalseDiscovery.BenjaminiHochberg([0.5, p]));

    [Fact]
    public void BenjaminiHochberg_Null_Throws() =>
        Assert.Throws<ArgumentNullException>(() => FalseDiscovery.BenjaminiHochberg(null!));
}
