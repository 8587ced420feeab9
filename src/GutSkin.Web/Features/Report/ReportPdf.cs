using System.Globalization;
using GutSkin.Analysis;
using GutSkin.Web.Features.Experiments;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace GutSkin.Web.Features.Report;

/// <summary>Renders the clinician's report as a PDF with PDFsharp: text, tables and vector charts, A4 or Letter, no browser involved.</summary>
public static class ReportPdf
{
    private const double Margin = 50;
    private static readonly Lock FontLock = new();

    /// <summary>False when the DejaVu fonts the PDF embeds are not installed (Debian package fonts-dejavu-core).</summary>
    public static bool FontsAvailable => DejaVuFonts.Find(bold: false) is not null;

    public static byte[] Render(ReportData data, bool letter)
    {
        ArgumentNullException.ThrowIfNull(data);
        EnsureFonts();
        using var document = new PdfDocument();
        document.Info.Title = $"GutSkin report {data.From:yyyy-MM-dd} to {data.To:yyyy-MM-dd}";
        document.Info.Creator = "GutSkin";
        var writer = new Writer(document, letter ? PageSize.Letter : PageSize.A4);

        writer.Heading("GutSkin journal report for a clinician", 15);
        writer.Paragraph("Period: " + ClinicianText.Period(data), 9);
        writer.Paragraph(ClinicianText.Prepared(data) + " " + ClinicianText.Disclaimer, 9);
        TableSection(writer, "What the patient logged, and how completely", "The patient logged nothing in this period.", null, ["Item", "Group", "Days logged"],
            [.. data.Items.Select(i => (IReadOnlyList<string>)[i.Label, ClinicianText.Group(i.Group), ClinicianText.Completeness(i)])], [0.55, 0.15, 0.30]);
        writer.Heading("Symptoms over the period", 11);
        writer.Paragraph("The composite scores (0 = none, 10 = worst), then each skin and gut symptom on its own scale. Gaps are days without entries.", 8);
        writer.ScoreChart(data.Scores);
        writer.SmallMultiples(data.Symptoms);
        TableSection(writer, "Treatments and medications", "The patient logged no treatment or medication in this period.", null, ["Treatment", "Taken"],
            [.. data.Treatments.Select(t => (IReadOnlyList<string>)[t.Label, t.Text])], [0.4, 0.6]);
        TableSection(writer, "Associations in the patient's records", "No association was clear enough in this period once corrected for the number of comparisons.",
            "Effect: change in the outcome per unit of the factor (for a yes/no factor, yes-days minus no-days), with its 95% confidence interval. Strength from q: clear ≤ 0.01, fairly clear ≤ 0.05, tentative ≤ 0.10.",
            ReportData.FindingColumns, [.. data.Findings.Select(f => f.Cells)], [0.17, 0.15, 0.12, 0.30, 0.06, 0.09, 0.11]);
        Experiments(writer, data);
        TableSection(writer, "Notes the patient chose to include", null, null, ["Day", "Note"],
            [.. data.Notes.Select(n => (IReadOnlyList<string>)[JournalDates.ToText(n.Date), n.Text])], [0.16, 0.84]);
        Photos(writer, data);
        writer.Box("Methods", ReportData.Methods, 8);
        writer.Finish();

        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        writer.ReleaseImages();
        return stream.ToArray();
    }

    /// <summary>A section that is one table: its heading, then the lead and the table, or the empty text when there are no rows
    /// (without an empty text, no section at all).</summary>
    private static void TableSection(
        Writer writer, string heading, string? empty, string? lead, IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows, IReadOnlyList<double> widths)
    {
        if (rows.Count == 0 && empty is null)
        {
            return;
        }

        writer.Heading(heading, 11);
        if (rows.Count == 0)
        {
            writer.Paragraph(empty!, 9);
            return;
        }

        if (lead is not null)
        {
            writer.Paragraph(lead, 8);
        }

        writer.Table(header, rows, widths);
    }

    private static void Experiments(Writer writer, ReportData data)
    {
        writer.Heading("Experiments", 11);
        if (data.Experiments.Count == 0)
        {
            writer.Paragraph("The patient ran no experiment in this period.", 9);
        }

        foreach (var experiment in data.Experiments)
        {
            writer.Paragraph(experiment.Experiment.Name, 9, bold: true);
            writer.Paragraph(ClinicianText.ExperimentSetup(experiment), 9);
            writer.Paragraph(ClinicianText.ExperimentResult(experiment), 9);

            foreach (var caveat in ClinicianText.ExperimentCaveats(experiment))
            {
                writer.Paragraph(caveat, 9);
            }

            if (ExperimentWords.SensitivityTable(experiment.Result) is { Count: > 0 } sensitivity)
            {
                writer.Table(ExperimentWords.SensitivityColumns, sensitivity, [0.40, 0.15, 0.25, 0.20]);
            }

            foreach (var change in experiment.Result.Changes)
            {
                writer.Paragraph($"Changed {change.ChangedOn}: {change.Description}", 8);
            }
        }
    }

