using System.Text.Json;
using Hotline.Core.Outbox;
using Microsoft.Extensions.Options;

namespace Hotline.Core.Tests.Crypto;

/// <summary>
/// The attacks of someone who can write to Redis, carried out against a real redis-server: swapping the team key,
/// appending an "operator" entry, putting a reply on the outbox, swapping the Bot's box key. Each now gets nothing.
/// </summary>
[Collection(RedisFixture.Collection)]
public sealed class SignedAndPinnedTests(RedisFixture redis) : SignedTeamTests(redis)
{
    private TeamKeyDirectory Directory_(string? pin = null) =>
        new(new HotlineRedis(Server.Connection), Options.Create(new HotlineOptions { TeamKeyFingerprint = pin ?? Fingerprint }));

    private TranscriptStore Store(string signer) =>
        new(new HotlineRedis(Server.Connection), Directory_(), SigningIdentity.Load(KeysDir, signer), TimeProvider.System);

    private IReadOnlyDictionary<string, byte[]> Signers_ => Signers.Services.ToDictionary(n => n, n => SigningIdentity.Load(KeysDir, n).PublicKey);

    [Fact]
    public void A_signature_verifies_only_for_the_exact_message_and_key()
    {
        var signer = HotlineCrypto.NewSigningKeyPair();
        var other = HotlineCrypto.NewSigningKeyPair();
        var signature = HotlineCrypto.Sign("hl-entry"u8, signer.PrivateKey);

        HotlineCrypto.Verify("hl-entry"u8, signature, signer.PublicKey);
        Assert.Throws<CryptoFailure>(() => HotlineCrypto.Verify("hl-entrY"u8, signature, signer.PublicKey));
        Assert.Throws<CryptoFailure>(() => HotlineCrypto.Verify("hl-entry"u8, signature, other.PublicKey));
        Assert.Throws<CryptoFailure>(() => HotlineCrypto.Verify("hl-entry"u8, signature[..63], signer.PublicKey));
    }

    [Fact]
    public async Task Rewritten_team_key_is_refused_and_nothing_is_sealed_to_the_attackers_key()
    {
        var store = Store(Signers.Bot);
        await store.AppendAsync("c-pin", Author.Person, null, "first words", CancellationToken.None);

        // The attack from the review: put one's own key in the record. With one's own signing key too, it still fails the pin.
        var attacker = HotlineCrypto.NewKeyPair();
        var attackerSigning = HotlineCrypto.NewSigningKeyPair();
        await Server.Database.HashSetAsync(RedisKeys.TeamKey, "public", Convert.ToBase64String(attacker.PublicKey));
        await Assert.ThrowsAsync<TeamKeyUntrusted>(() => store.AppendAsync("c-pin", Author.Person, null, "second words", CancellationToken.None));
        var forged = TeamKeyRecord.Create(2, attacker.PublicKey, attackerSigning, Signers_);
        await Server.Database.HashSetAsync(RedisKeys.TeamKey, forged.ToFields());
        await Assert.ThrowsAsync<TeamKeyUntrusted>(() => store.AppendAsync("c-pin", Author.Person, null, "second words", CancellationToken.None));

        var entries = await store.ReadAsync("c-pin", CancellationToken.None);
        var only = Assert.Single(entries);
        Assert.Throws<CryptoFailure>(() => only.Open("c-pin", attacker));
        Assert.Equal(["first words"], TranscriptStore.OpenAll("c-pin", entries, Team, Signers_));
    }

