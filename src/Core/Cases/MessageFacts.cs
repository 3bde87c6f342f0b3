using System.Text.Json;
using System.Text.Json.Serialization;
using Hotline.Core.Crypto;
using Hotline.Core.Events;

namespace Hotline.Core.Cases;

/// <summary>
/// What screening found in one message that could name the person: an age, an area, that they are a minor, and where
/// indicators fired (positions only). Never stored as such: sealed to the team key (crypto_box_seal), so only an
/// operator's browser opens it, as it opens transcript entries. The sealed value names its conversation and entry, which
/// the browser checks, so a sealed value copied onto another case does not show there.
/// </summary>
public sealed record MessageFacts(int? Age, string? Place, bool Minor, IReadOnlyList<IndicatorRef> Indicators)
{
    public const int CurrentVersion = 1;

    /// <summary>The entry name of an area an operator recorded (facts from messages are named by sequence number).</summary>
    public const string Recorded = "recorded";

    public static MessageFacts None { get; } = new(null, null, false, []);

    public bool IsEmpty => Age is null && string.IsNullOrEmpty(Place) && !Minor && Indicators.Count == 0;

    private sealed record Wire(
        [property: JsonPropertyName("v")] int Version,
        [property: JsonPropertyName("conversationId")] string ConversationId,
        [property: JsonPropertyName("entry")] string Entry,
        [property: JsonPropertyName("age")] int? Age,
        [property: JsonPropertyName("place")] string? Place,
        [property: JsonPropertyName("minor")] bool Minor,
        [property: JsonPropertyName("indicators")] IReadOnlyList<WireIndicator> Indicators);

    private sealed record WireIndicator(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("category")] string Category,
        [property: JsonPropertyName("start")] int Start,
        [property: JsonPropertyName("length")] int Length);

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Sealed to the team public key, in standard base64; <paramref name="entry"/> is the transcript sequence number or <see cref="Recorded"/>.</summary>
    public string Seal(byte[] teamPublicKey, string conversationId, string entry)
    {
        var wire = new Wire(CurrentVersion, conversationId, entry, Age, string.IsNullOrEmpty(Place) ? null : Place, Minor,
            Indicators.Select(i => new WireIndicator(i.Id, i.Category, i.Start, i.Length)).ToList());
        return Convert.ToBase64String(HotlineCrypto.Seal(JsonSerializer.SerializeToUtf8Bytes(wire, Json), teamPublicKey));
    }

    /// <summary>
    /// Opens a sealed value with the team key pair (only a holder of the team key can: an operator's browser, or a test).
    /// </summary>
    /// <exception cref="CryptoFailure">It does not open, or it names another conversation or entry.</exception>
    public static MessageFacts Open(string sealedValue, KeyPairBytes team, string conversationId, string entry)
    {
        var wire = JsonSerializer.Deserialize<Wire>(HotlineCrypto.Open(Convert.FromBase64String(sealedValue), team), Json)
            ?? throw new CryptoFailure("sealed facts are empty");
        if (wire.ConversationId != conversationId || wire.Entry != entry) throw new CryptoFailure("sealed facts belong to another case or entry");
        return new MessageFacts(wire.Age, wire.Place, wire.Minor, wire.Indicators.Select(i => new IndicatorRef(i.Id, i.Category, i.Start, i.Length)).ToList());
    }
}
