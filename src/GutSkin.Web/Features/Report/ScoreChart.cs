using System.Globalization;
using System.Text;

namespace GutSkin.Web.Features.Report;

/// <summary>The skin and gut scores over the period as geometry: one source for the page's SVG and the PDF's drawing.</summary>
public static class ScoreChart
{
    /// <summary>Polylines in a width × height box, 0–10 upwards; a gap in the data starts a new segment.</summary>
    public static List<List<(double X, double Y)>> Segments(IReadOnlyList<ScorePoint> points, Func<ScorePoint, double?> value, double width, double height)
    {
        var segments = new List<List<(double X, double Y)>>();
        List<(double X, double Y)>? current = null;
        var step = points.Count > 1 ? width / (points.Count - 1) : 0;
        for (var i = 0; i < points.Count; i++)
        {
            if (value(points[i]) is not { } v)
            {
                current = null;
                continue;
            }

            if (current is null)
            {
                current = [];
                segments.Add(current);
            }

            current.Add((i * step, height - (Math.Clamp(v, 0, 10) / 10 * height)));
        }

        return segments;
    }

    /// <summary>An inline SVG (no script, no external resource) with axes, the two lines and a legend.</summary>
    public static string Svg(IReadOnlyList<ScorePoint> points, string skinColour = "#b4536a", string gutColour = "#8a6a1f")
    {
        const double width = 640, height = 200, left = 28, top = 8;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"score-chart\" viewBox=\"0 0 {width + left + 8} {height + top + 28}\" role=\"img\" aria-labelledby=\"score-chart-title\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append("<title id=\"score-chart-title\">Skin and gut scores by day; the table gives the same values.</title>");
        for (var level = 0; level <= 10; level += 5)
        {
            var y = top + height - (level / 10.0 * height);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{y}\" x2=\"{left + width}\" y2=\"{y}\" stroke=\"#d9d8cf\" stroke-width=\"1\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{y + 4}\" font-size=\"11\" text-anchor=\"end\" fill=\"#55615a\">{level}</text>");
        }

        foreach (var (value, colour) in new (Func<ScorePoint, double?>, string)[] { (p => p.Skin, skinColour), (p => p.Gut, gutColour) })
        {
            foreach (var segment in Segments(points, value, width, height))
            {
                var coordinates = string.Join(' ', segment.Select(p => string.Create(CultureInfo.InvariantCulture, $"{left + p.X:0.#},{top + p.Y:0.#}")));
                svg.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{coordinates}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\"/>");
                if (segment.Count == 1)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{left + segment[0].X:0.#}\" cy=\"{top + segment[0].Y:0.#}\" r=\"2\" fill=\"{colour}\"/>");
                }
            }
        }

        var baseY = top + height + 20;
        if (points.Count > 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"{baseY}\" font-size=\"11\" fill=\"#55615a\">{points[0].Date:yyyy-MM-dd}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + width}\" y=\"{baseY}\" font-size=\"11\" text-anchor=\"end\" fill=\"#55615a\">{points[^1].Date:yyyy-MM-dd}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + (width / 2) - 60}\" y=\"{baseY}\" font-size=\"11\" fill=\"{skinColour}\">― skin score</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + (width / 2) + 30}\" y=\"{baseY}\" font-size=\"11\" fill=\"{gutColour}\">― gut score</text>");
        svg.Append("</svg>");
        return svg.ToString();
    }
}