    [Fact]
    public async Task A_removal_erased_from_or_forged_into_the_team_key_record_makes_services_refuse_the_record()
    {
        var directory = Directory_();
        var created = await directory.RecordAsync(CancellationToken.None);
        Assert.Equal("", created.Removed); // a record made now signs its removals, even none
        var teamSigning = new KeyPairBytes(created.SigningPublicKey, HotlineCrypto.Open(created.SealedSigningKey, Team));
        var ana = OperatorKeyCertificate.Create("ana", HotlineCrypto.NewSigningKeyPair().PublicKey, teamSigning.PrivateKey);
        var bo = OperatorKeyCertificate.Create("bo", HotlineCrypto.NewSigningKeyPair().PublicKey, teamSigning.PrivateKey);
        var anaRemoved = new OperatorRemoval("ana", Convert.ToBase64String(ana.SignPublic), 1764800005000);
        var removing = created.Rotate(2, created.PublicKey, Team, OperatorRemoval.Text([anaRemoved]));
        await Server.Database.HashSetAsync(RedisKeys.TeamKey, removing.ToFields());
        var signed = await directory.RecordAsync(CancellationToken.None);
        Assert.Equal(1764800005000, signed.RemovedAt(ana));
        // The roster's own marks count for nothing against a record that signs removals: neither one erased nor one forged.
        Assert.Equal(1764800005000, signed.RemovedAt(ana with { RemovedAt = null }));
        Assert.Null(signed.RemovedAt(bo with { RemovedAt = 1764800000000 }));

        // A Redis writer erases ana's removal from the record, or deletes the field, or adds a removal of bo: refused.
        foreach (var (field, value) in new[] { ("removed", ""), ("removed", OperatorRemoval.Text([anaRemoved, new OperatorRemoval("bo", Convert.ToBase64String(bo.SignPublic), 1764800000000)])) })
        {
            await Server.Database.HashSetAsync(RedisKeys.TeamKey, field, value);
            await Assert.ThrowsAsync<TeamKeyUntrusted>(() => directory.RecordAsync(CancellationToken.None));
        }
        await Server.Database.HashDeleteAsync(RedisKeys.TeamKey, "removed");
        await Assert.ThrowsAsync<TeamKeyUntrusted>(() => directory.RecordAsync(CancellationToken.None));
        await Assert.ThrowsAsync<TeamKeyUntrusted>(() => Store(Signers.Bot).AppendAsync("c-removal", Author.Person, null, "words", CancellationToken.None));

        // A record written before removals were signed still verifies; there, and only there, the roster's mark counts.
        var legacy = new TeamKeyRecord(2, created.PublicKey, created.SigningPublicKey, created.Signers, created.SealedSigningKey, "");
        legacy = legacy with { Signature = Convert.ToBase64String(HotlineCrypto.Sign(System.Text.Encoding.UTF8.GetBytes(legacy.SignedMessage), teamSigning.PrivateKey)) };
        Assert.StartsWith("hl-team-key-v1|", legacy.SignedMessage, StringComparison.Ordinal);
        await Server.Database.KeyDeleteAsync(RedisKeys.TeamKey);
        await Server.Database.HashSetAsync(RedisKeys.TeamKey, legacy.ToFields());
        // (Read by a service that never accepted the version 2 above: to one that did, another version 2 is a rollback.)
        var old = await Directory_().RecordAsync(CancellationToken.None);
        Assert.Null(old.Removed);
        Assert.Equal(1764800000000, old.RemovedAt(bo with { RemovedAt = 1764800000000 }));
    }

