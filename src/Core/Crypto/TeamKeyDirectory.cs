using System.Text.Json;
using Hotline.Core.Storage;
using Microsoft.Extensions.Options;

namespace Hotline.Core.Crypto;

/// <summary>
/// Where services find the team's public key, the services' signing keys and the Bot's box key. Public keys only, and
/// each trusted only through the team signing key pinned in HOTLINE_TEAM_KEY_FINGERPRINT: a rewritten record throws
/// <see cref="CryptoFailure"/>, so nothing is ever sealed to a key an attacker put in Redis; so does an older record
/// put back in Redis after a rotation (<see cref="TeamKeyRollback"/>, against the <see cref="TeamKeyFloor"/>).
/// </summary>
public sealed class TeamKeyDirectory(HotlineRedis redis, IOptions<HotlineOptions> options, Telemetry.HotlineMetrics? metrics = null)
{
    private readonly TeamKeyFloor floor = new(options.Value.SigningKeysDir, options.Value.TeamKeyFingerprint);
    private TeamKeyRecord? trusted;

    public string PinnedFingerprint => options.Value.TeamKeyFingerprint;

    /// <summary>The record as stored, verified against the pin; re-read on every call so a rotation is seen at once.</summary>
    public async Task<TeamKeyRecord> RecordAsync(CancellationToken cancellationToken)
    {
        var fields = await redis.Db.HashGetAllAsync(RedisKeys.TeamKey).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (fields.Length == 0) throw new InvalidOperationException("No team key has been created yet: run the Operator's 'admin init-demo' first");
        var record = TeamKeyRecord.FromFields(fields);
        // Verifying costs one Ed25519 check; skip it only when the signed bytes are exactly the ones verified before and
        // no newer record was accepted meanwhile (by this process or another sharing the floor's file).
        var known = trusted;
        if (known is not null && known.Signature == record.Signature && known.SignedMessage == record.SignedMessage && floor.IsCurrent(known)) return known;
        try
        {
            record.VerifyPinned(PinnedFingerprint);
            floor.Accept(record);
        }
        catch (CryptoFailure e)
        {
            metrics?.TeamKeyRefused(e is TeamKeyRollback ? "rollback" : "signature");
            throw;
        }
        trusted = record;
        return record;
    }

    public async Task<byte[]> PublicKeyAsync(CancellationToken cancellationToken) =>
        (await RecordAsync(cancellationToken).ConfigureAwait(false)).PublicKey;

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
