using System.Text.Json;
using Hotline.Core.Events;

namespace Hotline.Core.Tests.Storage;

/// <summary>
/// Transcript entries and events' fields are written by code generated at build time: what is stored must be exactly what
/// the reflection-based serializer wrote before, so that a service of the previous version reads it (and signatures, chains
/// and outbox removals by value still match), and what that version stored must read the same.
/// </summary>
public sealed class StoredJsonTests
{
    private static readonly KeyPairBytes Team = HotlineCrypto.NewKeyPair();
    private static readonly SigningIdentity Bot = new(Signers.Bot, HotlineCrypto.NewSigningKeyPair());

    public static TheoryData<string> Entries => ["plain", "with words", "version 2"];

    private static TranscriptEntry Entry(string kind)
    {
        var key = new DataKey("k1", HotlineCrypto.RandomBytes(32), Team.PublicKey, "sealed");
        return kind switch
        {
            "plain" => TranscriptEntry.Seal("c-1", 0, Author.Person, null, 1_700_000_000_000, TranscriptEntry.Genesis, "ndihmë \"tani\" <3"u8, key, Bot),
            "with words" => TranscriptEntry.Seal("c-1", 4, Author.Operator, "demo", 1_700_000_000_001, TranscriptEntry.Genesis, "jam këtu"u8, key, Bot,
                new OperatorSignature("w1", HotlineCrypto.RandomBytes(64))),
            _ => TranscriptEntry.Seal("c-1", 2, Author.Bot, null, 1_700_000_000_002, TranscriptEntry.Genesis, "mirë"u8, Team.PublicKey, Bot),
        } with { DataKey = kind == "plain" ? "attached" : null };
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public void A_transcript_entry_is_stored_and_read_as_the_reflection_serializer_does(string kind)
    {
        var entry = Entry(kind);
        var reflected = JsonSerializer.Serialize(entry);

        Assert.Equal(reflected, JsonSerializer.Serialize(entry, StoredJson.Default.TranscriptEntry));
        Assert.Equal(JsonSerializer.Deserialize<TranscriptEntry>(reflected), JsonSerializer.Deserialize(reflected, StoredJson.Default.TranscriptEntry));
    }

    [Fact]
    public void An_events_fields_are_stored_and_read_as_the_reflection_serializer_does()
    {
        NameValueEntry[] fields = [new("type", "message"), new("conversation", "c-1"), new("severity", "critical"), new("note", "\"ë\" <&>")];
        var stored = EventOutbox.Serialize(fields);

        Assert.Equal(JsonSerializer.Serialize(fields.ToDictionary(f => f.Name.ToString(), f => f.Value.ToString())), stored);
        Assert.Equal(fields, EventOutbox.Deserialize(stored));
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public void An_entrys_chain_hash_and_signature_are_those_of_its_parts_decoded_one_by_one_and_its_message_as_text(string kind)
    {
        // Sealed under a data key named as the Bot names them (base64), so the hash reads the key's id as bytes too.
        var key = new DataKey(Convert.ToBase64String(HotlineCrypto.RandomBytes(16)), HotlineCrypto.RandomBytes(32), Team.PublicKey, "sealed");
        var entry = kind == "version 2" ? Entry(kind)
            : TranscriptEntry.Seal("c-1", 7, Author.Person, null, 1_700_000_000_003, Convert.ToBase64String(HotlineCrypto.RandomBytes(HotlineCrypto.ChainHashBytes)), "ndihmë"u8, key, Bot,
                kind == "with words" ? new OperatorSignature("w1", HotlineCrypto.RandomBytes(64)) : null);

        Assert.Equal(Convert.ToBase64String(HotlineCrypto.ChainHash(Convert.FromBase64String(entry.Prev), entry.Payload())), entry.ChainHash());
        entry.VerifySignature("c-1", new Dictionary<string, byte[]> { [Signers.Bot] = Bot.PublicKey });
        Assert.Throws<FormatException>(() => (entry with { Ciphertext = entry.Ciphertext + "*" }).ChainHash());
    }
}
