using System.Text;
using System.Text.Json;
using Hotline.Core.Crypto;
using Hotline.Core.Storage;
using StackExchange.Redis;

namespace Hotline.Core.Transcripts;

/// <summary>
/// Appends sealed entries to a conversation's transcript. Writers hold only the team public key: they can
/// write a transcript, never read it back. Concurrent writers (Bot, Operator) retry on a lost race so the
/// sequence has no gaps and the chain no forks. Every entry is signed with the writing service's key.
/// </summary>
public sealed class TranscriptStore(HotlineRedis redis, TeamKeyDirectory teamKeys, SigningIdentity signer, TimeProvider time)
{
    // Appends only if nobody appended since we read the tail.
    private static readonly LuaScript AppendIfTail = LuaScript.Prepare(
        "if redis.call('LLEN', @key) ~= tonumber(@expected) then return -1 end " +
        "return redis.call('RPUSH', @key, @entry)");

    /// <summary>Appends one entry on its own.</summary>
    /// <param name="knownTail">The last entry, when the caller has just written it: saves reading the tail back.</param>
    public Task<TranscriptEntry> AppendAsync(string conversationId, Author author, string? by, string text, CancellationToken cancellationToken, TranscriptEntry? knownTail = null) =>
        AppendAsync(conversationId, author, by, text, async (entry, json) =>
        {
            var result = (long)await AppendIfTail.EvaluateAsync(redis.Db, new { key = (RedisKey)RedisKeys.Transcript(conversationId), expected = entry.Sequence, entry = json }).ConfigureAwait(false);
            return result > 0 ? entry : null;
        }, cancellationToken, knownTail);

    /// <summary>
    /// Seals the text as the entry after the current tail and hands it to <paramref name="write"/>, which stores it together
    /// with whatever else must change in the same step (one script on the conversation's slot) and returns null when the
    /// transcript no longer has <see cref="TranscriptEntry.Sequence"/> entries: another writer appended first, and the text is
    /// sealed again after the new tail. Sealing stays here; what is written with it is the caller's.
    /// </summary>
    public async Task<TResult> AppendAsync<TResult>(string conversationId, Author author, string? by, string text,
        Func<TranscriptEntry, string, Task<TResult?>> write, CancellationToken cancellationToken, TranscriptEntry? knownTail = null) where TResult : class
    {
        var teamPublicKey = await teamKeys.PublicKeyAsync(cancellationToken).ConfigureAwait(false);
        var key = RedisKeys.Transcript(conversationId);
        var plaintext = Encoding.UTF8.GetBytes(text);
        for (var attempt = 0; attempt < 50; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long length;
            string prev;
            if (attempt == 0 && knownTail is not null)
            {
                (length, prev) = (knownTail.Sequence + 1, knownTail.ChainHash());
            }
            else
            {
                // One round trip for the length and the tail.
                var batch = redis.Db.CreateBatch();
                var lengthRead = batch.ListLengthAsync(key);
                var tailRead = batch.ListGetByIndexAsync(key, -1);
                batch.Execute();
                length = await lengthRead.ConfigureAwait(false);
                var tail = await tailRead.ConfigureAwait(false);
                prev = length > 0 && !tail.IsNull ? Parse(tail!).ChainHash() : TranscriptEntry.Genesis;
            }
            var at = time.GetUtcNow().ToUnixTimeMilliseconds();
            var entry = TranscriptEntry.Seal(conversationId, length, author, by, at, prev, plaintext, teamPublicKey, signer);
            if (await write(entry, JsonSerializer.Serialize(entry)).ConfigureAwait(false) is { } written) return written;
        }
        throw new InvalidOperationException("The transcript is too busy to append to");
    }

    /// <summary>The entries from sequence <paramref name="from"/> onwards (a reader that holds the earlier ones fetches only what is new).</summary>
    public async Task<IReadOnlyList<TranscriptEntry>> ReadAsync(string conversationId, CancellationToken cancellationToken, long from = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        cancellationToken.ThrowIfCancellationRequested();
        var values = await redis.Db.ListRangeAsync(RedisKeys.Transcript(conversationId), from).ConfigureAwait(false);
        return values.Select(v => Parse(v!)).ToList();
    }

    /// <summary>Crypto-shredding: without the sealed keys the ciphertext is unreadable everywhere, backups included.</summary>
    public Task ShredAsync(string conversationId) => redis.Db.KeyDeleteAsync(RedisKeys.Transcript(conversationId));

    private static TranscriptEntry Parse(string json) =>
        JsonSerializer.Deserialize<TranscriptEntry>(json) ?? throw new InvalidDataException("A transcript entry is not valid JSON");

    /// <summary>Opens a whole transcript with the team key, checking its chain and every signature (tests and an offline export tool).</summary>
    public static IReadOnlyList<string> OpenAll(string conversationId, IReadOnlyList<TranscriptEntry> entries, KeyPairBytes team, IReadOnlyDictionary<string, byte[]> signers)
    {
        var texts = new List<string>(entries.Count);
        var prev = TranscriptEntry.Genesis;
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            if (e.Sequence != i || e.Prev != prev) throw new CryptoFailure($"the transcript chain is broken at entry {i}");
            e.VerifySignature(conversationId, signers);
            var ad = TranscriptEntry.AssociatedData(conversationId, e.Sequence, e.Author, e.By, e.At, e.Prev);
            texts.Add(Encoding.UTF8.GetString(HotlineCrypto.OpenEntry(e.Payload(), ad, team)));
            prev = e.ChainHash();
        }
        return texts;
    }
}
