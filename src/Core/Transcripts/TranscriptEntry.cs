using System.Text;
using System.Text.Json.Serialization;
using Hotline.Core.Crypto;

namespace Hotline.Core.Transcripts;

/// <summary>Who wrote a transcript entry.</summary>
public enum Author
{
    Person = 0,
    Bot = 1,
    Operator = 2,
}

/// <summary>
/// One transcript entry as stored: ciphertext only. The associated data binds the text to its conversation,
/// place in the sequence, author and time; <see cref="Prev"/> chains it to the entry before it; <see cref="Signature"/>
/// proves which service wrote it (Ed25519 over the associated data and every sealed part).
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
    [property: JsonPropertyName("sig")] string? Signature = null)
{
    public const int CurrentVersion = 2;

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

    /// <summary>Seals and signs one entry; writing it is the caller's business (an append script, a batch), so both compose.</summary>
    public static TranscriptEntry Seal(string conversationId, long sequence, Author author, string? by, long at, string prev,
        ReadOnlySpan<byte> plaintext, byte[] recipientPublicKey, SigningIdentity signer)
    {
        var authorName = AuthorName(author);
        var payload = HotlineCrypto.SealEntry(plaintext, AssociatedData(conversationId, sequence, authorName, by, at, prev), recipientPublicKey);
        var entry = new TranscriptEntry(CurrentVersion, sequence, authorName, by, at,
            Convert.ToBase64String(payload.Nonce), Convert.ToBase64String(payload.Ciphertext), Convert.ToBase64String(payload.SealedKey), prev, signer.Name);
        return entry with { Signature = signer.Sign(entry.SignedMessage(conversationId)) };
    }

    /// <summary>Exactly what the writer signs (the console rebuilds the same string): the associated data, the signer and every sealed part.</summary>
    public string SignedMessage(string conversationId) =>
        $"{Encoding.UTF8.GetString(AssociatedData(conversationId, Sequence, Author, By, At, Prev))}|{Signer}|{Nonce}|{Ciphertext}|{SealedKey}";

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
    public string ChainHash() => Convert.ToBase64String(HotlineCrypto.ChainHash(Convert.FromBase64String(Prev), Payload()));

    public static readonly string Genesis = Convert.ToBase64String(new byte[HotlineCrypto.ChainHashBytes]);
}
