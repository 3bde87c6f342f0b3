namespace Hotline.Operator.Tests.Accounts;

/// <summary>
/// The same inputs give the same keys in HotlineCrypto (C#) and in the console's auth-keys.js on libsodium.js (Node),
/// and what one side wraps the other unwraps: the KDF split (master → authKey and wrapping key, for the passphrase and
/// for the recovery key) and wrap/unwrap of a private key.
/// </summary>
public sealed class BrowserVectorTests
{
    [Theory]
    [InlineData("demo long passphrase for tests", 3, 64 * 1024 * 1024)]
    [InlineData("fjalëkalim me shkronja shqipe ë ç", 4, 16 * 1024 * 1024)]
    public async Task The_browser_and_csharp_derive_the_same_keys_and_open_each_others_wraps(string passphrase, long opsLimit, int memLimit)
    {
        var kdf = new KdfParameters(HotlineCrypto.RandomBytes(16), opsLimit, memLimit);
        var keys = ClientKeys.Derive(passphrase, kdf);
        var recoveryKey = HotlineCrypto.RandomBytes(32);
        var recovery = HotlineCrypto.SplitMasterKey(recoveryKey, HotlineCrypto.RecoveryContext);
        var pair = HotlineCrypto.NewKeyPair();
        var wrapped = HotlineCrypto.WrapKey(pair.PrivateKey, keys.WrappingKey);

        var input = JsonSerializer.Serialize(new
        {
            passphrase,
            kdf = new { salt = Convert.ToBase64String(kdf.Salt), opsLimit, memLimit },
            recoveryKeyHex = Convert.ToHexStringLower(recoveryKey),
            wrappedByCSharp = new { nonce = Convert.ToBase64String(wrapped.Nonce), ciphertext = Convert.ToBase64String(wrapped.Ciphertext) },
            privateKey = Convert.ToBase64String(pair.PrivateKey),
        });
        var result = await Node.RunAsync("tests/Hotline.Operator.Tests/Accounts/browser-keys.cjs", ["vectors", "-"], stdin: input, timeout: TimeSpan.FromMinutes(2));
        var js = JsonDocument.Parse(result.EnsureSuccess().StdOut).RootElement;

        Assert.Equal(Convert.ToBase64String(keys.AuthKey), js.GetProperty("authKey").GetString());
        Assert.Equal(Convert.ToBase64String(keys.WrappingKey), js.GetProperty("wrappingKey").GetString());
        Assert.NotEqual(js.GetProperty("authKey").GetString(), js.GetProperty("wrappingKey").GetString());
        Assert.Equal(Convert.ToBase64String(recovery.AuthKey), js.GetProperty("recoveryAuthKey").GetString());
        Assert.Equal(Convert.ToBase64String(recovery.WrappingKey), js.GetProperty("recoveryWrappingKey").GetString());
        Assert.Equal(Convert.ToBase64String(pair.PrivateKey), js.GetProperty("unwrapped").GetString());
        Assert.False(js.GetProperty("authKeyUnwraps").GetBoolean());
        var byJs = js.GetProperty("wrappedByJs");
        var jsWrapped = new WrappedKey(Convert.FromBase64String(byJs.GetProperty("nonce").GetString()!), Convert.FromBase64String(byJs.GetProperty("ciphertext").GetString()!));
        Assert.Equal(pair.PrivateKey, HotlineCrypto.UnwrapKey(jsWrapped, keys.WrappingKey));
        Assert.Throws<CryptoFailure>(() => HotlineCrypto.UnwrapKey(jsWrapped, keys.AuthKey));
    }

    [Fact]
    public void The_kdf_split_matches_a_fixed_vector_from_libsodium_js()
    {
        // crypto_kdf_derive_from_key(32, 1 and 2, "HLLOGIN1", 0x00..0x1f) as libsodium-wrappers-sumo 0.8 computes it.
        var master = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var keys = HotlineCrypto.SplitMasterKey(master);
        Assert.Equal("4b6245754a31e297007c294d54385478e6a6679c1ada8a3cf37a1016abe97742", Convert.ToHexStringLower(keys.AuthKey));
        Assert.Equal("aa09ed7c1dcb7e83de9d0176fa7955c7cfdd82493316a7f323ab2c984ad79e52", Convert.ToHexStringLower(keys.WrappingKey));
        Assert.Throws<ArgumentException>(() => HotlineCrypto.DeriveSubkey(master, 1, "TOOLONGCTX"));
    }

    [Fact]
    public async Task An_audit_head_countersigned_in_the_console_verifies_in_CSharp_only_for_its_supervisor_count_and_head()
    {
        var supervisor = HotlineCrypto.SigningKeyPairFromSeed(Convert.FromHexString("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"));
        var head = new string('a', 64);
        var result = await Node.RunInlineAsync(
            "const sodium = require('libsodium-wrappers-sumo');\n" +
            "require('./src/Operator/wwwroot/transcript-crypto.js');\n" +
            "let input = ''; process.stdin.on('data', d => input += d);\n" +
            "process.stdin.on('end', () => sodium.ready.then(() => { const i = JSON.parse(input); " +
            "console.log(JSON.stringify(globalThis.TranscriptCrypto.countersignAuditHead(sodium, sodium.from_base64(i.secret, sodium.base64_variants.ORIGINAL), 'lead', 42, i.head, 1764800000000))); }));",
            stdin: JsonSerializer.Serialize(new { secret = Convert.ToBase64String(supervisor.PrivateKey), head }));
        var js = JsonDocument.Parse(result.EnsureSuccess().StdOut).RootElement;
        var countersigned = new Hotline.Operator.Audit.SignedAuditHead(js.GetProperty("count").GetInt64(), js.GetProperty("head").GetString()!,
            js.GetProperty("at").GetInt64(), "lead", js.GetProperty("sig").GetString()!);

        Assert.Equal((42L, head, 1764800000000L), (countersigned.Count, countersigned.Head, countersigned.At));
        // Ed25519 is deterministic: the console's signature is the one C# makes over the same message.
        Assert.Equal(Convert.ToBase64String(HotlineCrypto.Sign(System.Text.Encoding.UTF8.GetBytes(Hotline.Operator.Audit.SignedAuditHead.CountersignMessage("lead", 42, head, 1764800000000)), supervisor.PrivateKey)), countersigned.Signature);
        countersigned.VerifyCountersigned(supervisor.PublicKey);
        Assert.Throws<CryptoFailure>(() => (countersigned with { Signer = "demo" }).VerifyCountersigned(supervisor.PublicKey));
        Assert.Throws<CryptoFailure>(() => (countersigned with { Count = 43 }).VerifyCountersigned(supervisor.PublicKey));
        Assert.Throws<CryptoFailure>(() => (countersigned with { Head = new string('b', 64) }).VerifyCountersigned(supervisor.PublicKey));
        Assert.Throws<CryptoFailure>(() => countersigned.VerifyCountersigned(HotlineCrypto.NewSigningKeyPair().PublicKey));
    }
}
