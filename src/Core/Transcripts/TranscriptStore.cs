using System.Text;
using System.Text.Json;
using Hotline.Core.Crypto;
using Hotline.Core.Storage;
using StackExchange.Redis;

namespace Hotline.Core.Transcripts;

/// <summary>
/// Appends encrypted entries to a conversation's transcript. Writers hold only the team public key: they can
/// write a transcript, never read it back. Each entry is encrypted under a data key of the conversation whose only
/// stored copy is sealed to the team key (hl:{c:ID}:keys, see <see cref="ConversationDataKeys"/>), so deleting that
/// hash makes every copy of the entries unreadable. Concurrent writers (Bot, Operator) retry on a lost race so the
/// sequence has no gaps and the chain no forks. Every entry is signed with the writing service's key.
/// </summary>
public sealed class TranscriptStore(HotlineRedis redis, TeamKeyDirectory teamKeys, SigningIdentity signer, TimeProvider time)
{
    /// <summary>
    /// The condition on which a write script must not append (with <c>@keys</c> the conversation's key hash and
    /// <c>@keyId</c> the entry's "key"): the data key's sealed copy is no longer stored. An entry is never written under a
    /// key that a deletion removed, so nothing written later can make a deleted conversation's words open again.
    /// </summary>
    public const string DataKeyGone = "redis.call('HEXISTS', @keys, @keyId) == 0";

    /// <summary>
    /// Lua: appends <paramref name="entries"/> (a Lua argument list) to <c>@transcript</c> only where it had <c>@expected</c>
    /// entries, else returns <paramref name="refused"/> with the transcript as it was: one RPUSH, whose answer (the new
    /// length) says whether nobody appended since the tail was read; a push past someone else's entry is popped again in
    /// the same step, so no other reader ever sees it. Saves the LLEN before every append.
    /// </summary>
    public static string PushIfLength(string entries, int count, string refused) =>
        PushIfLength(entries, count.ToString(System.Globalization.CultureInfo.InvariantCulture), refused);

    /// <summary>As <see cref="PushIfLength(string, int, string)"/>, with <paramref name="count"/> a Lua expression (a list's length, say).</summary>
    public static string PushIfLength(string entries, string count, string refused) =>
        $"local wanted = tonumber(@expected) + {count} if redis.call('RPUSH', @transcript, {entries}) ~= wanted then redis.call('RPOP', @transcript, {count}) return {refused} end ";

    // Appends only if nobody appended since we read the tail, and the entry's data key is still there; a conversation's
    // hash (not a case's notes, which have none) notes the new tail (TranscriptTail), if the conversation is there.
    private static readonly RedisScript AppendIfTail = RedisScript.Named(
        "if " + DataKeyGone + " then return -2 end " +
        PushIfLength("@entry", 1, "-1") +
        "if @tail ~= '' and redis.call('EXISTS', @conversation) == 1 then redis.call('HSET', @conversation, '" + TranscriptTail.Field + "', @tail) end " +
        "return tonumber(@expected) + 1",
        keys: ["transcript", "keys", "conversation"],
        args: ["keyId", "expected", "entry", "tail"]);

    private readonly ConversationDataKeys dataKeys = new(time);

    /// <summary>The transcript that holds a case's private notes between operators (the browser opens them with this id).</summary>
    public static string NotesId(string caseId) => NotesPrefix + caseId;

    private const string NotesPrefix = "note-";

    /// <summary>Appends one entry on its own.</summary>
    /// <param name="knownTail">The last entry, when the caller has just written it: saves reading the tail back.</param>
    /// <param name="words">The operator's own signature over <paramref name="text"/>, checked by the caller, kept encrypted in the entry.</param>
    /// <param name="teamPublicKey">The team key the caller read (and verified) for the entry it has just written, moments ago in the same step: saves reading it again.</param>
    public Task<TranscriptEntry> AppendAsync(string conversationId, Author author, string? by, string text, CancellationToken cancellationToken, TranscriptTail? knownTail = null,
        OperatorSignature? words = null, byte[]? teamPublicKey = null) =>
        AppendAsync(conversationId, author, by, text, async (entry, json) =>
        {
            var notes = conversationId.StartsWith(NotesPrefix, StringComparison.Ordinal);
            var result = (long)await AppendIfTail.EvaluateAsync(redis.Db,
                [
                    ("transcript", RedisKeys.Transcript(conversationId)),
                    ("keys", RedisKeys.TranscriptKeys(conversationId)),
                    // A case's notes have no conversation hash: the transcript's own key stands in, and nothing is noted.
                    ("conversation", (notes ? RedisKeys.Transcript(conversationId) : RedisKeys.Conversation(conversationId))),
                ],
                [
                    ("keyId", entry.SealedKey),
                    ("expected", entry.Sequence),
                    ("entry", json),
                    ("tail", notes ? "" : TranscriptTail.Of(entry).ToField()),
                ]).ConfigureAwait(false);
            return result > 0 ? entry : null;
        }, cancellationToken, knownTail, words, teamPublicKey);