    private static void Photos(Writer writer, ReportData data)
    {
        if (data.Photos is not { } photos)
        {
            return;
        }

        writer.Heading("Photos the patient chose to include", 11);
        writer.Paragraph(photos.Which, 8);
        writer.Thumbnails(photos.Shown);
    }

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

    /// <summary>Lays the report out top to bottom, starting a new page when the next block does not fit.</summary>
    private sealed class Writer
    {
        private const double CellPadding = 3;
        private static readonly XColor Grid = XColor.FromArgb(0xd9, 0xd8, 0xcf);
        private static readonly XColor Label = XColor.FromArgb(0x55, 0x61, 0x5a);
        private readonly PdfDocument _document;
        private readonly List<XImage> _images = [];
        private readonly PageSize _size;
        private XGraphics? _gfx;
        private PdfPage? _page;
        private double _y;

        /// <summary>A writer on the document's first page, which it adds.</summary>
        public Writer(PdfDocument document, PageSize size)
        {
            _document = document;
            _size = size;
            NewPage();
        }

        private XGraphics Gfx => _gfx!;

        private double Width => _page!.Width.Point - (2 * Margin);

        private double Bottom => _page!.Height.Point - Margin;

        public void Heading(string text, double size)
        {
            // A heading never ends a page: it needs room for itself and a few lines after it.
            Space((size * 2) + 40);
            _y += size * 0.6;
            Paragraph(text, size, bold: true);
            _y += 1;
        }

        public void Paragraph(string text, double size, bool bold = false)
        {
            var font = Font(size, bold);
            TextLines(Wrap(text, font, Width), font, Margin);
            _y += size * 0.4;
        }

        /// <summary>
        /// A table with a bold header row; every cell wraps onto as many lines as it needs and the row grows to its
        /// tallest cell. A row that does not fit goes to the next page under the header again; only a row taller than a
        /// whole page is split between its lines.
        /// </summary>
        public void Table(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows, IReadOnlyList<double> widths)
        {
            var columns = widths.Select(w => w * Width).ToList();
            var headerFont = Font(8, bold: true);
            var font = Font(8.5, bold: false);
            var head = Cells(header, headerFont, columns);
            var lineHeight = font.Size * 1.3;
            var headLines = head.Max(c => c.Count);
            var headHeight = RowHeight(headerFont.Size * 1.3, headLines);
            Space(headHeight + RowHeight(lineHeight, 2));
            DrawRow(head, headerFont, columns, 0, headLines, rule: true);
            var pageRoom = (int)Math.Floor((Bottom - Margin - headHeight - (2 * CellPadding)) / lineHeight);
            foreach (var row in rows)
            {
                var cells = Cells(row, font, columns);
                var count = Math.Max(1, cells.Max(c => c.Count));
                var start = 0;
                while (start < count)
                {
                    var room = (int)Math.Floor((Bottom - _y - (2 * CellPadding)) / lineHeight);
                    var rest = count - start;
                    if (rest > room && (room < 1 || rest <= pageRoom))
                    {
                        NewPage();
                        DrawRow(head, headerFont, columns, 0, headLines, rule: true);
                        continue;
                    }

                    var take = Math.Min(rest, room);
                    DrawRow(cells, font, columns, start, take, rule: false);
                    start += take;
                }
            }

            _y += 6;
        }

        public void ScoreChart(IReadOnlyList<ScorePoint> points)
        {
            const double height = 110;
            Space(height + 26);
            var font = Font(7, bold: false);
            var left = Margin + 16;
            var width = Width - 16;
            for (var level = 0; level <= 10; level += 5)
            {
                var y = _y + height - (level / 10.0 * height);
                Gfx.DrawLine(new XPen(Grid, 0.5), left, y, left + width, y);
                Gfx.DrawString(level.ToString(CultureInfo.InvariantCulture), font, new XSolidBrush(Label), new XPoint(Margin, y + 3));
            }

            foreach (var group in new[] { ItemGroup.Skin, ItemGroup.Gut })
            {
                Lines(Report.ScoreChart.Scores(points, group), 0, 10, left, width, height, Colour(group), 1);
            }

            var labels = _y + height + 11;
            if (points.Count > 0)
            {
                Gfx.DrawString(JournalDates.ToText(points[0].Date), font, new XSolidBrush(Label), new XPoint(left, labels));
                var last = JournalDates.ToText(points[^1].Date);
                Gfx.DrawString(last, font, new XSolidBrush(Label), new XPoint(left + width - Gfx.MeasureString(last, font).Width, labels));
            }

            Gfx.DrawString("— skin score", font, new XSolidBrush(Colour(ItemGroup.Skin)), new XPoint(left + (width / 2) - 60, labels));
            Gfx.DrawString("— gut score", font, new XSolidBrush(Colour(ItemGroup.Gut)), new XPoint(left + (width / 2) + 20, labels));
            _y += height + 20;
        }

