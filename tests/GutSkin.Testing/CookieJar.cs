using System.Globalization;

namespace GutSkin.Testing;

/// <summary>
/// A browser's cookies for test clients: kept as a browser keeps them, with expiry judged by <paramref name="clock"/> when
/// given (the app's fake clock: a <see cref="System.Net.CookieContainer"/> would drop a cookie that expires in the fake
/// June because the machine's own clock is later). Every <see cref="Handler"/> reads and writes this one jar, so the
/// clients of several instances can share it, as a browser behind a load balancer whose requests land anywhere.
/// </summary>
public sealed class CookieJar(TimeProvider? clock = null)
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    /// <summary>The cookies held now, by name.</summary>
    public IReadOnlyDictionary<string, string> Cookies
    {
        get
        {
            lock (_cookies)
            {
                return new Dictionary<string, string>(_cookies, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>A handler for one client (<c>factory.CreateDefaultClient(jar.Handler())</c>) that sends and keeps this jar's cookies.</summary>
    public DelegatingHandler Handler() => new JarHandler(this);

    private string? Header()
    {
        lock (_cookies)
        {
            return _cookies.Count == 0 ? null : string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}"));
        }
    }

    private void Keep(IEnumerable<string> setCookies)
    {
        lock (_cookies)
        {
            foreach (var setCookie in setCookies)
            {
                var parts = setCookie.Split(';', StringSplitOptions.TrimEntries);
                var equals = parts[0].IndexOf('=', StringComparison.Ordinal);
                var (name, value) = (parts[0][..equals], parts[0][(equals + 1)..]);
                if (value.Length == 0 || Expired(parts))
                {
                    _cookies.Remove(name);
                }
                else
                {
                    _cookies[name] = value;
                }
            }
        }
    }

    private bool Expired(string[] attributes)
    {
        var expires = attributes.Skip(1).FirstOrDefault(p => p.StartsWith("expires=", StringComparison.OrdinalIgnoreCase));
        return clock is not null
            && expires is not null
            && DateTimeOffset.TryParse(expires["expires=".Length..], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            && at <= clock.GetUtcNow();
    }

    private sealed class JarHandler(CookieJar jar) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (jar.Header() is { } cookies)
            {
                request.Headers.Add("Cookie", cookies);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                jar.Keep(setCookies);
            }

            return response;
        }
    }
}
