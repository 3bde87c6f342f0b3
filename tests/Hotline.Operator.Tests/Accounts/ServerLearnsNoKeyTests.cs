using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Hotline.Operator.Tests.Accounts;

/// <summary>
/// Finding 1 of the privacy review, replayed: whoever runs the Operator service (or a TLS proxy, or a memory dump) holds
/// the login body and the operator's Redis record. Every way of turning those into a key is tried on real entries, and
/// each must fail; the same harness with the passphrase opens them, so the attack would notice a key if there were one.
/// </summary>
public sealed class ServerLearnsNoKeyTests(OperatorConsole console) : IClassFixture<OperatorConsole>
{
    private const string Secret = "he took my passport and locks me in at night";

    [Fact]
    public async Task A_script_with_libsodium_alone_signs_in_over_http_and_unlocks_the_team_key()
    {
        var result = await Node.RunAsync("tests/Hotline.Operator.Tests/Accounts/sign-in-with-libsodium.cjs",
            [console.Url.ToString(), OperatorConsole.Colleague], stdin: OperatorConsole.ColleaguePassword, timeout: TimeSpan.FromMinutes(2));
        var output = JsonDocument.Parse(result.EnsureSuccess().StdOut).RootElement;
        Assert.True(output.GetProperty("teamOpens").GetBoolean());
        Assert.False(output.GetProperty("passphraseSent").GetBoolean());
        using var client = console.NewAnonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", output.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/keys/me")).StatusCode);
    }

    [Fact]
    public async Task The_login_body_and_the_operators_redis_record_open_no_entry()
    {
        var conversation = "attack-" + Guid.NewGuid().ToString("N")[..8];
        await console.Transcripts.AppendAsync(conversation, Author.Person, null, Secret, CancellationToken.None);
        await console.Transcripts.AppendAsync(conversation, Author.Operator, "demo", "you are safe to write here", CancellationToken.None);

        // What the server sees: the body a real client sent (libsodium alone, over HTTP) …
        var signIn = await Node.RunAsync("tests/Hotline.Operator.Tests/Accounts/sign-in-with-libsodium.cjs",
            [console.Url.ToString(), "demo"], stdin: OperatorConsole.DemoPassword, timeout: TimeSpan.FromMinutes(2));
        var loginBody = JsonDocument.Parse(signIn.EnsureSuccess().StdOut).RootElement.GetProperty("loginBody");
        Assert.Equal(["username", "authKey"], loginBody.EnumerateObject().Select(p => p.Name));
        var authKeyText = loginBody.GetProperty("authKey").GetString()!;
        var authKey = Convert.FromBase64String(authKeyText);
        // … and everything Redis holds about the operator and the team key.
        var dump = await console.Redis.AllKeysAndValuesAsync();
        Assert.DoesNotContain(dump.Entries, e => dump[e.Key].Contains(OperatorConsole.DemoPassword, StringComparison.Ordinal) || dump[e.Key].Contains(authKeyText, StringComparison.Ordinal));
        var account = (await console.AccountAsync("demo"))!;
        var entries = await console.Transcripts.ReadAsync(conversation, CancellationToken.None);

        var attempts = new Dictionary<string, Func<byte[]>>
        {
            ["the authKey as the passphrase"] = () => WrappingKeyOf(ClientKeys.Derive(authKeyText, account.Kdf)),
            ["the authKey as the wrapping key"] = () => authKey,
            ["the authKey as a master key"] = () => WrappingKeyOf(HotlineCrypto.SplitMasterKey(authKey)),
            ["the authKey as a recovery key"] = () => WrappingKeyOf(HotlineCrypto.SplitMasterKey(authKey, HotlineCrypto.RecoveryContext)),
            ["a digest of the stored hash as the wrapping key"] = () => System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(account.AuthHash)),
        };
        foreach (var (name, wrappingKey) in attempts)
        {
            // Unwrapping the operator's private key (and the recovery copy) fails closed.
            Assert.Throws<CryptoFailure>(() => HotlineCrypto.UnwrapKey(account.WrappedPrivateKey, wrappingKey()));
            Assert.Throws<CryptoFailure>(() => HotlineCrypto.UnwrapKey(account.Recovery!.WrappedPrivateKey, wrappingKey()));
        }
        // Nor is the authKey itself a private key: not the operator's, not the team's.
        var team = await new TeamKeyring(console.Store, new OperatorAccounts(console.Store), new OperatorSigningKeys(console.Store, TimeProvider.System)).CurrentAsync();
        Assert.Throws<CryptoFailure>(() => HotlineCrypto.Open(account.SealedTeamKey, new KeyPairBytes(account.PublicKey, authKey)));
        Assert.Throws<CryptoFailure>(() => TranscriptStore.OpenAll(conversation, entries, new KeyPairBytes(team.PublicKey, authKey), console.SignerKeys));

        // The control: with the passphrase, the same harness reads the entries.
        var teamPrivate = ClientKeys.UnlockTeamKey(account, OperatorConsole.DemoPassword);
        Assert.Equal(Secret, TranscriptStore.OpenAll(conversation, entries, new KeyPairBytes(team.PublicKey, teamPrivate), console.SignerKeys)[0]);
    }

    [Fact]
    public async Task Nothing_the_server_stores_contains_a_key_that_opens_anything()
    {
        var conversation = "stored-" + Guid.NewGuid().ToString("N")[..8];
        await console.Transcripts.AppendAsync(conversation, Author.Person, null, Secret, CancellationToken.None);
        var entries = await console.Transcripts.ReadAsync(conversation, CancellationToken.None);
        var team = await new TeamKeyring(console.Store, new OperatorAccounts(console.Store), new OperatorSigningKeys(console.Store, TimeProvider.System)).CurrentAsync();
        // Every 32-byte value Redis holds in base64, anywhere, tried as the team private key.
        var dump = await console.Redis.AllKeysAndValuesAsync();
        var candidates = dump.Entries.SelectMany(e => Base64Values(dump[e.Key])).Where(b => b.Length == 32).ToList();
        Assert.NotEmpty(candidates);
        foreach (var candidate in candidates)
        {
            Assert.Throws<CryptoFailure>(() => TranscriptStore.OpenAll(conversation, entries, new KeyPairBytes(team.PublicKey, candidate), console.SignerKeys));
        }
    }

    private static byte[] WrappingKeyOf(LoginKeys keys) => keys.WrappingKey;

    private static IEnumerable<byte[]> Base64Values(string text)
    {
        foreach (var token in text.Split(['"', ',', '|', ' ', '{', '}', ':', '[', ']', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            var buffer = new byte[token.Length];
            if (token.Length >= 40 && Convert.TryFromBase64String(token, buffer, out var n)) yield return buffer[..n];
        }
    }
}
