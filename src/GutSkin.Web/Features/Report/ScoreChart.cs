using System.Globalization;
using System.Net;
using System.Text;

namespace GutSkin.Web.Features.Report;

/// <summary>The report's charts as geometry: one source for the page's SVG and the PDF's drawing.</summary>
public static class ScoreChart
{
    public const string SkinColour = "#a3445b";
    public const string GutColour = "#7a5c19";
    public const string GridColour = "#d9d8cf";
    public const string LabelColour = "#55615a";

    /// <summary>Polylines in a width × height box, <paramref name="min"/> at the bottom and <paramref name="max"/> at the top; a gap in the data starts a new segment.</summary>
    public static List<List<(double X, double Y)>> Segments(IReadOnlyList<double?> values, double min, double max, double width, double height)
    {
        var segments = new List<List<(double X, double Y)>>();
        List<(double X, double Y)>? current = null;
        var step = values.Count > 1 ? width / (values.Count - 1) : 0;
        var span = max > min ? max - min : 1;
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is not { } v)
            {
                current = null;
                continue;
            }

            if (current is null)
            {
                current = [];
                segments.Add(current);
            }

            current.Add((i * step, height - ((Math.Clamp(v, min, max) - min) / span * height)));
        }

        return segments;
    }

    /// <summary>The skin (or gut) score of each day, 0–10.</summary>
    public static List<double?> Scores(IReadOnlyList<ScorePoint> points, ItemGroup group) =>
        [.. points.Select(p => group == ItemGroup.Skin ? p.Skin : p.Gut)];

    public static string Colour(ItemGroup group) => group == ItemGroup.Skin ? SkinColour : GutColour;

    /// <summary>An inline SVG (no script, no external resource) with axes, the two lines and a legend.</summary>
    public static string Svg(IReadOnlyList<ScorePoint> points)
    {
        const double width = 640, height = 200, left = 28, top = 8;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"score-chart\" viewBox=\"0 0 {width + left + 8} {height + top + 28}\" role=\"img\" aria-labelledby=\"score-chart-title\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append("<title id=\"score-chart-title\">Skin and gut scores by day; the table gives the same values.</title>");
        for (var level = 0; level <= 10; level += 5)
        {
            var y = top + height - (level / 10.0 * height);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{y}\" x2=\"{left + width}\" y2=\"{y}\" stroke=\"{GridColour}\" stroke-width=\"1\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{y + 4}\" font-size=\"11\" text-anchor=\"end\" fill=\"{LabelColour}\">{level}</text>");
        }

        foreach (var group in new[] { ItemGroup.Skin, ItemGroup.Gut })
        {
            Lines(svg, Scores(points, group), 0, 10, width, height, left, top, Colour(group), 1.5);
        }

        var baseY = top + height + 20;
        if (points.Count > 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"{baseY}\" font-size=\"11\" fill=\"{LabelColour}\">{points[0].Date:yyyy-MM-dd}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + width}\" y=\"{baseY}\" font-size=\"11\" text-anchor=\"end\" fill=\"{LabelColour}\">{points[^1].Date:yyyy-MM-dd}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + (width / 2) - 60}\" y=\"{baseY}\" font-size=\"11\" fill=\"{SkinColour}\">― skin score</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + (width / 2) + 30}\" y=\"{baseY}\" font-size=\"11\" fill=\"{GutColour}\">― gut score</text>");
        return svg.Append("</svg>").ToString();
    }

    /// <summary>One symptom's small chart: its own scale (min and max marked), its line, no legend (the caption names it).</summary>
    public static string SmallSvg(SymptomTrend trend)
    {
        ArgumentNullException.ThrowIfNull(trend);
        const double width = 200, height = 56, left = 22, top = 6;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"small-chart\" viewBox=\"0 0 {width + left + 4} {height + top + 6}\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(trend.Label)} by day, {trend.Min:0.##} to {trend.Max:0.##}\" xmlns=\"http://www.w3.org/2000/svg\">");
        foreach (var (level, y) in new[] { (trend.Max, top), (trend.Min, top + height) })
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{y}\" x2=\"{left + width}\" y2=\"{y}\" stroke=\"{GridColour}\" stroke-width=\"1\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 4}\" y=\"{y + 4}\" font-size=\"10\" text-anchor=\"end\" fill=\"{LabelColour}\">{level:0.##}</text>");
        }

        Lines(svg, trend.Values, trend.Min, trend.Max, width, height, left, top, Colour(trend.Group), 1.2);
        return svg.Append("</svg>").ToString();
    }

    private static void Lines(StringBuilder svg, IReadOnlyList<double?> values, double min, double max, double width, double height, double left, double top, string colour, double stroke)
    {
        foreach (var segment in Segments(values, min, max, width, height))
        {
            var coordinates = string.Join(' ', segment.Select(p => string.Create(CultureInfo.InvariantCulture, $"{left + p.X:0.#},{top + p.Y:0.#}")));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{coordinates}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{stroke}\"/>");
            if (segment.Count == 1)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{left + segment[0].X:0.#}\" cy=\"{top + segment[0].Y:0.#}\" r=\"2\" fill=\"{colour}\"/>");
            }
        }
    }
}
