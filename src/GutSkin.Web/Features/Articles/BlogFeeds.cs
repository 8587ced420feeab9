using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using GutSkin.Web.Data;
using GutSkin.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GutSkin.Web.Features.Articles;

/// <summary>The Atom feed, the sitemap, robots.txt and the cover images: what readers' tools and crawlers fetch.</summary>
public static partial class BlogFeeds
{
    public const int FeedSize = 20;

    private static readonly string[] SitePaths = ["/", "/blog"];

    public static IEndpointRouteBuilder MapBlogFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGet("/blog/feed.xml", Feed).ExcludeFromDescription();
        app.MapGet("/sitemap.xml", Sitemap).ExcludeFromDescription();
        app.MapGet("/robots.txt", Robots).ExcludeFromDescription();
        app.MapGet("/media/{name}", Media).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> Feed(GutSkinDb db, TimeProvider time, SiteLinks site, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var (articles, _) = await ArticleQueries.PageAsync(db, now, 1, null, ct, FeedSize);
        var updated = articles.Count == 0 ? now : articles.Max(a => Max(a.UpdatedAt, a.PublishAt!.Value));
        var xml = Write(w =>
        {
            const string atom = "http://www.w3.org/2005/Atom";
            w.WriteStartElement("feed", atom);
            w.WriteElementString("id", atom, site.Absolute("/blog"));
            w.WriteElementString("title", atom, "GutSkin articles");
            w.WriteElementString("subtitle", atom, "Articles on the gut–skin axis and on tracking it yourself.");
            w.WriteElementString("updated", atom, Stamp(updated));
            Link(w, atom, site.Absolute("/blog/feed.xml"), "self", "application/atom+xml");
            Link(w, atom, site.Absolute("/blog"), "alternate", "text/html");
            w.WriteStartElement("author", atom);
            w.WriteElementString("name", atom, "GutSkin");
            w.WriteEndElement();
            foreach (var article in articles)
            {
                var url = site.Absolute($"/blog/{article.Slug}");
                w.WriteStartElement("entry", atom);
                w.WriteElementString("id", atom, url);
                w.WriteElementString("title", atom, Xml(article.Title));
                Link(w, atom, url, "alternate", "text/html");
                w.WriteElementString("published", atom, Stamp(article.PublishAt!.Value));
                w.WriteElementString("updated", atom, Stamp(Max(article.UpdatedAt, article.PublishAt.Value)));
                foreach (var tag in article.Tags)
                {
                    w.WriteStartElement("category", atom);
                    w.WriteAttributeString("term", Xml(tag));
                    w.WriteEndElement();
                }

                w.WriteElementString("summary", atom, Xml(article.Excerpt));
                w.WriteStartElement("content", atom);
                w.WriteAttributeString("type", "html");
                w.WriteString(Xml(article.Html));
                w.WriteEndElement();
                w.WriteEndElement();
            }

            w.WriteEndElement();
        });
        return Results.Text(xml, "application/atom+xml; charset=utf-8");
    }

    private static async Task<IResult> Sitemap(GutSkinDb db, TimeProvider time, SiteLinks site, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var articles = await db.Articles.AsNoTracking().Public(now).OrderByDescending(a => a.PublishAt)
            .Select(a => new { a.Slug, a.UpdatedAt, a.PublishAt }).ToListAsync(ct);
        var xml = Write(w =>
        {
            const string ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
            w.WriteStartElement("urlset", ns);
            foreach (var path in SitePaths)
            {
                w.WriteStartElement("url", ns);
                w.WriteElementString("loc", ns, site.Absolute(path));
                w.WriteEndElement();
            }

            foreach (var article in articles)
            {
                w.WriteStartElement("url", ns);
                w.WriteElementString("loc", ns, site.Absolute($"/blog/{article.Slug}"));
                w.WriteElementString("lastmod", ns, Stamp(Max(article.UpdatedAt, article.PublishAt!.Value)));
                w.WriteEndElement();
            }

            w.WriteEndElement();
        });
        return Results.Text(xml, "application/xml; charset=utf-8");
    }

    private static IResult Robots(SiteLinks site) =>
        Results.Text(
            $"User-agent: *\nDisallow: /admin/\nDisallow: /moderation\nDisallow: /account/\nDisallow: /api/\nDisallow: /today\nDisallow: /history\nDisallow: /insights\n\nSitemap: {site.Absolute("/sitemap.xml")}\n",
            "text/plain; charset=utf-8");

    private static IResult Media(string name, CoverImages images)
    {
        if (!MediaName().IsMatch(name) || CoverImages.ContentType(name) is not { } type)
        {
            return Results.NotFound();
        }

        var path = Path.Combine(images.Folder, name);
        return File.Exists(path) ? Results.File(path, type, enableRangeProcessing: false) : Results.NotFound();
    }

    private static void Link(XmlWriter w, string ns, string href, string rel, string type)
    {
        w.WriteStartElement("link", ns);
        w.WriteAttributeString("rel", rel);
        w.WriteAttributeString("type", type);
        w.WriteAttributeString("href", href);
        w.WriteEndElement();
    }

    private static string Write(Action<XmlWriter> write)
    {
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(new Utf8StringWriter(text), new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            writer.WriteStartDocument();
            write(writer);
            writer.WriteEndDocument();
        }

        return text.ToString();
    }

    private static string Stamp(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Drops characters XML cannot carry (control characters, lone surrogates), so the feed stays well-formed.</summary>
    private static string Xml(string text)
    {
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                clean.Append(text[i]);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                clean.Append(text, i, 2);
                i++;
            }
        }

        return clean.Length == text.Length ? text : clean.ToString();
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    [GeneratedRegex("^[0-9a-f]{32}\\.(png|jpg|webp)$")]
    private static partial Regex MediaName();

    private sealed class Utf8StringWriter(StringBuilder text) : StringWriter(text, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => Encoding.UTF8;
    }
}