    [Fact]
    public async Task A_service_with_another_pin_refuses_the_genuine_record()
    {
        var elsewhere = Directory_(pin: HotlineCrypto.Fingerprint(HotlineCrypto.NewSigningKeyPair().PublicKey));
        await Assert.ThrowsAsync<TeamKeyUntrusted>(() => elsewhere.PublicKeyAsync(CancellationToken.None));
        Assert.Equal(Team.PublicKey, await Directory_().PublicKeyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Operator_entry_appended_straight_into_Redis_does_not_verify()
    {
        var store = Store(Signers.Bot);
        var first = await store.AppendAsync("c-fake", Author.Person, null, "help me", CancellationToken.None);

        // Sealed to the real team key, chained correctly, but signed by a key the team record does not list.
        var stranger = new SigningIdentity(Signers.Operator, HotlineCrypto.NewSigningKeyPair());
        var fake = TranscriptEntry.Seal("c-fake", 1, Author.Operator, "demo", first.At + 1, first.ChainHash(), "come to this address"u8, Team.PublicKey, stranger);
        await Server.Database.ListRightPushAsync(RedisKeys.Transcript("c-fake"), JsonSerializer.Serialize(fake));
        // And one signed by the Bot's real key, claiming to be an operator's words.
        var botAsOperator = TranscriptEntry.Seal("c-fake", 2, Author.Operator, "demo", first.At + 2, fake.ChainHash(), "come now"u8, Team.PublicKey, SigningIdentity.Load(KeysDir, Signers.Bot));
        await Server.Database.ListRightPushAsync(RedisKeys.Transcript("c-fake"), JsonSerializer.Serialize(botAsOperator));

        var entries = await store.ReadAsync("c-fake", CancellationToken.None);
        entries[0].VerifySignature("c-fake", Signers_);
        Assert.Throws<CryptoFailure>(() => entries[1].VerifySignature("c-fake", Signers_));
        Assert.Throws<CryptoFailure>(() => entries[2].VerifySignature("c-fake", Signers_));
        Assert.Throws<CryptoFailure>(() => TranscriptStore.OpenAll("c-fake", entries, Team, Signers_));
    }

    [Fact]
    public async Task Genuine_operator_entry_verifies_and_an_edited_one_does_not()
    {
        var entry = await Store(Signers.Operator).AppendAsync("c-op", Author.Operator, "demo", "I am here", CancellationToken.None);
        entry.VerifySignature("c-op", Signers_);
        Assert.Throws<CryptoFailure>(() => (entry with { By = "nightshift" }).VerifySignature("c-op", Signers_));
        Assert.Throws<CryptoFailure>(() => (entry with { At = entry.At + 1 }).VerifySignature("c-op", Signers_));
        Assert.Throws<CryptoFailure>(() => entry.VerifySignature("c-other", Signers_));
    }

    [Fact]
    public async Task Outbox_message_verifies_only_from_the_service_that_may_send_it()
    {
        var operatorSigner = SigningIdentity.Load(KeysDir, Signers.Operator);
        var keys = Directory_();
        var reply = new OutboxMessage("c-out", OutboxKind.Reply, [1, 2, 3]);
        var operatorKey = await keys.SignerKeyAsync(Signers.Operator, CancellationToken.None);
        var stored = OutboxMessage.FromFields(reply.ToFields(operatorSigner))!;
        stored.VerifySignature(operatorKey);

        var byBot = OutboxMessage.FromFields(reply.ToFields(SigningIdentity.Load(KeysDir, Signers.Bot)))!;
        Assert.Throws<CryptoFailure>(() => byBot.VerifySignature(operatorKey));
        var unsigned = OutboxMessage.FromFields([new("conversationId", "c-out"), new("kind", "Reply"), new("sealed", "AQID")])!;
        Assert.Throws<CryptoFailure>(() => unsigned.VerifySignature(operatorKey));
        var redirected = stored with { ConversationId = "c-elsewhere" };
        Assert.Throws<CryptoFailure>(() => redirected.VerifySignature(operatorKey));
    }

    [Fact]
    public async Task Bot_box_key_written_into_Redis_by_someone_else_is_refused()
    {
        var keys = Directory_();
        var bot = HotlineCrypto.NewKeyPair();
        await Server.Database.StringSetAsync(RedisKeys.BotKey, SignedBotKey.Create(bot.PublicKey, SigningIdentity.Load(KeysDir, Signers.Bot)));
        Assert.Equal(bot.PublicKey, await keys.BotPublicKeyAsync(CancellationToken.None));

        var attacker = HotlineCrypto.NewKeyPair();
        await Server.Database.StringSetAsync(RedisKeys.BotKey, SignedBotKey.Create(attacker.PublicKey, new SigningIdentity(Signers.Bot, HotlineCrypto.NewSigningKeyPair())));
        await Assert.ThrowsAsync<CryptoFailure>(() => keys.BotPublicKeyAsync(CancellationToken.None));
    }
}
