namespace Hotline.Operator.Accounts;

/// <summary>
/// Runs the server's Argon2id (hashing and verifying authentication keys) a few at a time: each run takes 12 MiB and a
/// core for tens of milliseconds, so a burst of sign-ins queues here instead of exhausting the machine's memory.
/// </summary>
public sealed class AuthKeyHasher
{
    /// <summary>How long a sign-in waits for a free slot before it is told the service is busy.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim slots;
    private readonly Lazy<string> dummyHash = new(() => HotlineCrypto.HashAuthKey(HotlineCrypto.RandomBytes(HotlineCrypto.KeyBytes)));

    public AuthKeyHasher(int concurrency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        Concurrency = concurrency;
        slots = new SemaphoreSlim(concurrency, concurrency);
    }

    public int Concurrency { get; }

    private int running;
    private int mostRunning;

    /// <summary>How many hashes are running now (for metrics).</summary>
    public int Running => Volatile.Read(ref running);

    /// <summary>The most hashes that ever ran at the same moment: never above <see cref="Concurrency"/>.</summary>
    public int MostRunning => Volatile.Read(ref mostRunning);

    public Task<string> HashAsync(byte[] authKey, CancellationToken cancellationToken) =>
        RunAsync(() => HotlineCrypto.HashAuthKey(authKey), cancellationToken);

    /// <summary>Verifies against the account's hash, or against a stand-in for unknown names so that timing tells nothing.</summary>
    public Task<bool> VerifyAsync(string? hash, byte[] authKey, CancellationToken cancellationToken) =>
        RunAsync(() => HotlineCrypto.VerifyAuthKey(hash ?? dummyHash.Value, authKey) && hash is not null, cancellationToken);

    private async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        if (!await slots.WaitAsync(MaxWait, cancellationToken).ConfigureAwait(false)) throw new HasherBusyException();
        try
        {
            return await Task.Run(() =>
            {
                var now = Interlocked.Increment(ref running);
                for (var most = MostRunning; now > most; most = MostRunning)
                {
                    if (Interlocked.CompareExchange(ref mostRunning, now, most) == most) break;
                }
                try
                {
                    return work();
                }
                finally
                {
                    Interlocked.Decrement(ref running);
                }
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            slots.Release();
        }
    }
}
