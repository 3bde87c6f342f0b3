using Hotline.Core.Cases;
using Hotline.Core.Crypto;
using Hotline.Operator.Accounts;

namespace Hotline.EndToEnd.Tests;

/// <summary>
/// Opens what is sealed to the team key as an operator's browser does (passphrase → master key → wrapping key →
/// operator's private key → team key), so a test can read a case's sealed facts without a browser.
/// </summary>
public static class TeamKeys
{
    public static async Task<KeyPairBytes> UnlockAsync(RedisServer redis, string username, string passphrase)
    {
        await using var connection = await redis.ConnectAsync();
        var store = new HotlineRedis(connection);
        var account = await new OperatorAccounts(store).FindAsync(username) ?? throw new InvalidOperationException($"No account {username}");
        var keys = HotlineCrypto.SplitMasterKey(HotlineCrypto.MasterKey(passphrase, account.Kdf));
        var own = new KeyPairBytes(account.PublicKey, HotlineCrypto.UnwrapKey(account.WrappedPrivateKey, keys.WrappingKey));
        var teamPublic = Convert.FromBase64String((string?)await store.Db.HashGetAsync(RedisKeys.TeamKey, "public") ?? throw new InvalidOperationException("No team key"));
        return new KeyPairBytes(teamPublic, HotlineCrypto.Open(account.SealedTeamKey, own));
    }

    /// <summary>A case's facts as the console shows them: the latest age, the recorded or else first area, minor if any message said so.</summary>
    public static async Task<(int? Age, string? Place, bool Minor, int Indicators)> CaseFactsAsync(RedisServer redis, KeyPairBytes team, string caseId)
    {
        await using var connection = await redis.ConnectAsync();
        var cases = new CaseStore(new HotlineRedis(connection), TimeProvider.System);
        var record = await cases.GetAsync(caseId) ?? throw new InvalidOperationException($"No case {caseId}");
        int? age = null;
        string? place = null, recorded = null;
        var (minor, indicators) = (false, 0);
        foreach (var f in await cases.SealedFactsAsync(caseId))
        {
            var facts = MessageFacts.Open(f.Sealed, team, record.ConversationId, f.Entry);
            if (f.Entry == MessageFacts.Recorded) { recorded = facts.Place; continue; }
            age = facts.Age ?? age;
            place ??= facts.Place;
            minor |= facts.Minor;
            indicators += facts.Indicators.Count;
        }
        return (age, recorded ?? place, minor, indicators);
    }
}
