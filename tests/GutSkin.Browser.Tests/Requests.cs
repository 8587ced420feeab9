using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace GutSkin.Browser.Tests;

/// <summary>Every request a browser context makes, to check that nothing goes to another host.</summary>
public static class Requests
{
    public static ConcurrentQueue<string> Record(IBrowserContext context)
    {
        var urls = new ConcurrentQueue<string>();
        context.Request += (_, request) => urls.Enqueue(request.Url);
        return urls;
    }

    public static void AssertAllTo(string origin, IEnumerable<string> urls)
    {
        var all = urls.ToList();
        Assert.NotEmpty(all);
        // data: and blob: URLs never leave the browser.
        var elsewhere = all.Where(u => !u.StartsWith("data:", StringComparison.Ordinal) && !u.StartsWith("blob:", StringComparison.Ordinal))
            .Where(u => !string.Equals(new Uri(u).GetLeftPart(UriPartial.Authority), origin, StringComparison.OrdinalIgnoreCase))
            .Distinct()
            .ToList();
        Assert.True(elsewhere.Count == 0, $"Requests to another host than {origin}:\n{string.Join('\n', elsewhere)}");
    }
}