    /// <summary>
    /// Seals the text as the entry after the current tail and hands it to <paramref name="write"/>, which stores it together
    /// with whatever else must change in the same step (one script on the conversation's slot, refusing when
    /// <see cref="DataKeyGone"/>) and returns null when the transcript no longer has <see cref="TranscriptEntry.Sequence"/>
    /// entries (another writer appended first) or the entry's data key is gone: the text is sealed again after the new
    /// tail, under a new key if need be. Sealing stays here; what is written with it is the caller's.
    /// </summary>
    public async Task<TResult> AppendAsync<TResult>(string conversationId, Author author, string? by, string text,
        Func<TranscriptEntry, string, Task<TResult?>> write, CancellationToken cancellationToken, TranscriptTail? knownTail = null, OperatorSignature? words = null,
        byte[]? teamPublicKey = null) where TResult : class
    {
        teamPublicKey ??= await teamKeys.PublicKeyAsync(cancellationToken).ConfigureAwait(false);
        var key = RedisKeys.Transcript(conversationId);
        var keysKey = RedisKeys.TranscriptKeys(conversationId);
        var plaintext = Encoding.UTF8.GetBytes(text);
        for (var attempt = 0; attempt < 50; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var dataKey = dataKeys.ForWriting(conversationId, teamPublicKey, out var isNew);
            long length;
            string prev;
            // One round trip for a new key's sealed copy (stored once, never again: see DataKeyGone), the length and the tail.
            var batch = redis.Db.CreateBatch();
            var stored = isNew ? batch.HashSetAsync(keysKey, dataKey.Id, dataKey.Sealed, When.NotExists) : null;
            var readTail = attempt > 0 || knownTail is null;
            var lengthRead = readTail ? batch.ListLengthAsync(key) : null;
            var tailRead = readTail ? batch.ListGetByIndexAsync(key, -1) : null;
            batch.Execute();
            if (stored is not null) await stored.ConfigureAwait(false);
            if (readTail)
            {
                length = await lengthRead!.ConfigureAwait(false);
                var tail = await tailRead!.ConfigureAwait(false);
                prev = length > 0 && !tail.IsNull ? Parse(tail!).ChainHash() : TranscriptEntry.Genesis;
            }
            else
            {
                (length, prev) = (knownTail!.Sequence + 1, knownTail.ChainHash);
            }
            var at = time.GetUtcNow().ToUnixTimeMilliseconds();
            var entry = TranscriptEntry.Seal(conversationId, length, author, by, at, prev, plaintext, dataKey, signer, words);
            if (await write(entry, JsonSerializer.Serialize(entry, StoredJson.Default.TranscriptEntry)).ConfigureAwait(false) is { } written) return written;
            // Lost a race, or the conversation was deleted meanwhile: in that case its key must never be used again.
            if (!await redis.Db.HashExistsAsync(keysKey, dataKey.Id).ConfigureAwait(false)) dataKeys.Forget(conversationId, dataKey);
        }
        throw new InvalidOperationException("The transcript is too busy to append to");
    }

    /// <summary>
    /// Seals <paramref name="text"/> as the entry right after <paramref name="previous"/>, which the caller is storing in the
    /// same step (its script stores both, after the same checks): null when the conversation's data key is no longer the one
    /// <paramref name="previous"/> was sealed under, whose sealed copy is the only one known to be stored.
    /// </summary>
    public (TranscriptEntry Entry, string Json)? SealAfter(string conversationId, Author author, string text, TranscriptTail previous, byte[] teamPublicKey) =>
        SealAfter(conversationId, author, [text], previous, teamPublicKey) is [var only] ? only : null;

