using System.Globalization;
using GutSkin.Analysis;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace GutSkin.Web.Features.Report;

/// <summary>Renders the doctor report as a PDF with PDFsharp: text and a vector chart, A4 or Letter, no browser involved.</summary>
public static class ReportPdf
{
    private const double Margin = 50;
    private static readonly Lock FontLock = new();

    /// <summary>False when the DejaVu fonts the PDF embeds are not installed (Debian package fonts-dejavu-core).</summary>
    public static bool FontsAvailable => DejaVuFonts.Find(bold: false) is not null;

    public static byte[] Render(ReportData data, bool letter)
    {
        EnsureFonts();
        using var document = new PdfDocument();
        document.Info.Title = $"GutSkin report {data.From:yyyy-MM-dd} to {data.To:yyyy-MM-dd}";
        document.Info.Creator = "GutSkin";
        var writer = new Writer(document, letter ? PageSize.Letter : PageSize.A4);

        writer.Heading($"GutSkin report{(string.IsNullOrWhiteSpace(data.Name) ? "" : $" for {data.Name}")}", 16);
        writer.Paragraph($"Period {data.From:d MMMM yyyy} to {data.To:d MMMM yyyy} ({data.Scores.Count} days, {data.DaysWithAnyEntry} with entries). Prepared {data.CreatedAt:d MMMM yyyy}. " +
            "Self-recorded data; this report informs and measures, it does not diagnose.", 9);

        writer.Heading("Tracked items and completeness", 12);
        if (data.Items.Count == 0)
        {
            writer.Paragraph("Nothing was logged in this period.", 10);
        }

        foreach (var item in data.Items)
        {
            writer.Row([item.Label, item.Group.ToString().ToLowerInvariant(), $"{item.DaysLogged} of {item.DaysInPeriod} days ({item.Share:P0})"], [0.55, 0.15, 0.30]);
        }

        writer.Heading("Skin and gut scores over time (0 = none, 10 = worst)", 12);
        writer.Chart(data.Scores);

        writer.Heading("Headline findings", 12);
        if (data.Findings.Count == 0)
        {
            writer.Paragraph("No association was clear enough in this period once corrected for the number of comparisons.", 10);
        }

        foreach (var finding in data.Findings.Take(12))
        {
            writer.Paragraph("• " + finding.Text, 10);
        }

        writer.Heading("Experiments", 12);
        if (data.Experiments.Count == 0)
        {
            writer.Paragraph("No experiment ran in this period.", 10);
        }

        foreach (var (experiment, result, outcome, intervention) in data.Experiments)
        {
            writer.Paragraph($"{experiment.Name}: {intervention} and {outcome}, {experiment.Start} to {experiment.End} ({(experiment.Design == "ab" ? "baseline then intervention" : $"alternating blocks of {experiment.BlockDays} days")}, {experiment.OnsetDays} onset days left out).", 10, bold: true);
            writer.Paragraph($"Verdict: {VerdictText(result.Verdict)}. Effect {Number(result.Effect)} points (95% CI {Number(result.CiLow)} to {Number(result.CiHigh)}), p {Number(result.PValue)}, " +
                $"{result.N} days used ({result.EffectiveDays:0.#} effective), {result.ExcludedDays} left out, adherence {(result.Adherence is { } a ? a.ToString("P0", CultureInfo.InvariantCulture) : "–")}.", 10);
            writer.Paragraph(result.Reading, 9);
            foreach (var change in result.Changes)
            {
                writer.Paragraph($"Changed {change.ChangedOn}: {change.Description}", 9);
            }
        }

        writer.Heading("Methods", 12);
        writer.Paragraph(ReportData.Methods, 9);
        writer.Finish();

        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    public static string VerdictText(ExperimentVerdict verdict) => verdict switch
    {
        ExperimentVerdict.Helped => "helped",
        ExperimentVerdict.Worse => "worse",
        ExperimentVerdict.NoMeaningfulChange => "no meaningful change",
        ExperimentVerdict.NotYetClear => "not yet clear",
        ExperimentVerdict.NotEnoughData => "not enough data yet",
    };

    private static string Number(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "–";

    private static void EnsureFonts()
    {
        lock (FontLock)
        {
            if (GlobalFontSettings.FontResolver is not DejaVuFonts)
            {
                GlobalFontSettings.FontResolver = new DejaVuFonts();
            }
        }
    }

    /// <summary>Lays text out top to bottom, starting a new page when the next block does not fit.</summary>
    private sealed class Writer
    {
        private readonly PdfDocument _document;
        private readonly PageSize _size;
        private XGraphics? _gfx;
        private PdfPage? _page;
        private double _y;

        public Writer(PdfDocument document, PageSize size)
        {
            _document = document;
            _size = size;
            NewPage();
        }

        private XGraphics Gfx => _gfx!;

        private double Width => _page!.Width.Point - (2 * Margin);

        public void Heading(string text, double size)
        {
            Space(size * 3);
            _y += size * 0.6;
            Paragraph(text, size, bold: true);
            _y += 2;
        }

        public void Paragraph(string text, double size, bool bold = false)
        {
            var font = new XFont(DejaVuFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
            foreach (var line in Wrap(text, font, Width))
            {
                Space(size * 1.4);
                Gfx.DrawString(line, font, XBrushes.Black, new XPoint(Margin, _y + size));
                _y += size * 1.4;
            }

            _y += size * 0.4;
        }

        public void Row(string[] cells, double[] widths)
        {
            var font = new XFont(DejaVuFonts.Family, 10, XFontStyleEx.Regular);
            Space(14);
            var x = Margin;
            for (var i = 0; i < cells.Length; i++)
            {
                var cell = Wrap(cells[i], font, (widths[i] * Width) - 6).FirstOrDefault() ?? "";
                Gfx.DrawString(cell, font, XBrushes.Black, new XPoint(x, _y + 10));
                x += widths[i] * Width;
            }

            _y += 14;
        }

        public void Chart(IReadOnlyList<ScorePoint> points)
        {
            const double height = 150;
            Space(height + 30);
            var font = new XFont(DejaVuFonts.Family, 8, XFontStyleEx.Regular);
            var left = Margin + 18;
            var width = Width - 18;
            var grid = new XPen(XColor.FromArgb(0xd9, 0xd8, 0xcf), 0.5);
            for (var level = 0; level <= 10; level += 5)
            {
                var y = _y + height - (level / 10.0 * height);
                Gfx.DrawLine(grid, left, y, left + width, y);
                Gfx.DrawString(level.ToString(CultureInfo.InvariantCulture), font, XBrushes.Gray, new XPoint(Margin, y + 3));
            }

            foreach (var (value, colour) in new (Func<ScorePoint, double?>, XColor)[] { (p => p.Skin, XColor.FromArgb(0xb4, 0x53, 0x6a)), (p => p.Gut, XColor.FromArgb(0x8a, 0x6a, 0x1f)) })
            {
                var pen = new XPen(colour, 1);
                foreach (var segment in ScoreChart.Segments(points, value, width, height))
                {
                    if (segment.Count == 1)
                    {
                        Gfx.DrawEllipse(new XSolidBrush(colour), left + segment[0].X - 1.5, _y + segment[0].Y - 1.5, 3, 3);
                        continue;
                    }

                    Gfx.DrawLines(pen, [.. segment.Select(p => new XPoint(left + p.X, _y + p.Y))]);
                }
            }

            var labels = _y + height + 12;
            if (points.Count > 0)
            {
                Gfx.DrawString(points[0].Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), font, XBrushes.Gray, new XPoint(left, labels));
                var last = points[^1].Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                Gfx.DrawString(last, font, XBrushes.Gray, new XPoint(left + width - Gfx.MeasureString(last, font).Width, labels));
            }

            Gfx.DrawString("— skin score", font, new XSolidBrush(XColor.FromArgb(0xb4, 0x53, 0x6a)), new XPoint(left + (width / 2) - 60, labels));
            Gfx.DrawString("— gut score", font, new XSolidBrush(XColor.FromArgb(0x8a, 0x6a, 0x1f)), new XPoint(left + (width / 2) + 20, labels));
            _y += height + 24;
        }

        public void Finish() => _gfx?.Dispose();

        private void Space(double needed)
        {
            if (_y + needed > _page!.Height.Point - Margin)
            {
                NewPage();
            }
        }

        private void NewPage()
        {
            _gfx?.Dispose();
            _page = _document.AddPage();
            _page.Size = _size;
            _gfx = XGraphics.FromPdfPage(_page);
            _y = Margin;
            var footer = new XFont(DejaVuFonts.Family, 7, XFontStyleEx.Regular);
            _gfx.DrawString($"GutSkin · page {_document.PageCount} · self-recorded data, not a diagnosis", footer, XBrushes.Gray, new XPoint(Margin, _page.Height.Point - (Margin / 2)));
        }

        private List<string> Wrap(string text, XFont font, double width)
        {
            var lines = new List<string>();
            var line = "";
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : $"{line} {word}";
                if (line.Length > 0 && Gfx.MeasureString(candidate, font).Width > width)
                {
                    lines.Add(line);
                    line = word;
                }
                else
                {
                    line = candidate;
                }
            }

            if (line.Length > 0)
            {
                lines.Add(line);
            }

            return lines;
        }
    }
}

/// <summary>PDFsharp on Linux needs fonts given to it: the DejaVu family Debian installs with fonts-dejavu-core.</summary>
internal sealed class DejaVuFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private static readonly string[] Folders = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts"];

    public static string? Find(bool bold) =>
        Folders.Select(f => Path.Combine(f, bold ? "DejaVuSans-Bold.ttf" : "DejaVuSans.ttf")).FirstOrDefault(File.Exists);

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[]? GetFont(string faceName) =>
        Find(faceName.EndsWith("Bold", StringComparison.Ordinal)) is { } path ? File.ReadAllBytes(path) : null;
}
