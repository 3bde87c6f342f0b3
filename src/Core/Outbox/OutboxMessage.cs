using Hotline.Core.Crypto;
using Hotline.Core.Storage;
using StackExchange.Redis;

namespace Hotline.Core.Outbox;

/// <summary>
/// What an operator sends the person, for the Bot to deliver on the person's channel. The text is sealed to the Bot's
/// key; a reply carries its transcript sequence, so its delivery state can be shown beside it in the console. The whole
/// message is signed by the service that wrote it, so the Bot delivers nothing that was merely written into Redis.
/// </summary>
public sealed record OutboxMessage(string ConversationId, OutboxKind Kind, byte[]? SealedText, int? Place = null, long? Sequence = null, string? Signer = null, string? Signature = null)
{
    /// <summary>Signs the message with the writing service's key and returns the stream fields.</summary>
    public NameValueEntry[] ToFields(SigningIdentity signer)
    {
        var signed = this with { Signer = signer.Name };
        signed = signed with { Signature = signer.Sign(signed.SignedMessage) };
        var fields = new List<NameValueEntry>(7)
        {
            new("conversationId", ConversationId),
            new("kind", Kind.ToString()),
            new("sealed", SealedText is null ? "" : Convert.ToBase64String(SealedText)),
        };
        if (Place is { } place) fields.Add(new("place", place));
        if (Sequence is { } sequence) fields.Add(new("seq", sequence));
        fields.Add(new("signer", signed.Signer));
        fields.Add(new("sig", signed.Signature));
        return [.. fields];
    }

    /// <summary>Exactly what the writer signs.</summary>
    public string SignedMessage =>
        $"hl-outbox-v1|{ConversationId}|{Kind}|{(SealedText is null ? "" : Convert.ToBase64String(SealedText))}|{Place}|{Sequence}|{Signer}";

    /// <summary>
    /// The queue's place, and a deletion whose time is up, are the Triage worker's to send; everything else comes from an
    /// operator through the Operator service.
    /// </summary>
    public static string SignerFor(OutboxKind kind) => kind is OutboxKind.QueuePlace or OutboxKind.Expire ? Signers.Triage : Signers.Operator;

    /// <summary>Fails closed unless the service allowed to send this kind signed exactly this message.</summary>
    public void VerifySignature(byte[] signerPublicKey)
    {
        if (Signer != SignerFor(Kind) || Signature is null) throw new CryptoFailure($"an outbox message of kind {Kind} is not signed by '{SignerFor(Kind)}'");
        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(Signature);
        }
        catch (FormatException e)
        {
            throw new CryptoFailure("an outbox message has a malformed signature", e);
        }
        HotlineCrypto.Verify(System.Text.Encoding.UTF8.GetBytes(SignedMessage), signature, signerPublicKey);
    }

    public static OutboxMessage? FromFields(NameValueEntry[] fields)
    {
        var map = RedisFields.ToMap(fields);
        if (map.GetValueOrDefault("conversationId") is not { Length: > 0 } conversationId) return null;
        if (!Enum.TryParse<OutboxKind>(map.GetValueOrDefault("kind"), out var kind)) return null;
        byte[]? sealedText;
        try
        {
            sealedText = map.GetValueOrDefault("sealed") is { Length: > 0 } s ? Convert.FromBase64String(s) : null;
        }
        catch (FormatException)
        {
            return null;
        }
        return new OutboxMessage(conversationId, kind, sealedText,
            int.TryParse(map.GetValueOrDefault("place"), out var place) ? place : null,
            long.TryParse(map.GetValueOrDefault("seq"), out var sequence) ? sequence : null,
            map.GetValueOrDefault("signer"), map.GetValueOrDefault("sig"));
    }
}
