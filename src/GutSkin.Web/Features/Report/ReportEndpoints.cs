using GutSkin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace GutSkin.Web.Features.Report;

public static class ReportEndpoints
{
    /// <summary>
    /// <c>GET /report.pdf?from=&amp;to=&amp;paper=a4|letter&amp;note=YYYY-MM-DD…</c>: the clinician's report as a PDF made by
    /// the app itself; each <c>note</c> value is a day of the period whose note the member chose to include, and
    /// <c>photos=true</c> adds thumbnails of the period's photos (<see cref="ReportPhotos"/>; none are read without it).
    /// </summary>
    public static IEndpointRouteBuilder MapReportPdf(this IEndpointRouteBuilder app)
    {
        app.MapGet("/report.pdf", async (string? from, string? to, string? paper, [FromQuery] string[]? note, bool? photos, Member member, ReportService reports, ReportPhotos reportPhotos, MemberClock clock, CancellationToken ct) =>
        {
            var (start, end, errors) = ReportService.Period(from, to, clock.Today(member.TimeZone));
            if (errors.Count > 0)
            {
                return Problems.Fields(errors);
            }

            if (paper is not (null or "" or "a4" or "letter"))
            {
                return Problems.Field("paper", "The paper is a4 or letter.");
            }

            var (notes, noteProblem) = ReportService.NoteDates(note ?? [], start, end);
            if (noteProblem is not null)
            {
                return Problems.Field("note", noteProblem);
            }

            if (!ReportPdf.FontsAvailable)
            {
                return Results.Problem("The PDF needs the DejaVu fonts (Debian package fonts-dejavu-core) on the server; the printable page works meanwhile.", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            var data = await reports.BuildAsync(member, start, end, notes, clock.UtcNow, ct) with
            {
                Photos = photos == true ? await reportPhotos.ChooseAsync(member.Id, start, end, withThumbnails: true, ct) : null,
            };
            return Results.File(ReportPdf.Render(data, letter: paper == "letter"), "application/pdf", $"gutskin-report-{start:yyyy-MM-dd}-{end:yyyy-MM-dd}.pdf");
        }).RequireMember().WithTags("Report").WithSummary("The clinician's report as a PDF (A4 or Letter), with the notes of the days given as note=YYYY-MM-DD, and with photos=true thumbnails of the period's photos.").DocumentsJournalDays("from", "to");
        return app;
    }
}
