using System.Text.Json;

namespace Hotline.Core.Tests.Crypto;

/// <summary>
/// The same inputs give the same outputs, or open and verify, in Hotline.Core.Crypto (Sodium.Core) and in the console's
/// own code (transcript-crypto.js on libsodium-wrappers-sumo, the library the page loads), run in node.
/// </summary>
public sealed class BrowserVectorsTests : IDisposable
{
    /// <summary>The services' signing keys a test makes, in a folder of its own.</summary>
    private readonly string keysDir = Directory.CreateTempSubdirectory("hotline-vectors-").FullName;

    private static readonly byte[] Seed = Convert.FromHexString("4f1c2b9a7e6d5c4b3a29180716253443526170fedcba98765432100123456789");
    private const string Message = "hl-transcript-v1|c-vector|3|operator|demo|1764800000000|AAAA|operator";

    public void Dispose() => Directory.Delete(keysDir, recursive: true);

    private static async Task<JsonElement> RunAsync(string script, object input)
    {
        var result = await Node.RunInlineAsync(
            "const sodium = require('libsodium-wrappers-sumo');\n" +
            "require('./src/Operator/wwwroot/transcript-crypto.js');\n" +
            "const T = globalThis.TranscriptCrypto;\n" +
            "const b = s => sodium.from_base64(s, sodium.base64_variants.ORIGINAL);\n" +
            "const B = u => sodium.to_base64(u, sodium.base64_variants.ORIGINAL);\n" +
            "let input = ''; process.stdin.on('data', d => input += d);\n" +
            "process.stdin.on('end', () => sodium.ready.then(() => { const i = JSON.parse(input); " + script + " }));",
            stdin: JsonSerializer.Serialize(input));
        return JsonDocument.Parse(result.EnsureSuccess().StdOut).RootElement;
    }

    /// <summary>The team key record as GET /api/keys/team gives it to the console, with the service's pin (by default the key that signs it).</summary>
    private static object RecordView(TeamKeyRecord record, string? pin = null) => new
    {
        fingerprint = pin ?? record.Fingerprint, version = record.Version, @public = Convert.ToBase64String(record.PublicKey),
        signPublic = Convert.ToBase64String(record.SigningPublicKey), signers = record.SignersText,
        signSealed = Convert.ToBase64String(record.SealedSigningKey), sig = record.Signature, removed = record.Removed, chain = record.Chain,
    };

    [Fact]
    public async Task Ed25519_keys_and_signatures_are_identical_in_CSharp_and_the_browser()
    {
        var pair = HotlineCrypto.SigningKeyPairFromSeed(Seed);
        var signature = HotlineCrypto.Sign(Encoding.UTF8.GetBytes(Message), pair.PrivateKey);
        var js = await RunAsync(
            """
            const kp = sodium.crypto_sign_seed_keypair(b(i.seed));
            const sig = sodium.crypto_sign_detached(sodium.from_string(i.message), kp.privateKey);
            console.log(JSON.stringify({
              publicKey: B(kp.publicKey), signature: B(sig),
              verifiesCSharp: sodium.crypto_sign_verify_detached(b(i.signature), sodium.from_string(i.message), kp.publicKey),
              fingerprint: Array.from(sodium.crypto_generichash(32, kp.publicKey, null)).map(x => x.toString(16).padStart(2, '0')).join('')
            }));
            """,
            new { seed = Convert.ToBase64String(Seed), message = Message, signature = Convert.ToBase64String(signature) });

        Assert.Equal(Convert.ToBase64String(pair.PublicKey), js.GetProperty("publicKey").GetString());
        Assert.Equal(Convert.ToBase64String(signature), js.GetProperty("signature").GetString());
        Assert.True(js.GetProperty("verifiesCSharp").GetBoolean());
        Assert.Equal(HotlineCrypto.Fingerprint(pair.PublicKey), js.GetProperty("fingerprint").GetString());
    }

