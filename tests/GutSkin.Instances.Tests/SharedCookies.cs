namespace GutSkin.Instances.Tests;

/// <summary>
/// One browser's cookies across several instances: a handler per instance's test server, all reading and
/// writing the same jar, as a browser behind a load balancer that sends each request to another instance.
/// </summary>
public sealed class SharedCookies
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Cookies => _cookies;

    public DelegatingHandler Handler() => new Jar(this);

    private sealed class Jar(SharedCookies shared) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (shared._cookies)
            {
                if (shared._cookies.Count > 0)
                {
                    request.Headers.Add("Cookie", string.Join("; ", shared._cookies.Select(c => $"{c.Key}={c.Value}")));
                }
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                lock (shared._cookies)
                {
                    foreach (var setCookie in setCookies)
                    {
                        var pair = setCookie.Split(';', 2)[0];
                        var equals = pair.IndexOf('=', StringComparison.Ordinal);
                        var (name, value) = (pair[..equals], pair[(equals + 1)..]);
                        if (value.Length == 0)
                        {
                            shared._cookies.Remove(name);
                        }
                        else
                        {
                            shared._cookies[name] = value;
                        }
                    }
                }
            }

            return response;
        }
    }
}
