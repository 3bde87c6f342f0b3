using Microsoft.Extensions.Options;

namespace Hotline.Core.Tests.Crypto;

/// <summary>
/// The rollback of someone who can write Redis, against a real redis-server: after a rotation that removed an operator, they
/// put back the older record, genuinely signed by the team signing key, whose private half the removed operator still holds.
/// The services remember the newest record they accepted in a file outside Redis (<see cref="TeamKeyFloor"/>) and seal
/// nothing to the older one.
/// </summary>
[Collection(RedisFixture.Collection)]
public sealed class TeamKeyRollbackTests(RedisFixture redis) : SignedTeamTests(redis)
{
    /// <summary>A service's view of the team key, as AddHotlineCore builds it: the floor's file in the signing keys folder.</summary>
    private TeamKeyDirectory Service() =>
        new(new HotlineRedis(Server.Connection), Options.Create(new HotlineOptions { TeamKeyFingerprint = Fingerprint, SigningKeysDir = KeysDir }));

    private TranscriptStore Store(TeamKeyDirectory keys) =>
        new(new HotlineRedis(Server.Connection), keys, SigningIdentity.Load(KeysDir, Signers.Bot), TimeProvider.System);

    private IReadOnlyDictionary<string, byte[]> Signers_ => Signers.Services.ToDictionary(n => n, n => SigningIdentity.Load(KeysDir, n).PublicKey);

    [Fact]
    public async Task An_older_signed_team_key_record_put_back_after_a_rotation_is_refused_and_nothing_is_sealed_to_the_old_key()
    {
        var bot = Service();
        var idleService = Service(); // reads the record before the rotation, then nothing until after the rollback
        var store = Store(bot);
        await store.AppendAsync("c-rollback", Author.Person, null, "before the rotation", CancellationToken.None);
        Assert.Equal(1, (await idleService.RecordAsync(CancellationToken.None)).Version);

        // What the attacker kept: the version 1 record, which the removed operator's team key (Team) opens everything under.
        var old = await Server.Database.HashGetAllAsync(RedisKeys.TeamKey);
        var v1 = TeamKeyRecord.FromFields(old);
        var next = HotlineCrypto.NewKeyPair();
        var rotated = v1.Rotate(2, next.PublicKey, Team, "");
        await Server.Database.HashSetAsync(RedisKeys.TeamKey, rotated.ToFields());
        await store.AppendAsync("c-rollback", Author.Person, null, "after the rotation", CancellationToken.None);

        // The rollback: the genuine, validly signed version 1 record is restored exactly as it was.
        await Server.Database.KeyDeleteAsync(RedisKeys.TeamKey);
        await Server.Database.HashSetAsync(RedisKeys.TeamKey, old);
        Assert.Equal(v1.SignedMessage, TeamKeyRecord.FromFields(await Server.Database.HashGetAllAsync(RedisKeys.TeamKey)).SignedMessage);
        v1.VerifyPinned(Fingerprint); // it does verify against the pin: only the floor tells it apart

        var refused = await Assert.ThrowsAsync<TeamKeyRollback>(() => store.AppendAsync("c-rollback", Author.Person, null, "after the rollback", CancellationToken.None));
        Assert.Contains("version 1, older than version 2", refused.Message, StringComparison.Ordinal);
        // A service that never saw version 2 itself, and one started afresh after the rollback, refuse it too: the floor is in the file.
        await Assert.ThrowsAsync<TeamKeyRollback>(() => idleService.PublicKeyAsync(CancellationToken.None));
        await Assert.ThrowsAsync<TeamKeyRollback>(() => Store(Service()).AppendAsync("c-rollback", Author.Person, null, "after a restart", CancellationToken.None));
        await Assert.ThrowsAsync<TeamKeyRollback>(() => Service().SignerKeyAsync(Signers.Operator, CancellationToken.None));

        // Nothing was written after the rollback, and nothing written after the rotation opens with the old key.
        var entries = await store.ReadAsync("c-rollback", CancellationToken.None);
        Assert.Equal(2, entries.Count);
        Assert.Equal("before the rotation", Encoding.UTF8.GetString(entries[0].Open("c-rollback", Team)));
        Assert.Throws<CryptoFailure>(() => entries[1].Open("c-rollback", Team));
        Assert.Equal("after the rotation", Encoding.UTF8.GetString(entries[1].Open("c-rollback", next)));

        // Once an administrator puts the current record back, sealing resumes under it.
        await Server.Database.HashSetAsync(RedisKeys.TeamKey, rotated.ToFields());
        await store.AppendAsync("c-rollback", Author.Person, null, "put right", CancellationToken.None);
        var all = await store.ReadAsync("c-rollback", CancellationToken.None);
        Assert.Equal("put right", Encoding.UTF8.GetString(all[2].Open("c-rollback", next)));
        Assert.Throws<CryptoFailure>(() => all[2].Open("c-rollback", Team));
    }