    [Fact]
    public async Task A_box_sealed_in_either_opens_in_the_other()
    {
        var recipient = HotlineCrypto.NewKeyPair();
        var sealedInCSharp = HotlineCrypto.Seal("çelësi i hyrjes"u8, recipient.PublicKey);
        var js = await RunAsync(
            """
            const opened = sodium.crypto_box_seal_open(b(i.sealed), b(i.publicKey), b(i.privateKey));
            const sealed = sodium.crypto_box_seal(sodium.from_string('nga shfletuesi'), b(i.publicKey));
            console.log(JSON.stringify({ opened: sodium.to_string(opened), sealed: B(sealed) }));
            """,
            new { @sealed = Convert.ToBase64String(sealedInCSharp), publicKey = Convert.ToBase64String(recipient.PublicKey), privateKey = Convert.ToBase64String(recipient.PrivateKey) });

        Assert.Equal("çelësi i hyrjes", js.GetProperty("opened").GetString());
        Assert.Equal("nga shfletuesi", Encoding.UTF8.GetString(HotlineCrypto.Open(Convert.FromBase64String(js.GetProperty("sealed").GetString()!), recipient)));
    }

    [Fact]
    public async Task An_entry_sealed_and_signed_in_CSharp_opens_and_verifies_in_the_console_code_and_a_changed_one_does_not()
    {
        var team = HotlineCrypto.NewKeyPair();
        var teamSigning = HotlineCrypto.SigningKeyPairFromSeed(Seed);
        var bot = SigningIdentity.LoadOrCreate(keysDir, Signers.Bot);
        var op = SigningIdentity.LoadOrCreate(keysDir, Signers.Operator);
        var record = TeamKeyRecord.Create(1, team.PublicKey, teamSigning, new Dictionary<string, byte[]> { [Signers.Bot] = bot.PublicKey, [Signers.Operator] = op.PublicKey });
        // An entry written the old way (version 2), then entries under two data keys (version 3) as read from the
        // server (each with its sealed data key attached), a forged one, and one whose data key was deleted.
        var first = TranscriptEntry.Seal("c-vector", 0, Author.Person, null, 1764800000000, TranscriptEntry.Genesis, "më ndihmoni"u8, team.PublicKey, bot);
        DataKey NewDataKey()
        {
            var (key, sealedKey) = HotlineCrypto.NewDataKey(team.PublicKey);
            return new DataKey(Convert.ToBase64String(HotlineCrypto.RandomBytes(16)), key, team.PublicKey, Convert.ToBase64String(sealedKey));
        }
        var (operatorKey, botKey) = (NewDataKey(), NewDataKey());
        var second = TranscriptEntry.Seal("c-vector", 1, Author.Operator, "demo", 1764800001000, first.ChainHash(), "jam këtu"u8, operatorKey, op) with { DataKey = operatorKey.Sealed };
        var third = TranscriptEntry.Seal("c-vector", 2, Author.Person, null, 1764800001500, second.ChainHash(), "faleminderit"u8, botKey, bot) with { DataKey = botKey.Sealed };
        var fourth = TranscriptEntry.Seal("c-vector", 3, Author.Person, null, 1764800001600, third.ChainHash(), "prapë"u8, botKey, bot) with { DataKey = botKey.Sealed };
        var forged = TranscriptEntry.Seal("c-vector", 4, Author.Operator, "demo", 1764800002000, fourth.ChainHash(), "eja vetëm"u8, botKey, bot) with { DataKey = botKey.Sealed };
        var shredded = TranscriptEntry.Seal("c-vector", 5, Author.Person, null, 1764800003000, forged.ChainHash(), "e fshirë"u8, NewDataKey(), bot);
        var view = RecordView(record);
        var js = await RunAsync(
            """
            const trust = T.trustTeamRecord(sodium, i.record);
            const team = { publicKey: b(i.teamPublic), privateKey: b(i.teamPrivate), trust: trust };
            const opened = T.openTranscript(sodium, team, 'c-vector', i.entries);
            let refused = null;
            try { T.trustTeamRecord(sodium, Object.assign({}, i.record, { public: i.attackerPublic })); } catch (e) { refused = e.message; }
            console.log(JSON.stringify({ fingerprint: trust.fingerprint, opened: opened, refused: refused }));
            """,
            new
            {
                record = view, teamPublic = Convert.ToBase64String(team.PublicKey), teamPrivate = Convert.ToBase64String(team.PrivateKey),
                entries = new[] { first, second, third, fourth, forged, shredded }, attackerPublic = Convert.ToBase64String(HotlineCrypto.NewKeyPair().PublicKey),
            });

        Assert.Equal(record.Fingerprint, js.GetProperty("fingerprint").GetString());
        var opened = js.GetProperty("opened").EnumerateArray().ToList();
        Assert.Equal("më ndihmoni", opened[0].GetProperty("text").GetString());
        Assert.Equal("jam këtu", opened[1].GetProperty("text").GetString());
        Assert.Equal("faleminderit", opened[2].GetProperty("text").GetString());
        Assert.Equal("prapë", opened[3].GetProperty("text").GetString());
        Assert.False(opened[4].TryGetProperty("text", out _), "an operator entry signed by the Bot's key must not be shown");
        Assert.Contains("signature does not verify", opened[4].GetProperty("error").GetString());
        Assert.False(opened[5].TryGetProperty("text", out _), "an entry whose data key was deleted must not open");
        Assert.Contains("key was deleted", opened[5].GetProperty("error").GetString());
        Assert.Equal("The team key record's signature does not verify.", js.GetProperty("refused").GetString());
    }

