using System.Collections.Concurrent;
using Hotline.Core.Crypto;

namespace Hotline.Core.Transcripts;

/// <summary>
/// The data keys this process writes conversations' entries under, in memory only. A writer holds the team public key
/// alone, so it cannot open a stored data key: it makes its own, stores only the copy sealed to the team, and keeps the
/// key here while it keeps writing. A key is dropped after <see cref="IdleLifetime"/> without use, when the team key
/// rotates (from then on entries go under a key the removed operator never had), or when its sealed copy is gone (the
/// conversation was deleted); the next entry then gets a new key. So a memory dump of a writer yields only keys of
/// entries that writer itself sealed in the last <see cref="IdleLifetime"/>: words it saw in clear anyway.
/// </summary>
public sealed class ConversationDataKeys(TimeProvider time)
{
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromMinutes(15);

    /// <summary>Beyond this many conversations at once the oldest keys are dropped (they are only remade, never lost).</summary>
    public const int MaxHeld = 10_000;

    private const int IdBytes = 16;

    private readonly ConcurrentDictionary<string, Held> held = new(StringComparer.Ordinal);

    private sealed record Held(DataKey Key, long LastUsed);

    private long lastSweep;

    /// <summary>The key to write the conversation's next entry under; <paramref name="isNew"/> when its sealed copy still has to be stored.</summary>
    public DataKey ForWriting(string conversationId, byte[] teamPublicKey, out bool isNew)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var idle = (long)IdleLifetime.TotalMilliseconds;
        // Keys of conversations nobody writes to any more leave memory within a minute of their lifetime.
        var swept = Interlocked.Read(ref lastSweep);
        if (now - swept >= 60_000 && Interlocked.CompareExchange(ref lastSweep, now, swept) == swept) DropIdle(now, idle);
        if (held.TryGetValue(conversationId, out var current)
            && current.Key.TeamPublicKey.AsSpan().SequenceEqual(teamPublicKey)
            && now - current.LastUsed < idle)
        {
            held.TryUpdate(conversationId, current with { LastUsed = now }, current);
            isNew = false;
            return current.Key;
        }
        if (held.Count >= MaxHeld)
        {
            DropIdle(now, idle);
            if (held.Count >= MaxHeld) held.Clear();
        }
        var (key, sealedKey) = HotlineCrypto.NewDataKey(teamPublicKey);
        var made = new DataKey(Convert.ToBase64String(HotlineCrypto.RandomBytes(IdBytes)), key, teamPublicKey, Convert.ToBase64String(sealedKey));
        held[conversationId] = new Held(made, now);
        isNew = true;
        return made;
    }

    /// <summary>Stops using <paramref name="key"/> for the conversation (its sealed copy was deleted with the conversation).</summary>
    public void Forget(string conversationId, DataKey key)
    {
        if (held.TryGetValue(conversationId, out var current) && current.Key == key) held.TryRemove(KeyValuePair.Create(conversationId, current));
    }

    // Dropped keys are not zeroed: a concurrent append may still be sealing with one. What matters is that no
    // reference outlives the lifetime.
    private void DropIdle(long now, long idle)
    {
        foreach (var (id, entry) in held)
        {
            if (now - entry.LastUsed >= idle) held.TryRemove(KeyValuePair.Create(id, entry));
        }
    }
}
