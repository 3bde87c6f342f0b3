using System.Text;
using System.Text.Json.Serialization;
using Hotline.Core.Crypto;
using Hotline.Core.Text;

namespace Hotline.Core.Transcripts;

/// <summary>
/// One transcript entry as stored: ciphertext only. The associated data binds the text to its conversation,
/// place in the sequence, author and time; <see cref="Prev"/> chains it to the entry before it; <see cref="Signature"/>
/// proves which service wrote it (Ed25519 over the associated data and every sealed part).
/// Version 3 (now written): the text is encrypted under one of the conversation's data keys, and "key" is that data key's
/// id (hl:{c:ID}:keys holds it sealed to the team); deleting those sealed keys makes every copy of the entries unreadable.
/// Version 2 (still read): "key" is the entry's own key sealed to the team key.
/// An operator's entry written from their console also carries their own signature over the words (<see cref="OperatorSignature"/>):
/// <see cref="WordsId"/>, and <see cref="WordsSignature"/> encrypted under the entry's data key (version 3) or sealed to the
/// team key (version 2), so that only who can read the words can test them; the service's signature covers both.
/// </summary>
public sealed record TranscriptEntry(
    [property: JsonPropertyName("v")] int Version,
    [property: JsonPropertyName("seq")] long Sequence,
    [property: JsonPropertyName("author")] string Author,
    [property: JsonPropertyName("by")] string? By,
    [property: JsonPropertyName("at")] long At,
    [property: JsonPropertyName("nonce")] string Nonce,
    [property: JsonPropertyName("ct")] string Ciphertext,
    [property: JsonPropertyName("key")] string SealedKey,
    [property: JsonPropertyName("prev")] string Prev,
    [property: JsonPropertyName("signer")] string? Signer = null,
    [property: JsonPropertyName("sig")] string? Signature = null,
    [property: JsonPropertyName("oid"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? WordsId = null,
    [property: JsonPropertyName("osig"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? WordsSignature = null)
{
    public const int CurrentVersion = 3;

    /// <summary>Entries of this version or later are encrypted under a conversation data key named by "key".</summary>
    public const int DataKeyVersion = 3;

    /// <summary>
    /// The sealed data key this entry is encrypted under, attached when the transcript is read (never stored with the
    /// entry, never signed): null for a version 2 entry, and for one whose conversation's keys were deleted.
    /// </summary>
    [JsonPropertyName("dataKey")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DataKey { get; init; }

    public bool UsesDataKey => Version >= DataKeyVersion;

    public static string AuthorName(Author author) => author switch
    {
        Transcripts.Author.Person => "person",
        Transcripts.Author.Bot => "bot",
        Transcripts.Author.Operator => "operator",
        _ => throw new ArgumentOutOfRangeException(nameof(author)),
    };

    /// <summary>The associated data, rebuilt identically by the operator's browser before decrypting.</summary>
    public static byte[] AssociatedData(string conversationId, long sequence, string author, string? by, long at, string prev) =>
        Encoding.UTF8.GetBytes($"hl-transcript-v1|{conversationId}|{sequence}|{author}|{by}|{at}|{prev}");

    /// <summary>Entries of this version have their own key sealed straight to the team key.</summary>
    public const int SealedKeyVersion = 2;

    /// <summary>
    /// Seals and signs one entry the version 2 way (its own key sealed to the team key). Services write version 3
    /// (<see cref="Seal(string, long, Author, string?, long, string, ReadOnlySpan{byte}, DataKey, SigningIdentity)"/>); this
    /// stays for reading and comparing the older format.
    /// </summary>
    public static TranscriptEntry Seal(string conversationId, long sequence, Author author, string? by, long at, string prev,
        ReadOnlySpan<byte> plaintext, byte[] recipientPublicKey, SigningIdentity signer, OperatorSignature? words = null)
    {
        var authorName = AuthorName(author);
        var payload = HotlineCrypto.SealEntry(plaintext, AssociatedData(conversationId, sequence, authorName, by, at, prev), recipientPublicKey);
        var entry = new TranscriptEntry(SealedKeyVersion, sequence, authorName, by, at,
            Convert.ToBase64String(payload.Nonce), Convert.ToBase64String(payload.Ciphertext), Convert.ToBase64String(payload.SealedKey), prev, signer.Name,
            WordsId: words?.Id, WordsSignature: words is null ? null : Convert.ToBase64String(HotlineCrypto.Seal(words.Signature, recipientPublicKey)));
        return entry with { Signature = signer.Sign(entry.SignedMessage(conversationId)) };
    }

    /// <summary>Encrypts and signs one entry under the conversation's data key (version 3): no public-key step per entry.</summary>
    public static TranscriptEntry Seal(string conversationId, long sequence, Author author, string? by, long at, string prev,
        ReadOnlySpan<byte> plaintext, DataKey dataKey, SigningIdentity signer, OperatorSignature? words = null)
    {
        var authorName = AuthorName(author);
        var ad = AssociatedData(conversationId, sequence, authorName, by, at, prev);
        var (nonce, cipher) = HotlineCrypto.Encrypt(plaintext, dataKey.Key, ad);
        string? sealedWords = null;
        if (words is not null)
        {
            // Under the same data key as the words: deleting the conversation's keys makes the signature as unreadable as the text.
            var (wordsNonce, wordsCipher) = HotlineCrypto.Encrypt(words.Signature, dataKey.Key, WordsAssociatedData(conversationId, sequence));
            sealedWords = Convert.ToBase64String([.. wordsNonce, .. wordsCipher]);
        }
        var entry = new TranscriptEntry(CurrentVersion, sequence, authorName, by, at,
            Convert.ToBase64String(nonce), Convert.ToBase64String(cipher), dataKey.Id, prev, signer.Name, WordsId: words?.Id, WordsSignature: sealedWords);
        // The associated data just encrypted under is the signed message's start: not built again.
        return entry with { Signature = signer.Sign(entry.SignedBytes(ad)) };
    }

    /// <summary>
    /// Opens the entry's text with the team key (a version 3 entry through its attached <see cref="DataKey"/>, opened
    /// once per id into <paramref name="openedKeys"/>). Fails closed: an entry whose data key was deleted does not open.
    /// Does not check the signature: see <see cref="VerifySignature"/>.
    /// </summary>
    public byte[] Open(string conversationId, KeyPairBytes team, IDictionary<string, byte[]>? openedKeys = null)
    {
        var ad = AssociatedData(conversationId, Sequence, Author, By, At, Prev);
        if (!UsesDataKey) return HotlineCrypto.OpenEntry(Payload(), ad, team);
        return HotlineCrypto.Decrypt(FromBase64(Ciphertext), FromBase64(Nonce), OpenDataKey(team, openedKeys), ad);
    }

    /// <summary>The operator's own signature over the words (<see cref="WordsSignature"/>), opened like the text. Fails closed.</summary>
    public byte[] OpenWordsSignature(string conversationId, KeyPairBytes team, IDictionary<string, byte[]>? openedKeys = null)
    {
        if (WordsSignature is null) throw new CryptoFailure($"entry {Sequence} carries no operator's signature");
        var stored = FromBase64(WordsSignature);
        if (!UsesDataKey) return HotlineCrypto.Open(stored, team);
        if (stored.Length <= HotlineCrypto.NonceBytes) throw new CryptoFailure($"entry {Sequence}: its operator's signature is malformed");
        return HotlineCrypto.Decrypt(stored[HotlineCrypto.NonceBytes..], stored[..HotlineCrypto.NonceBytes], OpenDataKey(team, openedKeys), WordsAssociatedData(conversationId, Sequence));
    }

    /// <summary>What binds an operator's encrypted signature to its conversation and entry (the console rebuilds it).</summary>
    public static byte[] WordsAssociatedData(string conversationId, long sequence) =>
        Encoding.UTF8.GetBytes($"hl-operator-words-sig-v1|{conversationId}|{sequence}");

    private byte[] OpenDataKey(KeyPairBytes team, IDictionary<string, byte[]>? openedKeys)
    {
        byte[]? key = null;
        if (openedKeys is null || !openedKeys.TryGetValue(SealedKey, out key))
        {
            if (DataKey is null) throw new CryptoFailure($"entry {Sequence}: its conversation's data key is gone (the conversation was deleted)");
            key = HotlineCrypto.OpenDataKey(FromBase64(DataKey), team);
            if (openedKeys is not null) openedKeys[SealedKey] = key;
        }
        return key;
    }

    private static byte[] FromBase64(string value)
    {
        try
        {
            return Convert.FromBase64String(value);
        }
        catch (FormatException e)
        {
            throw new CryptoFailure("a transcript entry holds a value that is not base64", e);
        }
    }

    /// <summary>Exactly what the writer signs (the console rebuilds the same string): the associated data, the signer and every sealed part.</summary>
    public string SignedMessage(string conversationId) =>
        $"{Encoding.UTF8.GetString(AssociatedData(conversationId, Sequence, Author, By, At, Prev))}|{Signer}|{Nonce}|{Ciphertext}|{SealedKey}"
        + (WordsId is null && WordsSignature is null ? "" : $"|{WordsId}|{WordsSignature}");

    /// <summary>
    /// <see cref="SignedMessage"/> as UTF-8, from the entry's associated data already encoded: the same bytes, without the
    /// message's text made and encoded again (the associated data is valid UTF-8, and what follows it starts with '|').
    /// </summary>
    private byte[] SignedBytes(ReadOnlySpan<byte> associatedData)
    {
        var rest = $"|{Signer}|{Nonce}|{Ciphertext}|{SealedKey}" + (WordsId is null && WordsSignature is null ? "" : $"|{WordsId}|{WordsSignature}");
        var bytes = new byte[associatedData.Length + Encoding.UTF8.GetByteCount(rest)];
        associatedData.CopyTo(bytes);
        Encoding.UTF8.GetBytes(rest, bytes.AsSpan(associatedData.Length));
        return bytes;
    }

    /// <summary>Which service may write an entry of an author: the Bot writes the person's and its own words, the Operator service the operators'.</summary>
    public static string SignerFor(string author) => author switch
    {
        "person" or "bot" => Signers.Bot,
        "operator" => Signers.Operator,
        _ => throw new CryptoFailure($"no signer may write an entry of author '{author}'"),
    };

    /// <summary>Fails closed unless the entry is signed by the service allowed to write its author's words, with a key the team record lists.</summary>
    public void VerifySignature(string conversationId, IReadOnlyDictionary<string, byte[]> signers)
    {
        if (Signer is null || Signature is null) throw new CryptoFailure($"entry {Sequence} is not signed");
        if (Signer != SignerFor(Author)) throw new CryptoFailure($"entry {Sequence} is signed by '{Signer}', who may not write '{Author}' entries");
        if (!signers.TryGetValue(Signer, out var key)) throw new CryptoFailure($"entry {Sequence} is signed by an unknown key '{Signer}'");
        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(Signature);
        }
        catch (FormatException e)
        {
            throw new CryptoFailure($"entry {Sequence} has a malformed signature", e);
        }
        HotlineCrypto.Verify(Encoding.UTF8.GetBytes(SignedMessage(conversationId)), signature, key);
    }

    public SealedPayload Payload() =>
        new(Convert.FromBase64String(Nonce), Convert.FromBase64String(Ciphertext), Convert.FromBase64String(SealedKey));

    /// <summary>This entry's link in the chain: what the next entry carries as its Prev.</summary>
    public string ChainHash()
    {
        // The four parts decoded side by side into one array (what HotlineCrypto.ChainHash hashes), not into an array each
        // and then copied together; a part that is not plain padded base64 goes the long way, which throws as it always did.
        ReadOnlySpan<string> encoded = [Prev, Nonce, Ciphertext, SealedKey];
        var length = 0;
        foreach (var part in encoded)
        {
            var decoded = Base64Text.DecodedLength(part);
            if (decoded < 0) return ChainHashOfEachPart();
            length += decoded;
        }
        var parts = new byte[length];
        var at = 0;
        foreach (var part in encoded)
        {
            if (!Convert.TryFromBase64String(part, parts.AsSpan(at), out var written)) return ChainHashOfEachPart();
            at += written;
        }
        return at == length ? Convert.ToBase64String(HotlineCrypto.ChainHash(parts)) : ChainHashOfEachPart();
    }

    private string ChainHashOfEachPart() => Convert.ToBase64String(HotlineCrypto.ChainHash(Convert.FromBase64String(Prev), Payload()));

    public static readonly string Genesis = Convert.ToBase64String(new byte[HotlineCrypto.ChainHashBytes]);
}