    [Fact]
    public async Task A_rotation_made_in_the_console_hands_over_to_a_new_team_signing_key_that_CSharp_verifies_and_a_chain_CSharp_extends_verifies_in_the_console()
    {
        var team = HotlineCrypto.NewKeyPair();
        var teamSigning = HotlineCrypto.NewSigningKeyPair();
        var op = SigningIdentity.LoadOrCreate(keysDir, Signers.Operator);
        var v1 = TeamKeyRecord.Create(1, team.PublicKey, teamSigning, new Dictionary<string, byte[]> { [Signers.Operator] = op.PublicKey });
        var holder = HotlineCrypto.NewKeyPair();
        var ana = HotlineCrypto.NewSigningKeyPair();
        var anaCertificate = OperatorKeyCertificate.Create("ana", ana.PublicKey, teamSigning.PrivateKey);
        const long now = 1764800020000;

        // The console's rotation removing ana (auth-keys.js prepareRotation, as the supervisor's page runs it).
        var made = await Node.RunInlineAsync(
            """
            const sodium = require('libsodium-wrappers-sumo');
            require('./src/Operator/wwwroot/transcript-crypto.js');
            require('./src/Operator/wwwroot/auth-keys.js');
            const b = s => sodium.from_base64(s, sodium.base64_variants.ORIGINAL);
            let input = ''; process.stdin.on('data', d => input += d);
            process.stdin.on('end', () => sodium.ready.then(() => {
              const i = JSON.parse(input);
              const team = { version: 1, publicKey: b(i.teamPublic), privateKey: b(i.teamPrivate) };
              team.trust = TranscriptCrypto.trustTeamRecord(sodium, i.record);
              team.roster = TranscriptCrypto.trustRoster(sodium, team.trust, i.roster);
              const body = AuthKeys.prepareRotation(sodium, 'ana', { teamKey: i.record, operators: i.operators, now: i.now }, team);
              console.log(JSON.stringify(body.teamKey));
            }));
            """,
            stdin: JsonSerializer.Serialize(new
            {
                record = RecordView(v1), teamPublic = Convert.ToBase64String(team.PublicKey), teamPrivate = Convert.ToBase64String(team.PrivateKey), now,
                roster = new[] { new { username = "ana", signPublic = Convert.ToBase64String(ana.PublicKey), cert = Convert.ToBase64String(anaCertificate.Certificate), removedAt = (long?)null } },
                operators = new[]
                {
                    new { username = "demo", holdsTeamKey = true, publicKey = Convert.ToBase64String(holder.PublicKey) },
                    new { username = "ana", holdsTeamKey = true, publicKey = Convert.ToBase64String(HotlineCrypto.NewKeyPair().PublicKey) },
                },
            }));
        var body = JsonDocument.Parse(made.EnsureSuccess().StdOut).RootElement;
        string Field(string name) => body.GetProperty(name).GetString()!;
        var v2 = new TeamKeyRecord(2, Convert.FromBase64String(Field("publicKey")), Convert.FromBase64String(Field("signPublic")), v1.Signers,
            Convert.FromBase64String(Field("signSealed")), Field("sig"), Field("removed"), Field("chain"));

        // C# verifies it through the team's first key and through its own; the signing key is new, sealed to the new team
        // key only, and ana's key is certified again under it (her removal signed into the record).
        v2.VerifyPinned(v1.Fingerprint);
        v2.VerifyPinned(v2.Fingerprint);
        Assert.NotEqual(v1.SigningPublicKey, v2.SigningPublicKey);
        Assert.Throws<CryptoFailure>(() => v2.VerifyPinned(HotlineCrypto.Fingerprint(HotlineCrypto.NewSigningKeyPair().PublicKey)));
        var team2 = new KeyPairBytes(v2.PublicKey, HotlineCrypto.Open(Convert.FromBase64String(body.GetProperty("sealedTo").GetProperty("demo").GetString()!), holder));
        Assert.Equal(v2.SigningPublicKey, HotlineCrypto.Open(v2.SealedSigningKey, team2)[32..]);
        Assert.Throws<CryptoFailure>(() => HotlineCrypto.Open(v2.SealedSigningKey, team));
        var recertified = anaCertificate with { Certificate = Convert.FromBase64String(body.GetProperty("certs").GetProperty("ana").GetString()!) };
        recertified.Verify(v2.SigningPublicKey);
        Assert.Throws<CryptoFailure>(() => anaCertificate.Verify(v2.SigningPublicKey));
        Assert.Equal(now, v2.RemovedAt(recertified));

        // C# rotates on from there; the console trusts the result through the first key, and refuses it with the pin
        // elsewhere or a link of the chain changed.
        var v3 = v2.Rotate(3, HotlineCrypto.NewKeyPair().PublicKey, team2);
        var links = v3.SigningChain.Links;
        var broken = v3.SigningChain with { Links = [links[0], links[1] with { Signature = links[0].Signature }] };
        var js = await RunAsync(
            """
            const trust = T.trustTeamRecord(sodium, i.record);
            let unpinned = null, broken = null;
            try { T.trustTeamRecord(sodium, Object.assign({}, i.record, { fingerprint: i.otherPin })); } catch (e) { unpinned = e.message; }
            try { T.trustTeamRecord(sodium, Object.assign({}, i.record, { chain: i.brokenChain })); } catch (e) { broken = e.message; }
            console.log(JSON.stringify({ team: trust.team, fingerprint: trust.fingerprint, chain: trust.chain, unpinned: unpinned, broken: broken }));
            """,
            new { record = RecordView(v3, pin: v1.Fingerprint), otherPin = HotlineCrypto.Fingerprint(HotlineCrypto.NewSigningKeyPair().PublicKey), brokenChain = broken.Text });
        Assert.Equal(v1.Fingerprint, js.GetProperty("team").GetString());
        Assert.Equal(v3.Fingerprint, js.GetProperty("fingerprint").GetString());
        Assert.Equal([v1.Fingerprint, v2.Fingerprint, v3.Fingerprint], js.GetProperty("chain").EnumerateArray().Select(e => e.GetString()!));
        Assert.Contains("other than the pinned", js.GetProperty("unpinned").GetString());
        Assert.Contains("does not verify", js.GetProperty("broken").GetString());
    }