        /// <summary>One small chart per symptom, three to a row, each on its own scale with its name and numbers below.</summary>
        public void SmallMultiples(IReadOnlyList<SymptomTrend> symptoms)
        {
            const int columns = 3;
            const double gap = 14, chartHeight = 40;
            var cellWidth = (Width - ((columns - 1) * gap)) / columns;
            var nameFont = Font(7.5, bold: true);
            var font = Font(6.5, bold: false);
            foreach (var row in symptoms.Chunk(columns))
            {
                var captions = row.Select(s => Wrap(s.Summary, font, cellWidth)).ToList();
                var height = chartHeight + 14 + (captions.Max(c => c.Count) * 8.5) + 6;
                Space(height);
                for (var i = 0; i < row.Length; i++)
                {
                    SmallChart(row[i], captions[i], Margin + (i * (cellWidth + gap)), cellWidth, chartHeight, nameFont, font);
                }

                _y += height;
            }
        }

        /// <summary>The photos' thumbnails, four to a row, each with its day, area and caption below.</summary>
        public void Thumbnails(IReadOnlyList<ReportPhoto> photos)
        {
            const int columns = 4;
            const double gap = 10;
            var cell = (Width - ((columns - 1) * gap)) / columns;
            var font = Font(7, bold: false);
            foreach (var row in photos.Where(p => p.Thumbnail is not null).Chunk(columns))
            {
                var captions = row.Select(p => Wrap(p.Label, font, cell)).ToList();
                var height = cell + 4 + (captions.Max(c => c.Count) * 9) + 8;
                Space(height);
                for (var i = 0; i < row.Length; i++)
                {
                    var x = Margin + (i * (cell + gap));
                    // PDFsharp reads a memory stream through its buffer (publicly visible), and the image until the document is saved.
                    var jpeg = WithJfifHeader(row[i].Thumbnail!);
                    var image = XImage.FromStream(new MemoryStream(jpeg, 0, jpeg.Length, writable: false, publiclyVisible: true));
                    _images.Add(image);
                    var scale = Math.Min(cell / image.PixelWidth, cell / image.PixelHeight);
                    Gfx.DrawImage(image, x, _y, image.PixelWidth * scale, image.PixelHeight * scale);

                    var y = _y + cell + 4;
                    foreach (var line in captions[i])
                    {
                        Gfx.DrawString(line, font, XBrushes.Black, new XPoint(x, y + 7));
                        y += 9;
                    }
                }

                _y += height;
            }
        }

        /// <summary>A paragraph in a ruled box with its title: the methods.</summary>
        public void Box(string title, string text, double size)
        {
            var font = Font(size, bold: false);
            var lines = Wrap(text, font, Width - 12);
            var height = 14 + (size * 1.6) + (lines.Count * size * 1.35) + 8;
            Space(Math.Min(height + 12, Bottom - Margin));
            _y += 12;
            var top = _y;
            var page = _document.PageCount;
            _y += 6;
            Paragraph(title, size + 2, bold: true);
            TextLines(lines, font, Margin + 6);
            _y += 6;
            // The box is drawn round the text when it stayed on one page (it does unless the methods outgrow a page).
            if (_document.PageCount == page)
            {
                Gfx.DrawRectangle(new XPen(XColor.FromArgb(0x99, 0x99, 0x99), 0.6), Margin - 2, top, Width + 4, _y - top);
            }
        }

        public void Finish() => _gfx?.Dispose();

        /// <summary>
        /// PDFsharp 6.2 takes a JPEG only with a JFIF (or EXIF) segment first, and the stored photos have none (no
        /// metadata block at all): the PDF's copy gets the 16-byte JFIF segment (version 1.1, no density), nothing more.
        /// </summary>
        private static byte[] WithJfifHeader(byte[] jpeg) =>
            jpeg is [0xFF, 0xD8, 0xFF, 0xE0, ..] ? jpeg : [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, .. jpeg.AsSpan(2)];

        /// <summary>After the document is saved: the images drawn.</summary>
        public void ReleaseImages() => _images.ForEach(image => image.Dispose());

