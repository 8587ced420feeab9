namespace GutSkin.Analysis;

/// <summary>Multiple-testing control over all tests of one analysis.</summary>
public static class FalseDiscovery
{
    /// <summary>
    /// Benjamini–Hochberg q-values, identical to statsmodels <c>multipletests(p, method="fdr_bh")[1]</c>:
    /// q₍ᵢ₎ = minⱼ≥ᵢ p₍ⱼ₎ / (j/m) over the ascending p-values, capped at 1, returned in input order.
    /// </summary>
    /// <param name="pValues">p-values in [0, 1], in any order. Tied p-values get equal q-values.</param>
    /// <returns>One q-value per p-value, in input order; empty for empty input.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pValues"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A p-value is NaN or outside [0, 1].</exception>
    public static double[] BenjaminiHochberg(IReadOnlyList<double> pValues)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        var m = pValues.Count;
        var order = new int[m];
        var sorted = new double[m];
        for (var i = 0; i < m; i++)
        {
            var p = pValues[i];
            if (double.IsNaN(p) || p < 0 || p > 1)
            {
                throw new ArgumentOutOfRangeException(nameof(pValues), p, $"p-value at index {i} is not in [0, 1].");
            }

            order[i] = i;
            sorted[i] = p;
        }

        Array.Sort(sorted, order);
        var q = new double[m];
        var running = double.PositiveInfinity;
        for (var k = m - 1; k >= 0; k--)
        {
            // Divide by the ECDF factor (k+1)/m exactly as statsmodels does, to agree to the last bit.
            var candidate = sorted[k] / ((k + 1) / (double)m);
            running = Math.Min(running, candidate);
            q[order[k]] = Math.Min(running, 1.0);
        }

        return q;
    }
}
