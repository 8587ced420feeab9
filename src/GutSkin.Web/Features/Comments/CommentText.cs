using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;

namespace GutSkin.Web.Features.Comments;

/// <summary>
/// A comment is plain text. On the page: every character HTML-encoded, blank lines make paragraphs,
/// single line breaks stay, and http(s) URLs become links with rel="nofollow ugc noopener". Rendered on
/// the server only; no script ever sees the text.
/// </summary>
public static partial class CommentText
{
    public static IHtmlContent ToHtml(string text) => new HtmlString(Render(text));

    public static string Render(string text)
    {
        var html = new StringBuilder(text.Length + 32);
        var paragraphs = ParagraphBreak().Split(text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim('\n'));
        foreach (var paragraph in paragraphs.Where(p => p.Trim().Length > 0))
        {
            html.Append("<p>");
            foreach (var (i, line) in paragraph.Split('\n').Index())
            {
                html.Append(i > 0 ? "<br>" : "");
                AppendLine(html, line);
            }

            html.Append("</p>");
        }

        return html.ToString();
    }

    /// <summary>How many links a comment carries: what the link-count hold counts.</summary>
    public static int CountLinks(string text) => Url().Count(text) + BareDomainLink().Count(text);

    private static void AppendLine(StringBuilder html, string line)
    {
        var last = 0;
        foreach (Match match in Url().Matches(line))
        {
            var url = match.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')', '\'', '"');
            html.Append(HtmlEncoder.Default.Encode(line[last..match.Index]));
            var encoded = HtmlEncoder.Default.Encode(url);
            html.Append("<a href=\"").Append(encoded).Append("\" rel=\"nofollow ugc noopener\">").Append(encoded).Append("</a>");
            last = match.Index + url.Length;
        }

        html.Append(HtmlEncoder.Default.Encode(line[last..]));
    }

    [GeneratedRegex(@"\n[ \t]*\n\s*")]
    private static partial Regex ParagraphBreak();

    // Only http and https: nothing else a reader types becomes a link.
    [GeneratedRegex(@"\bhttps?://[^\s<>""]+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    // "www.example.com" counts as a link for the hold, though it is not linked.
    [GeneratedRegex(@"(?<!://)\bwww\.[a-z0-9-]+\.[a-z]{2,}", RegexOptions.IgnoreCase)]
    private static partial Regex BareDomainLink();
}
