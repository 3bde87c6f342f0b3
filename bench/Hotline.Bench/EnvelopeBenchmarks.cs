using System.Text;
using BenchmarkDotNet.Attributes;
using Hotline.Core.Crypto;
using Hotline.Core.Transcripts;

namespace Hotline.Bench;

/// <summary>
/// The cost of one transcript entry on one core: what a writer pays (encrypt and sign with its service key) and what a
/// reader pays (verify the signature, decrypt). A 160-character message. Entries are written under the conversation's
/// data key (version 3); the version 2 rows (each entry's own key sealed to the team key) are kept to compare, and
/// opening a data key happens once per key, not per entry. An operator's entry costs the reader more: the operator's own
/// signature over the words, encrypted under the same data key, is decrypted and checked too.
/// </summary>
[BenchmarkCategory("Envelope")]
public class EnvelopeBenchmarks
{
    private const string ConversationId = "c0123456789abcdef";

    private KeyPairBytes team = null!;
    private SigningIdentity bot = null!;
    private Dictionary<string, byte[]> signers = [];
    private byte[] text = [];
    private TranscriptEntry sealedEntry = null!;
    private DataKey dataKey = null!;
    private TranscriptEntry dataKeyEntry = null!;
    private byte[] openedDataKey = [];
    private TranscriptEntry operatorEntry = null!;
    private KeyPairBytes ana = null!;

    [GlobalSetup]
    public void Setup()
    {
        team = HotlineCrypto.NewKeyPair();
        bot = new SigningIdentity(Signers.Bot, HotlineCrypto.NewSigningKeyPair());
        var service = new SigningIdentity(Signers.Operator, HotlineCrypto.NewSigningKeyPair());
        signers = new Dictionary<string, byte[]> { [Signers.Bot] = bot.PublicKey, [Signers.Operator] = service.PublicKey };
        text = Encoding.UTF8.GetBytes(new string('a', 120) + " më rreh burri, kam frikë, ku të shkoj sonte?");
        sealedEntry = SealAndSign();
        var (key, sealedKey) = HotlineCrypto.NewDataKey(team.PublicKey);
        dataKey = new DataKey("AAAAAAAAAAAAAAAAAAAAAA==", key, team.PublicKey, Convert.ToBase64String(sealedKey));
        dataKeyEntry = SealAndSignWithDataKey() with { DataKey = dataKey.Sealed };
        openedDataKey = HotlineCrypto.OpenDataKey(sealedKey, team);
        ana = HotlineCrypto.NewSigningKeyPair();
        var id = Convert.ToBase64String(HotlineCrypto.RandomBytes(OperatorSignature.IdBytes));
        var words = new OperatorSignature(id, HotlineCrypto.Sign(Encoding.UTF8.GetBytes(OperatorSignature.Message(ConversationId, "ana", id, Encoding.UTF8.GetString(text))), ana.PrivateKey));
        operatorEntry = TranscriptEntry.Seal(ConversationId, 8, Author.Operator, "ana", 1764800000000, TranscriptEntry.Genesis, text, dataKey, service, words) with { DataKey = dataKey.Sealed };
    }

    [Benchmark(Description = "v2: seal + sign one entry (own key sealed to the team)")]
    public TranscriptEntry SealAndSign() =>
        TranscriptEntry.Seal(ConversationId, 7, Author.Person, null, 1764800000000, TranscriptEntry.Genesis, text, team.PublicKey, bot);

    [Benchmark(Description = "v2: verify + open one entry")]
    public byte[] VerifyAndOpen()
    {
        var e = sealedEntry;
        e.VerifySignature(ConversationId, signers);
        return e.Open(ConversationId, team);
    }

    [Benchmark(Description = "v3: seal + sign one entry under the data key")]
    public TranscriptEntry SealAndSignWithDataKey() =>
        TranscriptEntry.Seal(ConversationId, 7, Author.Person, null, 1764800000000, TranscriptEntry.Genesis, text, dataKey, bot);

    [Benchmark(Description = "v3: verify + open one entry, data key already open")]
    public byte[] VerifyAndOpenWithDataKey()
    {
        var e = dataKeyEntry;
        e.VerifySignature(ConversationId, signers);
        return e.Open(ConversationId, team, new Dictionary<string, byte[]>(1) { [e.SealedKey] = openedDataKey });
    }

    [Benchmark(Description = "v3: open a data key (once per key, not per entry)")]
    public byte[] OpenDataKey() => HotlineCrypto.OpenDataKey(Convert.FromBase64String(dataKey.Sealed), team);

    [Benchmark(Description = "v3: verify + open one operator entry and its operator's own signature, data key already open")]
    public byte[] VerifyAndOpenOperatorEntry()
    {
        var e = operatorEntry;
        var opened = new Dictionary<string, byte[]>(1) { [e.SealedKey] = openedDataKey };
        e.VerifySignature(ConversationId, signers);
        var plaintext = e.Open(ConversationId, team, opened);
        OperatorSignature.VerifyEntry(ConversationId, e, Encoding.UTF8.GetString(plaintext), team, ana.PublicKey, opened);
        return plaintext;
    }
}
