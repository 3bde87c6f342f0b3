using System.Text.Json;
using Hotline.Core.Storage;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Hotline.Core.Crypto;

/// <summary>
/// Where services find the team's public key, the services' signing keys and the Bot's box key. Public keys only, and
/// each trusted only through the team signing key pinned in HOTLINE_TEAM_KEY_FINGERPRINT: a rewritten record throws
/// <see cref="CryptoFailure"/>, so nothing is ever sealed to a key an attacker put in Redis; so does an older record
/// put back in Redis after a rotation (<see cref="TeamKeyRollback"/>, against the <see cref="TeamKeyFloor"/>).
/// </summary>
public sealed class TeamKeyDirectory(HotlineRedis redis, IOptions<HotlineOptions> options, Telemetry.HotlineMetrics? metrics = null)
{
    private readonly TeamKeyFloor floor = new(options.Value.SigningKeysDir);
    private TeamKeyRecord? trusted;

    // What the sealing path may use without asking Redis (see PublicKeyAsync): the record last read, when it was read
    // (Environment.TickCount64), and the number of changes heard of, so a read that began before a change is not kept.
    private volatile Cached? cached;
    private long changes;
    private volatile bool listening;

    private sealed record Cached(TeamKeyRecord Record, long ReadAt, long Changes);

    public string PinnedFingerprint => options.Value.TeamKeyFingerprint;

    /// <summary>The record as stored, verified against the pin; re-read on every call so a rotation is seen at once.</summary>
    public async Task<TeamKeyRecord> RecordAsync(CancellationToken cancellationToken)
    {
        var changesBefore = Interlocked.Read(ref changes);
        TeamKeyRecord record;
        try
        {
            record = await ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (CryptoFailure)
        {
            // Refused (rewritten, or older than the floor): nothing is kept, so every sealing asks again and is refused.
            cached = null;
            throw;
        }
        cached = new Cached(record, Environment.TickCount64, changesBefore);
        return record;
    }

    /// <summary>
    /// The team's public key to seal to, on every message: the record this service last read and verified while nothing
    /// says it changed, without a Redis command. It is read again when Redis notices a write of the record (whoever wrote
    /// it: a rotation, or an older record put back) or a rotation is announced on <see cref="RedisKeys.TeamKeyChanged"/>,
    /// when the floor's file says another service here accepted a newer record (which the rotating service does before it
    /// answers), when not listening (the connection dropped: a change may have been missed), and at the latest after
    /// HOTLINE_TEAM_KEY_CHECK_SECONDS (the <see cref="TeamKeyWatch"/> reads it that often).
    /// Without <see cref="Listen"/> every call reads Redis.
    /// </summary>
    public async Task<byte[]> PublicKeyAsync(CancellationToken cancellationToken)
    {
        if (listening && cached is { } known && known.Changes == Interlocked.Read(ref changes)
            && Environment.TickCount64 - known.ReadAt < options.Value.TeamKeyCheckSeconds * 1000L && floor.IsCurrent(known.Record))
        {
            cancellationToken.ThrowIfCancellationRequested();
            return known.Record.PublicKey;
        }
        return (await RecordAsync(cancellationToken).ConfigureAwait(false)).PublicKey;
    }

    /// <summary>Whether announcements of a change reach this service, so <see cref="PublicKeyAsync"/> may keep the record it read.</summary>
    public bool Listening => listening;

    /// <summary>From now on announcements of a change reach this service: <see cref="PublicKeyAsync"/> may keep the record it read.</summary>
    public void Listen()
    {
        Forget();
        listening = true;
    }

    /// <summary>Announcements may be missed (the connection dropped): every sealing reads the record again until <see cref="Listen"/>.</summary>
    public void StopListening()
    {
        listening = false;
        Forget();
    }

    /// <summary>A change was announced (or may have been missed): the next sealing reads the record again.</summary>
    public void Forget()
    {
        Interlocked.Increment(ref changes);
        cached = null;
    }

    /// <summary>Tells every service the record changed (after a rotation), so none goes on sealing to the key it keeps.</summary>
    public Task AnnounceChangeAsync(long version) => redis.Subscriber.PublishAsync(RedisChannel.Literal(RedisKeys.TeamKeyChanged), version);

    private async Task<TeamKeyRecord> ReadAsync(CancellationToken cancellationToken)
    {
        var fields = await redis.Db.HashGetAllAsync(RedisKeys.TeamKey).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (fields.Length == 0) throw new InvalidOperationException("No team key has been created yet: run the Operator's 'admin init-demo' first");
        TeamKeyRecord record;
        try
        {
            record = TeamKeyRecord.FromFields(fields);
            // Verifying costs one Ed25519 check per key of the chain; skip it only when the signed bytes are exactly the ones
            // verified before and no newer record was accepted meanwhile (by this process or another sharing the floor's file).
            var known = trusted;
            if (known is not null && known.Signature == record.Signature && known.SignedMessage == record.SignedMessage && floor.IsCurrent(known)) return known;
            record.VerifyPinned(PinnedFingerprint);
            floor.Accept(record);
        }
        catch (CryptoFailure e)
        {
            metrics?.TeamKeyRefused(e is TeamKeyRollback ? "rollback" : "signature");
            if (e is TeamKeyUntrusted) throw;
            throw new TeamKeyUntrusted(e.Message, e);
        }
        trusted = record;
        return record;
    }

    public async Task<byte[]> SignerKeyAsync(string name, CancellationToken cancellationToken) =>
        (await RecordAsync(cancellationToken).ConfigureAwait(false)).SignerKey(name);

    /// <summary>The Bot's box key, which operators' replies are sealed to; it counts only if the Bot's signing key signed it.</summary>
    public async Task<byte[]> BotPublicKeyAsync(CancellationToken cancellationToken)
    {
        var value = (string?)await redis.Db.StringGetAsync(RedisKeys.BotKey).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (value is null) throw new InvalidOperationException("The Bot has not published its key yet: start the Bot");
        var published = JsonSerializer.Deserialize<SignedBotKey>(value) ?? throw new CryptoFailure("the Bot's published key is malformed");
        var botSigner = await SignerKeyAsync(Signers.Bot, cancellationToken).ConfigureAwait(false);
        HotlineCrypto.Verify(System.Text.Encoding.UTF8.GetBytes(SignedBotKey.Message(published.Public)), Convert.FromBase64String(published.Sig), botSigner);
        return Convert.FromBase64String(published.Public);
    }
}
