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
/// place in the sequence, author and time; <see cref="Prev"/> chains it to the entry before it.
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
    [property: JsonPropertyName("prev")] string Prev)
{
    public const int CurrentVersion = 1;

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

    public SealedPayload Payload() =>
        new(Convert.FromBase64String(Nonce), Convert.FromBase64String(Ciphertext), Convert.FromBase64String(SealedKey));

    /// <summary>This entry's link in the chain: what the next entry carries as its Prev.</summary>
    public string ChainHash() => Convert.ToBase64String(HotlineCrypto.ChainHash(Convert.FromBase64String(Prev), Payload()));

    public static readonly string Genesis = Convert.ToBase64String(new byte[HotlineCrypto.ChainHashBytes]);
}