    [Fact]
    public async Task Another_record_of_the_version_accepted_before_is_refused_even_signed_by_the_team_signing_key()
    {
        var service = Service();
        var v1 = await service.RecordAsync(CancellationToken.None);
        var next = HotlineCrypto.NewKeyPair();
        await Server.Database.HashSetAsync(RedisKeys.TeamKey, v1.Rotate(2, next.PublicKey, Team, "").ToFields());
        Assert.Equal(next.PublicKey, await service.PublicKeyAsync(CancellationToken.None));

        // Whoever opened the team signing key once (a removed operator) signs a second version 2 with a key of their own.
        var theirs = HotlineCrypto.NewKeyPair();
        var forked = v1.Rotate(2, theirs.PublicKey, Team, "");
        forked.VerifyPinned(Fingerprint);
        await Server.Database.HashSetAsync(RedisKeys.TeamKey, forked.ToFields());
        var refused = await Assert.ThrowsAsync<TeamKeyRollback>(() => Store(Service()).AppendAsync("c-fork", Author.Person, null, "words", CancellationToken.None));
        Assert.Contains("not the version 2 record", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await Server.Database.ListRangeAsync(RedisKeys.Transcript("c-fork")));
    }

    [Fact]
    public async Task A_service_with_an_empty_floor_takes_the_first_record_the_pin_signed_even_an_older_one_and_nothing_older_from_then_on()
    {
        var service = Service();
        var v1 = await service.RecordAsync(CancellationToken.None);
        var next = HotlineCrypto.NewKeyPair();
        var v2 = v1.Rotate(2, next.PublicKey, Team, "");
        await Server.Database.HashSetAsync(RedisKeys.TeamKey, v2.ToFields());
        Assert.Equal(2, (await service.RecordAsync(CancellationToken.None)).Version);
        // The older record put back, and a service on a new host: its floor (in its own signing keys folder) is empty.
        await Server.Database.KeyDeleteAsync(RedisKeys.TeamKey);
        await Server.Database.HashSetAsync(RedisKeys.TeamKey, v1.ToFields());
        var newHost = Directory.CreateTempSubdirectory("hotline-new-host-").FullName;
        try
        {
            TeamKeyDirectory Fresh() => new(new HotlineRedis(Server.Connection), Options.Create(new HotlineOptions { TeamKeyFingerprint = Fingerprint, SigningKeysDir = newHost }));

            // Trust on first use, among the records the pinned key signed: never one it did not sign, even with no floor.
            var theirs = TeamKeyRecord.Create(3, HotlineCrypto.NewKeyPair().PublicKey, HotlineCrypto.NewSigningKeyPair(), v1.Signers);
            await Server.Database.HashSetAsync(RedisKeys.TeamKey, theirs.ToFields());
            await Assert.ThrowsAnyAsync<CryptoFailure>(() => Fresh().PublicKeyAsync(CancellationToken.None));
            await Server.Database.KeyDeleteAsync(RedisKeys.TeamKey);
            await Server.Database.HashSetAsync(RedisKeys.TeamKey, v1.ToFields());
            // The new host takes the older genuine record: the limit the threat model states. The old host refuses it.
            Assert.Equal(Team.PublicKey, await Fresh().PublicKeyAsync(CancellationToken.None));
            await Assert.ThrowsAsync<TeamKeyRollback>(() => Service().PublicKeyAsync(CancellationToken.None));

            // Once it has seen the newer record, the new host refuses the older one as every other service does.
            await Server.Database.HashSetAsync(RedisKeys.TeamKey, v2.ToFields());
            Assert.Equal(next.PublicKey, await Fresh().PublicKeyAsync(CancellationToken.None));
            await Server.Database.KeyDeleteAsync(RedisKeys.TeamKey);
            await Server.Database.HashSetAsync(RedisKeys.TeamKey, v1.ToFields());
            await Assert.ThrowsAsync<TeamKeyRollback>(() => Fresh().PublicKeyAsync(CancellationToken.None));
        }
        finally
        {
            Directory.Delete(newHost, recursive: true);
        }
    }

