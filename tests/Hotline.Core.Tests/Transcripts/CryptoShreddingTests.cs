using System.Text;
using System.Text.Json;
using Hotline.Core.Cases;
using Hotline.Core.Crypto;
using Hotline.Core.Events;
using Hotline.Core.Storage;
using Hotline.Core.Tests.Crypto;
using Hotline.Core.Telemetry;
using Hotline.Core.Transcripts;
using Hotline.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using System.Diagnostics.Metrics;

namespace Hotline.Core.Tests.Transcripts;

/// <summary>
/// Per-conversation data keys against a real redis-server: entries are encrypted under a conversation's data key whose
/// only stored copy is sealed to the team key, and the one deletion path removes that copy, so every copy of the
/// entries taken before (an AOF not yet rewritten, a replica, a dump of the transcript) stays shut, even to the team key.
/// </summary>
[Collection(RedisFixture.Collection)]
public sealed class CryptoShreddingTests(RedisFixture redis) : SignedTeamTests(redis)
{
    private HotlineRedis Redis => new(Server.Connection);

    private TranscriptStore Store(string signer) =>
        new(Redis, new TeamKeyDirectory(Redis, Options.Create(new HotlineOptions { TeamKeyFingerprint = Fingerprint })), SigningIdentity.Load(KeysDir, signer), TimeProvider.System);

    private IReadOnlyDictionary<string, byte[]> SignerKeys => Signers.Services.ToDictionary(n => n, n => SigningIdentity.Load(KeysDir, n).PublicKey);

