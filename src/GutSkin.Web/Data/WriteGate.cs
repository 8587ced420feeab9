namespace GutSkin.Web.Data;

/// <summary>
/// SQLite has one writer at a time; writers that collide back off in sleeps of up to 100 ms, which is
/// what a p99 latency sees. Queuing the app's own journal writes here instead keeps them short and fair.
/// PostgreSQL handles concurrent writers itself, so there the gate is open.
/// </summary>
public sealed class WriteGate(bool serialize) : IDisposable
{
    private readonly SemaphoreSlim? _semaphore = serialize ? new SemaphoreSlim(1, 1) : null;

    public async ValueTask<Releaser> EnterAsync(CancellationToken ct)
    {
        if (_semaphore is not null)
        {
            await _semaphore.WaitAsync(ct);
        }

        return new Releaser(_semaphore);
    }

    public void Dispose() => _semaphore?.Dispose();

    public readonly struct Releaser(SemaphoreSlim? semaphore) : IDisposable
    {
        public void Dispose() => semaphore?.Release();
    }
}
