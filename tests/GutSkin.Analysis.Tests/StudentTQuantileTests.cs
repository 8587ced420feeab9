namespace GutSkin.Analysis.Tests;

/// <summary>The internal t quantile behind every confidence interval; expected values from
/// <c>scipy.special.betaincinv</c> (see Fixtures/README.md for why not <c>scipy.stats.t.ppf</c>).</summary>
public sealed class StudentTQuantileTests
{
    [Theory]
    [InlineData(0.025, 1.0, 12.706204736174707)]
    [InlineData(0.025, 1.0001, 12.703202820451482)]
    [InlineData(0.025, 2.0, 4.302652729749464)]
    [InlineData(0.025, 3.7, 2.867520707191189)]
    [InlineData(0.025, 10.2, 2.2222310478422727)]
    [InlineData(0.025, 57.3, 2.0022382682313364)]
    [InlineData(0.025, 1000.0, 1.9623390808262446)]
    [InlineData(0.025, 100000.0, 1.9599877075490986)]
    [InlineData(0.0005, 1.0, 636.6192487687198)]
    [InlineData(0.0005, 1.0001, 636.2206986298507)]
    [InlineData(0.0005, 2.0, 31.599054576443624)]
    [InlineData(0.0005, 3.7, 9.474240137124372)]
    [InlineData(0.0005, 10.2, 4.553904811155531)]
    [InlineData(0.0005, 57.3, 3.4685795764900287)]
    [InlineData(0.0005, 1000.0, 3.3002826484238286)]
    [InlineData(0.0005, 100000.0, 3.290624031421228)]
    [InlineData(3e-05, 1.0, 10610.329508043766)]
    [InlineData(3e-05, 1.0001, 10600.704477333864)]
    [InlineData(3e-05, 2.0, 129.0936353259413)]
    [InlineData(3e-05, 3.7, 20.53279732281452)]
    [InlineData(3e-05, 10.2, 6.5370922865507515)]
    [InlineData(3e-05, 57.3, 4.333087025698258)]
    [InlineData(3e-05, 1000.0, 4.030033509661146)]
    [InlineData(3e-05, 100000.0, 4.012982391887513)]
    public void Upper_TailAndDegreesOfFreedom_MatchesInverseIncompleteBeta(double tail, double df, double expected) =>
        Fixture.Close(expected, StudentTQuantile.Upper(tail, df), $"t({df}) upper {tail}");

    [Theory]
    [InlineData(2.0, 5.0)]
    [InlineData(0.3, 40.5)]
    public void Tail_AtQuantile_ReturnsTheTail(double x, double df) =>
        Fixture.Close(StudentTQuantile.Tail(x, df), StudentTQuantile.Tail(StudentTQuantile.Upper(StudentTQuantile.Tail(x, df), df), df), "round trip");
}