    [Fact]
    public async Task Operator_words_signed_in_the_console_verify_in_CSharp_and_the_console_shows_only_the_operators_own_as_signed()
    {
        var team = HotlineCrypto.NewKeyPair();
        var teamSigning = HotlineCrypto.SigningKeyPairFromSeed(Seed);
        var op = SigningIdentity.LoadOrCreate(keysDir, Signers.Operator);
        var ana = HotlineCrypto.NewSigningKeyPair();
        var certificate = OperatorKeyCertificate.Create("ana", ana.PublicKey, teamSigning.PrivateKey);
        // ana was removed at 1764800005000: the team key record says so, signed; the roster's own mark was erased in Redis.
        var anaRemoval = new OperatorRemoval("ana", Convert.ToBase64String(ana.PublicKey), 1764800005000);
        var record = TeamKeyRecord.Create(2, team.PublicKey, teamSigning, new Dictionary<string, byte[]> { [Signers.Operator] = op.PublicKey }, OperatorRemoval.Text([anaRemoval]));
        // bo was never removed: a mark written into the roster in Redis changes nothing.
        var bo = HotlineCrypto.NewSigningKeyPair();
        var boCertificate = OperatorKeyCertificate.Create("bo", bo.PublicKey, teamSigning.PrivateKey);
        // A key the Operator service made itself and certified with a key of its own: not the team's.
        var forger = HotlineCrypto.NewSigningKeyPair();
        var falseCertificate = OperatorKeyCertificate.Create("demo", forger.PublicKey, HotlineCrypto.NewSigningKeyPair().PrivateKey);
        OperatorSignature Words(string text, byte[] key, string by = "ana")
        {
            var id = Convert.ToBase64String(HotlineCrypto.RandomBytes(OperatorSignature.IdBytes));
            return new OperatorSignature(id, HotlineCrypto.Sign(Encoding.UTF8.GetBytes(OperatorSignature.Message("c-vector", by, id, text)), key));
        }
        var genuine = Words("jam këtu", ana.PrivateKey);
        // The first under a data key (version 3: the signature encrypted with the words), the rest the version 2 way.
        var (dataKeyBytes, sealedDataKey) = HotlineCrypto.NewDataKey(team.PublicKey);
        var dataKey = new DataKey(Convert.ToBase64String(HotlineCrypto.RandomBytes(16)), dataKeyBytes, team.PublicKey, Convert.ToBase64String(sealedDataKey));
        var e0 = TranscriptEntry.Seal("c-vector", 0, Author.Operator, "ana", 1764800000000, TranscriptEntry.Genesis, "jam këtu"u8, dataKey, op, genuine) with { DataKey = dataKey.Sealed };
        var e1 = TranscriptEntry.Seal("c-vector", 1, Author.Operator, "ana", 1764800001000, e0.ChainHash(), "eja vetëm"u8, team.PublicKey, op, Words("eja vetëm", forger.PrivateKey));
        var e2 = TranscriptEntry.Seal("c-vector", 2, Author.Operator, "ana", 1764800002000, e1.ChainHash(), "jam këtu"u8, team.PublicKey, op, genuine);
        var e3 = TranscriptEntry.Seal("c-vector", 3, Author.Operator, "demo", 1764800003000, e2.ChainHash(), "takohemi"u8, team.PublicKey, op, Words("takohemi", forger.PrivateKey, "demo"));
        var e4 = TranscriptEntry.Seal("c-vector", 4, Author.Operator, "ana", 1764800009000, e3.ChainHash(), "pas heqjes"u8, team.PublicKey, op, Words("pas heqjes", ana.PrivateKey));
        var e5 = TranscriptEntry.Seal("c-vector", 5, Author.Operator, "ana", 1764800010000, e4.ChainHash(), "pa nënshkrim"u8, team.PublicKey, op);
        var e6 = TranscriptEntry.Seal("c-vector", 6, Author.Operator, "bo", 1764800011000, e5.ChainHash(), "jam bo"u8, team.PublicKey, op, Words("jam bo", bo.PrivateKey, "bo"));
        var view = RecordView(record);
        object Listed(OperatorKeyCertificate c, long? removedAt) =>
            new { username = c.Username, signPublic = Convert.ToBase64String(c.SignPublic), cert = Convert.ToBase64String(c.Certificate), removedAt };
        var js = await RunAsync(
            """
            const trust = T.trustTeamRecord(sodium, i.record);
            const team = { publicKey: b(i.teamPublic), privateKey: b(i.teamPrivate), trust: trust };
            team.roster = T.trustRoster(sodium, trust, i.roster);
            const opened = T.openTranscript(sodium, team, 'c-vector', i.entries);
            const signed = T.signWords(sodium, b(i.anaSecret), 'c-vector', 'ana', 'fjalët e mia');
            const removals = T.removalsAfter(trust, team.roster, 'bo', 1764800020000);
            let erased = null;
            try { T.trustTeamRecord(sodium, Object.assign({}, i.record, { removed: '' })); } catch (e) { erased = e.message; }
            console.log(JSON.stringify({ roster: Object.keys(team.roster), opened: opened.map(o => ({ text: o.text, error: o.error, signedBy: o.signedBy, serviceOnly: o.serviceOnly })), signed: signed, removals: removals, erased: erased }));
            """,
            new
            {
                record = view, teamPublic = Convert.ToBase64String(team.PublicKey), teamPrivate = Convert.ToBase64String(team.PrivateKey),
                roster = new[] { Listed(certificate, null), Listed(falseCertificate, null), Listed(boCertificate, 1764800000000) },
                entries = new[] { e0, e1, e2, e3, e4, e5, e6 }, anaSecret = Convert.ToBase64String(ana.PrivateKey),
            });

        Assert.Equal(["ana", "bo"], js.GetProperty("roster").EnumerateArray().Select(e => e.GetString()!));
        var opened = js.GetProperty("opened").EnumerateArray().ToList();
        Assert.True(opened[0].TryGetProperty("text", out var first), opened[0].ToString());
        Assert.Equal("jam këtu", first.GetString());
        Assert.Equal("ana", opened[0].GetProperty("signedBy").GetString());
        foreach (var (i, why) in new[] { (1, "not signed by ana's own key"), (2, "repeats words"), (3, "has not certified"), (4, "after ana was removed") })
        {
            Assert.False(opened[i].TryGetProperty("text", out _), $"entry {i} must not be shown");
            Assert.Contains(why, opened[i].GetProperty("error").GetString());
        }
        Assert.Equal("pa nënshkrim", opened[5].GetProperty("text").GetString());
        Assert.True(opened[5].GetProperty("serviceOnly").GetBoolean());
        Assert.False(opened[5].TryGetProperty("signedBy", out _));
        Assert.Equal("jam bo", opened[6].GetProperty("text").GetString());
        Assert.Equal("bo", opened[6].GetProperty("signedBy").GetString());

        // The removals the console signs into a rotated record are the text C# signs and checks; the record with a removal
        // erased does not verify in either.
        Assert.Equal(OperatorRemoval.Text([new OperatorRemoval("bo", Convert.ToBase64String(bo.PublicKey), 1764800020000), anaRemoval]), js.GetProperty("removals").GetString());
        Assert.Contains("does not verify", js.GetProperty("erased").GetString());
        Assert.Throws<CryptoFailure>(() => (record with { Removed = "" }).VerifyPinned(record.Fingerprint));
        Assert.Equal(1764800005000, record.RemovedAt(certificate));
        Assert.Null(record.RemovedAt(boCertificate with { RemovedAt = 1764800000000 }));

        // What the console signs, C# verifies (as the Operator service does before storing), and only over the same words.
        var signed = js.GetProperty("signed");
        var fromJs = new OperatorSignature(signed.GetProperty("id").GetString()!, Convert.FromBase64String(signed.GetProperty("sig").GetString()!));
        fromJs.Verify("c-vector", "ana", "fjalët e mia", certificate.SignPublic);
        Assert.Throws<CryptoFailure>(() => fromJs.Verify("c-vector", "ana", "fjalë të tjera", certificate.SignPublic));
        Assert.Throws<CryptoFailure>(() => fromJs.Verify("c-other", "ana", "fjalët e mia", certificate.SignPublic));
        Assert.Throws<CryptoFailure>(() => fromJs.Verify("c-vector", "demo", "fjalët e mia", certificate.SignPublic));
        certificate.Verify(teamSigning.PublicKey);
        Assert.Throws<CryptoFailure>(() => falseCertificate.Verify(teamSigning.PublicKey));
        OperatorSignature.VerifyEntry("c-vector", e0, "jam këtu", team, certificate.SignPublic);
        Assert.Throws<CryptoFailure>(() => OperatorSignature.VerifyEntry("c-vector", e1, "eja vetëm", team, certificate.SignPublic));
    }
}
