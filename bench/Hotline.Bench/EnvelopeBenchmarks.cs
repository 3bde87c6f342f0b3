using System.Text;
using BenchmarkDotNet.Attributes;
using Hotline.Core.Crypto;
using Hotline.Core.Transcripts;

namespace Hotline.Bench;

/// <summary>
/// The cost of one transcript entry on one core: what a writer pays (seal to the team key and sign with its service
/// key) and what a reader pays (verify the signature, open the sealed key, decrypt). A 160-character message.
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

    [GlobalSetup]
    public void Setup()
    {
        team = HotlineCrypto.NewKeyPair();
        bot = new SigningIdentity(Signers.Bot, HotlineCrypto.NewSigningKeyPair());
        signers = new Dictionary<string, byte[]> { [Signers.Bot] = bot.PublicKey };
        text = Encoding.UTF8.GetBytes(new string('a', 120) + " më rreh burri, kam frikë, ku të shkoj sonte?");
        sealedEntry = SealAndSign();
    }

    [Benchmark(Description = "seal + sign one entry")]
    public TranscriptEntry SealAndSign() =>
        TranscriptEntry.Seal(ConversationId, 7, Author.Person, null, 1764800000000, TranscriptEntry.Genesis, text, team.PublicKey, bot);

    [Benchmark(Description = "verify + open one entry")]
    public byte[] VerifyAndOpen()
    {
        var e = sealedEntry;
        e.VerifySignature(ConversationId, signers);
        return HotlineCrypto.OpenEntry(e.Payload(), TranscriptEntry.AssociatedData(ConversationId, e.Sequence, e.Author, e.By, e.At, e.Prev), team);
    }
}
