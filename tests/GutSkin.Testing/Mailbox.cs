using System.Net;
using System.Text.RegularExpressions;
using MimeKit;

namespace GutSkin.Testing;

/// <summary>
/// The mails an app wrote to its pickup folder and the links in them: how the tests follow a confirmation or reset
/// link as a member would (every suite that runs the app).
/// </summary>
public static partial class Mailbox
{
    /// <summary>Every mail in <paramref name="folder"/> to <paramref name="address"/> (exactly as written there), oldest first.</summary>
    public static IReadOnlyList<MimeMessage> To(string folder, string address) =>
        [.. All(folder).Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, address, StringComparison.Ordinal)))];

    /// <summary>Every mail in <paramref name="folder"/>, oldest first (the file names begin with the time they were written).</summary>
    public static IReadOnlyList<MimeMessage> All(string folder) =>
        Directory.Exists(folder)
            ? [.. Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f))]
            : [];

    /// <summary>The path and query of the link to <paramref name="path"/> in the newest mail to <paramref name="address"/> that has one.</summary>
    public static string Link(string folder, string address, string path) =>
        To(folder, address).Reverse().SelectMany(Links).FirstOrDefault(l => l.AbsolutePath == path)?.PathAndQuery
            ?? throw new InvalidOperationException($"No mail to {address} in {folder} links to {path}.");

    /// <summary>The absolute links in a mail's text.</summary>
    public static IEnumerable<Uri> Links(MimeMessage message) =>
        LinkPattern().Matches(message.TextBody ?? "")
            .Select(m => Uri.TryCreate(WebUtility.HtmlDecode(m.Value), UriKind.Absolute, out var uri) ? uri : null)
            .OfType<Uri>();

    [GeneratedRegex(@"https?://[^\s""<>]+")]
    private static partial Regex LinkPattern();
}