    [Fact]
    public async Task A_removed_operator_who_kept_the_old_team_signing_key_and_can_write_redis_gets_no_record_they_sign_accepted()
    {
        var store = Store(Service());
        var v1 = await Service().RecordAsync(CancellationToken.None);
        // An operator is removed: the team key rotates to a key the removed operator never holds, and so does the team
        // signing key, which the old one hands over to.
        var next = HotlineCrypto.NewKeyPair();
        var v2 = v1.Rotate(2, next.PublicKey, Team, "");
        Assert.NotEqual(v1.SigningPublicKey, v2.SigningPublicKey);
        await Server.Database.HashSetAsync(RedisKeys.TeamKey, v2.ToFields());
        await store.AppendAsync("c-forged", Author.Person, null, "after the removal", CancellationToken.None);
        // The removed operator cannot open the new signing key: it is sealed to the new team key alone.
        Assert.Throws<CryptoFailure>(() => HotlineCrypto.Open(v2.SealedSigningKey, Team));

        // They kept the version 1 record and the team key they held, which opens its sealed signing key. With it they sign
        // a version 3 in every way open to them, each with a team key of their own, and write it into Redis.
        var theirs = HotlineCrypto.NewKeyPair();
        var oldSigning = new KeyPairBytes(v1.SigningPublicKey, HotlineCrypto.Open(v1.SealedSigningKey, Team));
        var forgeries = new (TeamKeyRecord Record, string Why)[]
        {
            // signed by the old key itself, as every record was before the signing key rotated
            (TeamKeyRecord.Create(3, theirs.PublicKey, oldSigning, v1.Signers), "never handed over to"),
            // a branch of their own: the old key hands over to a key of theirs
            (v1.Rotate(3, theirs.PublicKey, Team, ""), "never handed over to"),
            // the genuine chain copied, then a link of theirs (signed by the old key, not by the key of version 2)
            (Graft(v2, oldSigning, theirs.PublicKey), "does not verify"),
        };
        foreach (var (forged, why) in forgeries)
        {
            await Server.Database.KeyDeleteAsync(RedisKeys.TeamKey);
            await Server.Database.HashSetAsync(RedisKeys.TeamKey, forged.ToFields());
            // Services refuse it, the running one and one started afresh on this host (the floor is in the file), and
            // nothing is written.
            var refused = await Assert.ThrowsAnyAsync<CryptoFailure>(() => store.AppendAsync("c-forged", Author.Person, null, "after the forgery", CancellationToken.None));
            Assert.Contains(why, refused.Message, StringComparison.Ordinal);
            await Assert.ThrowsAnyAsync<CryptoFailure>(() => Store(Service()).AppendAsync("c-forged", Author.Person, null, "after a restart", CancellationToken.None));
            await Assert.ThrowsAnyAsync<CryptoFailure>(() => Service().SignerKeyAsync(Signers.Operator, CancellationToken.None));
            Assert.Single(await store.ReadAsync("c-forged", CancellationToken.None));
        }

        // What they hold opens nothing written after the removal, and once the current record is back sealing resumes under it.
        var entries = await store.ReadAsync("c-forged", CancellationToken.None);
        Assert.Throws<CryptoFailure>(() => entries[0].Open("c-forged", theirs));
        Assert.Throws<CryptoFailure>(() => entries[0].Open("c-forged", Team));
        await Server.Database.KeyDeleteAsync(RedisKeys.TeamKey);
        await Server.Database.HashSetAsync(RedisKeys.TeamKey, v2.ToFields());
        await store.AppendAsync("c-forged", Author.Person, null, "put right", CancellationToken.None);
        var all = await store.ReadAsync("c-forged", CancellationToken.None);
        Assert.Equal("put right", Encoding.UTF8.GetString(all[1].Open("c-forged", next)));

        // A later rotation by the remaining operators is accepted: it continues the chain through the key of version 2.
        var v3 = v2.Rotate(3, HotlineCrypto.NewKeyPair().PublicKey, next, "");
        await Server.Database.HashSetAsync(RedisKeys.TeamKey, v3.ToFields());
        Assert.Equal(3, (await Service().RecordAsync(CancellationToken.None)).Version);
    }

    /// <summary>The genuine chain of <paramref name="genuine"/>, then a link to <paramref name="theirs"/> signed by an older key, and a record signed with it.</summary>
    private static TeamKeyRecord Graft(TeamKeyRecord genuine, KeyPairBytes olderSigning, byte[] theirs)
    {
        var mine = HotlineCrypto.NewSigningKeyPair();
        var chain = genuine.SigningChain;
        var link = new TeamSigningLink(3, mine.PublicKey, HotlineCrypto.Sign(Encoding.UTF8.GetBytes(TeamSigningChain.LinkMessage(3, mine.PublicKey)), olderSigning.PrivateKey));
        return TeamKeyRecord.Create(3, theirs, mine, genuine.Signers, "", (chain with { Links = [.. chain.Links, link] }).Text);
    }

