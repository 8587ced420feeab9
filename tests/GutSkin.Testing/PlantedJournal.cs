using System.Globalization;
using System.Text;

namespace GutSkin.Testing;

/// <summary>
/// A synthetic journal CSV with two planted links: breakouts rise 0.9 points per serving of sugary
/// foods <c>sugarLag</c> days earlier (two by default), and redness rises 0.6 points per point of same-day bloating.
/// Everything else is noise, and a probiotic is taken at random. Deterministic for a seed.
/// </summary>
public static class PlantedJournal
{
    public static string Csv(DateOnly start, int days, int seed = 7, int sugarLag = 2)
    {
        var random = new Random(seed);
        var sugar = new int[days];
        var csv = new StringBuilder("date,item,value\n");
        for (var d = 0; d < days; d++)
        {
            sugar[d] = random.Next(0, 5);
            var bloating = Clamp(3 + Gauss(random, 1.5));
            var breakouts = Clamp(2 + (0.9 * (d >= sugarLag ? sugar[d - sugarLag] : 2)) + Gauss(random, 1));
            var redness = Clamp(1 + (0.6 * bloating) + Gauss(random, 1));
            var date = start.AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            csv.Append(CultureInfo.InvariantCulture, $"{date},sugary_foods,{sugar[d]}\n");
            csv.Append(CultureInfo.InvariantCulture, $"{date},breakouts,{breakouts}\n");
            csv.Append(CultureInfo.InvariantCulture, $"{date},bloating,{bloating}\n");
            csv.Append(CultureInfo.InvariantCulture, $"{date},redness,{redness}\n");
            csv.Append(CultureInfo.InvariantCulture, $"{date},probiotic_supplement,{(random.NextDouble() < 0.5 ? 1 : 0)}\n");
        }

        return csv.ToString();
    }

    private static int Clamp(double value) => (int)Math.Clamp(Math.Round(value), 0, 10);

    private static double Gauss(Random random, double sd) =>
        sd * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
