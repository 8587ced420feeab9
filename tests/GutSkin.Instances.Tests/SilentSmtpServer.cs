using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace GutSkin.Instances.Tests;

/// <summary>
/// A mail server that accepts connections and never says a word: an instance that sends through it hangs
/// in the middle of a send, after it has claimed its work, which is where an instance that dies stops.
/// </summary>
public sealed class SilentSmtpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _clients = [];
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SilentSmtpServer()
    {
        _listener.Start();
        _ = AcceptAsync();
    }

    /// <summary>Completes when the first client connects.</summary>
    public Task Connected => _connected.Task;

    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = ((IPEndPoint)_listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture),
        ["Email:Smtp:Security"] = "None",
    };

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync();
                lock (_clients)
                {
                    _clients.Add(client);
                }

                _connected.TrySetResult();
            }
        }
        catch (Exception e) when (e is ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        lock (_clients)
        {
            _clients.ForEach(c => c.Dispose());
        }
    }
}