    /// <summary>
    /// As <see cref="SealAfter(string, Author, string, TranscriptTail, byte[])"/>, for several texts one after another: each
    /// entry chained to the one before it, the first to <paramref name="previous"/>, all under one data key (for a script
    /// that stores them all after the same checks).
    /// </summary>
    public IReadOnlyList<(TranscriptEntry Entry, string Json)>? SealAfter(string conversationId, Author author, IReadOnlyList<string> texts, TranscriptTail previous, byte[] teamPublicKey)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(texts);
        var dataKey = dataKeys.ForWriting(conversationId, teamPublicKey, out var isNew);
        if (isNew || dataKey.Id != previous.SealedKey)
        {
            // A key made just now has no stored copy: the next append makes and stores its own.
            if (isNew) dataKeys.Forget(conversationId, dataKey);
            return null;
        }
        var sealedEntries = new (TranscriptEntry Entry, string Json)[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            var entry = TranscriptEntry.Seal(conversationId, previous.Sequence + 1, author, null, time.GetUtcNow().ToUnixTimeMilliseconds(), previous.ChainHash,
                Encoding.UTF8.GetBytes(texts[i]), dataKey, signer, null);
            sealedEntries[i] = (entry, JsonSerializer.Serialize(entry, StoredJson.Default.TranscriptEntry));
            // The last one's link is the caller's to hash, if it needs it.
            if (i < texts.Count - 1) previous = TranscriptTail.Of(entry);
        }
        return sealedEntries;
    }

    /// <summary>
    /// The transcript's last entry (null while it is empty), read on a batch with other reads: handed to an append as its
    /// known tail, it saves reading the length and the tail again (the append still stores only if the length is unchanged).
    /// </summary>
    public static async Task<TranscriptEntry?> Tail(IDatabaseAsync db, string conversationId)
    {
        ArgumentNullException.ThrowIfNull(db);
        var last = await db.ListGetByIndexAsync(RedisKeys.Transcript(conversationId), -1).ConfigureAwait(false);
        return last.IsNullOrEmpty ? null : Parse(last!);
    }

    /// <summary>The entries from sequence <paramref name="from"/> onwards (a reader that holds the earlier ones fetches only what is new).</summary>
    public async Task<IReadOnlyList<TranscriptEntry>> ReadAsync(string conversationId, CancellationToken cancellationToken, long from = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        cancellationToken.ThrowIfCancellationRequested();
        var batch = redis.Db.CreateBatch();
        var valuesRead = batch.ListRangeAsync(RedisKeys.Transcript(conversationId), from);
        var keysRead = batch.HashGetAllAsync(RedisKeys.TranscriptKeys(conversationId));
        batch.Execute();
        var values = await valuesRead.ConfigureAwait(false);
        var sealedKeys = (await keysRead.ConfigureAwait(false)).ToDictionary(k => k.Name.ToString(), k => k.Value.ToString(), StringComparer.Ordinal);
        // Each entry comes with the sealed data key it needs, so a reader (the console) opens any slice on its own.
        return values.Select(v => Parse(v!)).Select(e => e.UsesDataKey && sealedKeys.TryGetValue(e.SealedKey, out var k) ? e with { DataKey = k } : e).ToList();
    }

    private static TranscriptEntry Parse(string json) =>
        JsonSerializer.Deserialize(json, StoredJson.Default.TranscriptEntry) ?? throw new InvalidDataException("A transcript entry is not valid JSON");

    /// <summary>Opens a whole transcript with the team key, checking its chain and every signature (tests and an offline export tool).</summary>
    public static IReadOnlyList<string> OpenAll(string conversationId, IReadOnlyList<TranscriptEntry> entries, KeyPairBytes team, IReadOnlyDictionary<string, byte[]> signers)
    {
        var texts = new List<string>(entries.Count);
        var openedKeys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var prev = TranscriptEntry.Genesis;
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            if (e.Sequence != i || e.Prev != prev) throw new CryptoFailure($"the transcript chain is broken at entry {i}");
            e.VerifySignature(conversationId, signers);
            texts.Add(Encoding.UTF8.GetString(e.Open(conversationId, team, openedKeys)));
            prev = e.ChainHash();
        }
        return texts;
    }
}