    private ConversationDeletion Deletion()
    {
        var metrics = new HotlineMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());
        var outbox = new EventOutbox(Redis, metrics, TimeProvider.System, NullLogger<EventOutbox>.Instance);
        return new ConversationDeletion(Redis, outbox, new CaseStore(Redis, TimeProvider.System), new CaseTimeline(Redis, TimeProvider.System), TimeProvider.System,
            NullLogger<ConversationDeletion>.Instance);
    }

    private async Task<List<TranscriptEntry>> RawCopyAsync(string conversationId) =>
        (await Server.Database.ListRangeAsync(RedisKeys.Transcript(conversationId))).Select(v => JsonSerializer.Deserialize<TranscriptEntry>(v.ToString())!).ToList();

    [Fact]
    public async Task Entries_are_encrypted_under_the_conversations_data_key_which_only_the_team_key_opens()
    {
        var bot = Store(Signers.Bot);
        var op = Store(Signers.Operator);
        await bot.AppendAsync("c-keys", Author.Person, null, "më ndihmoni", CancellationToken.None);
        await op.AppendAsync("c-keys", Author.Operator, "demo", "jam këtu", CancellationToken.None);
        await bot.AppendAsync("c-keys", Author.Person, null, "faleminderit", CancellationToken.None);

        var entries = await bot.ReadAsync("c-keys", CancellationToken.None);
        Assert.All(entries, e => Assert.Equal(TranscriptEntry.CurrentVersion, e.Version));
        // Each writer made one key for the conversation and wrote every later entry under it.
        var stored = await Server.Database.HashGetAllAsync(RedisKeys.TranscriptKeys("c-keys"));
        Assert.Equal(2, stored.Length);
        Assert.Equal(entries[0].SealedKey, entries[2].SealedKey);
        Assert.NotEqual(entries[0].SealedKey, entries[1].SealedKey);
        Assert.Equal(["më ndihmoni", "jam këtu", "faleminderit"], TranscriptStore.OpenAll("c-keys", entries, Team, SignerKeys));
        var stranger = HotlineCrypto.NewKeyPair();
        Assert.All(entries, e => Assert.Throws<CryptoFailure>(() => e.Open("c-keys", new KeyPairBytes(Team.PublicKey, stranger.PrivateKey))));
    }

    [Fact]
    public async Task After_deletion_a_copy_of_the_entries_taken_before_cannot_be_opened_even_with_the_team_key()
    {
        var bot = Store(Signers.Bot);
        var op = Store(Signers.Operator);
        await Server.Database.HashSetAsync(RedisKeys.Conversation("c-shred"), "channel", "webchat");
        await bot.AppendAsync("c-shred", Author.Person, null, "ai më kërcënon", CancellationToken.None);
        await op.AppendAsync("c-shred", Author.Operator, "demo", "je e sigurt tani?", CancellationToken.None);
        // What a stolen AOF, a replica or a dump of the list holds: the stored entries, and (while they exist) their keys.
        var copy = await RawCopyAsync("c-shred");
        var copyWithKeys = await bot.ReadAsync("c-shred", CancellationToken.None);
        Assert.Equal(["ai më kërcënon", "je e sigurt tani?"], TranscriptStore.OpenAll("c-shred", copyWithKeys, Team, SignerKeys));

        Assert.True((await Deletion().DeleteConversationAsync("c-shred")).Found);

        Assert.False(await Server.Database.KeyExistsAsync(RedisKeys.TranscriptKeys("c-shred")));
        Assert.False(await Server.Database.KeyExistsAsync(RedisKeys.Transcript("c-shred")));
        // The entries as they were stored, and what Redis can give for them now: neither opens with the team private key.
        var keysNow = (await Server.Database.HashGetAllAsync(RedisKeys.TranscriptKeys("c-shred"))).ToDictionary(k => k.Name.ToString(), k => k.Value.ToString());
        foreach (var e in copy)
        {
            var failure = Assert.Throws<CryptoFailure>(() => (keysNow.TryGetValue(e.SealedKey, out var k) ? e with { DataKey = k } : e).Open("c-shred", Team));
            Assert.Contains("data key is gone", failure.Message);
        }
        Assert.Throws<CryptoFailure>(() => TranscriptStore.OpenAll("c-shred", copy, Team, SignerKeys));
    }

    [Fact]
    public async Task Writing_again_after_deletion_never_brings_back_the_deleted_key()
    {
        var bot = Store(Signers.Bot);
        await Server.Database.HashSetAsync(RedisKeys.Conversation("c-again"), "channel", "sms");
        await bot.AppendAsync("c-again", Author.Person, null, "fjalët e para", CancellationToken.None);
        var copy = await RawCopyAsync("c-again");
        Assert.True((await Deletion().DeleteConversationAsync("c-again")).Found);

        // The same writer, whose memory still holds the key of the deleted words, writes to the same conversation id.
        var later = await bot.AppendAsync("c-again", Author.Bot, null, "mesazhet u fshinë", CancellationToken.None);

        Assert.NotEqual(copy[0].SealedKey, later.SealedKey);
        var stored = await Server.Database.HashGetAllAsync(RedisKeys.TranscriptKeys("c-again"));
        Assert.Equal([later.SealedKey], stored.Select(k => k.Name.ToString()));
        Assert.Throws<CryptoFailure>(() => (copy[0] with { DataKey = stored[0].Value.ToString() }).Open("c-again", Team));
        Assert.Equal(["mesazhet u fshinë"], TranscriptStore.OpenAll("c-again", await bot.ReadAsync("c-again", CancellationToken.None), Team, SignerKeys));
    }

    [Fact]
    public async Task Entries_written_the_old_way_still_open_beside_new_ones()
    {
        // A version 2 entry (its own key sealed straight to the team key), as stored before data keys.
        var old = TranscriptEntry.Seal("c-mixed", 0, Author.Person, null, 1764800000000, TranscriptEntry.Genesis, "e vjetër"u8, Team.PublicKey,
            SigningIdentity.Load(KeysDir, Signers.Bot));
        await Server.Database.ListRightPushAsync(RedisKeys.Transcript("c-mixed"), JsonSerializer.Serialize(old));
        await Store(Signers.Operator).AppendAsync("c-mixed", Author.Operator, "demo", "e re", CancellationToken.None);

        var entries = await Store(Signers.Bot).ReadAsync("c-mixed", CancellationToken.None);
        Assert.Equal([2, TranscriptEntry.CurrentVersion], entries.Select(e => e.Version));
        Assert.Equal(["e vjetër", "e re"], TranscriptStore.OpenAll("c-mixed", entries, Team, SignerKeys));
    }

    [Fact]
    public async Task After_a_team_key_rotation_the_next_entry_goes_under_a_new_data_key_the_old_team_key_cannot_open()
    {
        var bot = Store(Signers.Bot);
        var before = await bot.AppendAsync("c-rotate", Author.Person, null, "para", CancellationToken.None);
        var next = HotlineCrypto.NewKeyPair();
        var record = TeamKeyRecord.FromFields(await Server.Database.HashGetAllAsync(RedisKeys.TeamKey));
        await Server.Database.HashSetAsync(RedisKeys.TeamKey, record.Rotate(record.Version + 1, next.PublicKey, Team).ToFields());

        var after = await bot.AppendAsync("c-rotate", Author.Person, null, "pas", CancellationToken.None);

        Assert.NotEqual(before.SealedKey, after.SealedKey);
        var entries = await bot.ReadAsync("c-rotate", CancellationToken.None);
        Assert.Equal("para", Encoding.UTF8.GetString(entries[0].Open("c-rotate", Team)));
        Assert.Throws<CryptoFailure>(() => entries[1].Open("c-rotate", Team));
        Assert.Equal("pas", Encoding.UTF8.GetString(entries[1].Open("c-rotate", next)));
    }
}