        private void SmallChart(SymptomTrend symptom, List<string> caption, double x, double width, double height, XFont nameFont, XFont font)
        {
            var left = x + 16;
            var plot = width - 16;
            foreach (var (level, y) in new[] { (symptom.Max, _y), (symptom.Min, _y + height) })
            {
                Gfx.DrawLine(new XPen(Grid, 0.5), left, y, left + plot, y);
                Gfx.DrawString(level.ToString("0.##", CultureInfo.InvariantCulture), font, new XSolidBrush(Label), new XPoint(x, y + 2.5));
            }

            Lines(symptom.Values, symptom.Min, symptom.Max, left, plot, height, Colour(symptom.Group), 0.8);
            var y0 = _y + height + 11;
            Gfx.DrawString(Wrap(symptom.Label, nameFont, width).FirstOrDefault() ?? "", nameFont, XBrushes.Black, new XPoint(x, y0));
            foreach (var line in caption)
            {
                y0 += 8.5;
                Gfx.DrawString(line, font, new XSolidBrush(Label), new XPoint(x, y0));
            }
        }

        /// <summary>Text lines from <paramref name="x"/>, each on the page that has room for it.</summary>
        private void TextLines(List<string> lines, XFont font, double x)
        {
            foreach (var line in lines)
            {
                Space(font.Size * 1.35);
                Gfx.DrawString(line, font, XBrushes.Black, new XPoint(x, _y + font.Size));
                _y += font.Size * 1.35;
            }
        }

        private void Lines(IReadOnlyList<double?> values, double min, double max, double left, double width, double height, XColor colour, double stroke)
        {
            var pen = new XPen(colour, stroke);
            foreach (var segment in Report.ScoreChart.Segments(values, min, max, width, height))
            {
                if (segment.Count == 1)
                {
                    Gfx.DrawEllipse(new XSolidBrush(colour), left + segment[0].X - 1.2, _y + segment[0].Y - 1.2, 2.4, 2.4);
                    continue;
                }

                Gfx.DrawLines(pen, [.. segment.Select(p => new XPoint(left + p.X, _y + p.Y))]);
            }
        }

        private List<List<string>> Cells(IReadOnlyList<string> cells, XFont font, List<double> columns) =>
            [.. cells.Select((c, i) => Wrap(c, font, columns[i] - (2 * CellPadding)))];

        private static double RowHeight(double lineHeight, int lines) => (Math.Max(1, lines) * lineHeight) + (2 * CellPadding);

        /// <summary>Lines <paramref name="start"/> to <paramref name="start"/> + <paramref name="take"/> of each cell, cell by cell
        /// (so a cell's text stays together in the PDF's text), then the rule under the row.</summary>
        private void DrawRow(List<List<string>> cells, XFont font, List<double> columns, int start, int take, bool rule)
        {
            var lineHeight = font.Size * 1.3;
            var x = Margin;
            for (var i = 0; i < cells.Count; i++)
            {
                for (var k = 0; k < take && start + k < cells[i].Count; k++)
                {
                    Gfx.DrawString(cells[i][start + k], font, XBrushes.Black, new XPoint(x + CellPadding, _y + CellPadding + (k * lineHeight) + font.Size));
                }

                x += columns[i];
            }

            _y += (Math.Max(1, take) * lineHeight) + (2 * CellPadding);
            Gfx.DrawLine(new XPen(rule ? XColor.FromArgb(0x66, 0x66, 0x66) : Grid, rule ? 0.7 : 0.4), Margin, _y, Margin + Width, _y);
        }

        private static XFont Font(double size, bool bold) => new(DejaVuFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);

        private static XColor Colour(ItemGroup group) => group == ItemGroup.Skin ? XColor.FromArgb(0xa3, 0x44, 0x5b) : XColor.FromArgb(0x7a, 0x5c, 0x19);

        private void Space(double needed)
        {
            if (_y + needed > Bottom)
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
            _gfx.DrawString($"GutSkin · page {_document.PageCount} · self-recorded by the patient, not a diagnosis", footer, new XSolidBrush(Label), new XPoint(Margin, _page.Height.Point - (Margin / 2)));
        }

        /// <summary>The lines of <paramref name="text"/> at most <paramref name="width"/> wide, every word kept: line breaks in the text
        /// start new lines, and a word wider than the line is cut into pieces that fit.</summary>
        private List<string> Wrap(string text, XFont font, double width)
        {
            var lines = new List<string>();
            foreach (var paragraph in text.ReplaceLineEndings("\n").Split('\n'))
            {
                var line = "";
                foreach (var word in paragraph.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).SelectMany(w => Pieces(w, font, width)))
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
            }

            return lines;
        }

        /// <summary>A word as it is, or cut into pieces no wider than <paramref name="width"/> when it is wider.</summary>
        private IEnumerable<string> Pieces(string word, XFont font, double width)
        {
            var rest = word;
            while (rest.Length > 1 && Gfx.MeasureString(rest, font).Width > width)
            {
                var take = rest.Length - 1;
                while (take > 1 && Gfx.MeasureString(rest[..take], font).Width > width)
                {
                    take--;
                }

                yield return rest[..take];
                rest = rest[take..];
            }

            yield return rest;
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