    [Fact]
    public async Task A_fresh_service_pinned_to_the_current_signing_key_refuses_a_removed_operators_branch_and_every_older_record()
    {
        var v1 = await Service().RecordAsync(CancellationToken.None);
        var next = HotlineCrypto.NewKeyPair();
        var v2 = v1.Rotate(2, next.PublicKey, Team, "");
        await Server.Database.HashSetAsync(RedisKeys.TeamKey, v2.ToFields());
        Assert.Equal(2, (await Service().RecordAsync(CancellationToken.None)).Version);
        // The removed operator's branch, from the team signing key of version 1 which they could open.
        var theirs = HotlineCrypto.NewKeyPair();
        var branch = v1.Rotate(3, theirs.PublicKey, Team, "");
        var newHost = Directory.CreateTempSubdirectory("hotline-new-host-").FullName;
        try
        {
            TeamKeyDirectory Fresh(string pin) => new(new HotlineRedis(Server.Connection), Options.Create(new HotlineOptions { TeamKeyFingerprint = pin, SigningKeysDir = newHost }));
            async Task Put(TeamKeyRecord record)
            {
                await Server.Database.KeyDeleteAsync(RedisKeys.TeamKey);
                await Server.Database.HashSetAsync(RedisKeys.TeamKey, record.ToFields());
            }

            // Pinned to the key that signs version 2 (what the console shows after the removal): on a host with an empty
            // floor the branch is refused, and so are the record of version 1 and a record the old key signs itself.
            var pin = v2.Fingerprint;
            Assert.NotEqual(Fingerprint, pin);
            foreach (var older in new[] { branch, v1, TeamKeyRecord.Create(3, theirs.PublicKey, new KeyPairBytes(v1.SigningPublicKey, HotlineCrypto.Open(v1.SealedSigningKey, Team)), v1.Signers) })
            {
                await Put(older);
                var refused = await Assert.ThrowsAnyAsync<CryptoFailure>(() => Fresh(pin).PublicKeyAsync(CancellationToken.None));
                Assert.Contains("pinned", refused.Message, StringComparison.Ordinal);
                Assert.False(File.Exists(Path.Combine(newHost, TeamKeyFloor.FileName)), "nothing refused may raise a floor");
            }
            // The genuine record, and each later rotation of it, is taken.
            await Put(v2);
            Assert.Equal(next.PublicKey, await Fresh(pin).PublicKeyAsync(CancellationToken.None));
            var v3 = v2.Rotate(3, HotlineCrypto.NewKeyPair().PublicKey, next, "");
            await Put(v3);
            Assert.Equal(v3.PublicKey, await Fresh(pin).PublicKeyAsync(CancellationToken.None));

            // Pinned to the team's first key instead, a host with an empty floor would take the branch: the limit the
            // threat model states, and why a new host is given the current fingerprint.
            Directory.Delete(newHost, recursive: true);
            Directory.CreateDirectory(newHost);
            await Put(branch);
            Assert.Equal(theirs.PublicKey, await Fresh(Fingerprint).PublicKeyAsync(CancellationToken.None));
            // ... and the hosts that saw version 2 refuse it all the same.
            await Assert.ThrowsAsync<TeamKeyRollback>(() => Service().PublicKeyAsync(CancellationToken.None));
        }
        finally
        {
            Directory.Delete(newHost, recursive: true);
        }
    }

    [Fact]
    public async Task The_floor_file_outside_redis_holds_the_newest_version_and_a_malformed_one_refuses_every_record()
    {
        var service = Service();
        var v1 = await service.RecordAsync(CancellationToken.None);
        var path = Path.Combine(KeysDir, TeamKeyFloor.FileName);
        Assert.Contains("\"Version\":1", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        await Server.Database.HashSetAsync(RedisKeys.TeamKey, v1.Rotate(2, HotlineCrypto.NewKeyPair().PublicKey, Team, "").ToFields());
        await service.RecordAsync(CancellationToken.None);
        Assert.Contains("\"Version\":2", await File.ReadAllTextAsync(path), StringComparison.Ordinal);

        // A floor the service cannot read is not "no floor": it fails closed.
        await File.WriteAllTextAsync(path, "{\"Fingerprint\":");
        await Assert.ThrowsAnyAsync<Exception>(() => Service().RecordAsync(CancellationToken.None));
    }
}
