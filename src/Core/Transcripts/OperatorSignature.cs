using System.Text;
using Hotline.Core.Crypto;

namespace Hotline.Core.Transcripts;

/// <summary>
/// An operator's own Ed25519 signature over their words, made in their browser with the key only they unwrap: the
/// Operator service (which seals the entry and signs it as a service) can store it but cannot make one, so a console
/// that checks it knows the operator wrote exactly this text in exactly this conversation. <see cref="Id"/> is random
/// per message (a repeat is a replay). The signature is stored encrypted like the words (<see cref="TranscriptEntry.WordsSignature"/>):
/// in clear, anyone with the operator's public key could test guessed texts (a canned answer) against it.
/// </summary>
public sealed record OperatorSignature(string Id, byte[] Signature)
{
    public const int IdBytes = 16;

    /// <summary>What the operator's browser signs (UTF-8): the conversation (or "note-CASE"), who, the message id and the text.</summary>
    public static string Message(string conversationId, string by, string id, string text) =>
        $"hl-operator-words-v1|{conversationId}|{by}|{id}|{text}";

    /// <summary>Checks a signature the Operator service received with a reply or note, before it stores anything.</summary>
    public void Verify(string conversationId, string by, string text, byte[] signingPublicKey)
    {
        if (!IsWellFormedId(Id)) throw new CryptoFailure("an operator's message id is 16 random bytes in base64");
        HotlineCrypto.Verify(Encoding.UTF8.GetBytes(Message(conversationId, by, Id, text)), Signature, signingPublicKey);
    }

    /// <summary>
    /// Checks an opened entry against the signing key of the operator it names (as the console does): the sealed signature
    /// opens with the team key and verifies over the entry's conversation, author name and text. Throws <see cref="CryptoFailure"/>.
    /// </summary>
    public static void VerifyEntry(string conversationId, TranscriptEntry entry, string text, KeyPairBytes team, byte[] signingPublicKey,
        IDictionary<string, byte[]>? openedKeys = null)
    {
        if (entry.WordsId is null || entry.WordsSignature is null || entry.By is null) throw new CryptoFailure($"entry {entry.Sequence} carries no operator's signature");
        var signature = entry.OpenWordsSignature(conversationId, team, openedKeys);
        new OperatorSignature(entry.WordsId, signature).Verify(conversationId, entry.By, text, signingPublicKey);
    }

    public static bool IsWellFormedId(string? id)
    {
        if (id is not { Length: 24 }) return false;
        Span<byte> buffer = stackalloc byte[IdBytes + 2];
        return Convert.TryFromBase64String(id, buffer, out var written) && written == IdBytes;
    }
}
