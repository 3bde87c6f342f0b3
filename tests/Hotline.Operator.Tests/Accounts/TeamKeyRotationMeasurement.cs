using System.Diagnostics;
using Xunit.Abstractions;

namespace Hotline.Operator.Tests.Accounts;

/// <summary>
/// The time to rotate the team key with 10,000 entries already written (200 conversations of 50) and 10 key holders:
/// in the console's code under Node (list, make and seal, save over HTTP) and in C# (ClientKeys + the Redis transaction),
/// and what reading the old entries costs afterwards (down the chain). Rotation re-encrypts no entry, so it does not grow
/// with their number. Run: HOTLINE_MEASURE=1 dotnet test tests/Hotline.Operator.Tests -c Release
/// --filter FullyQualifiedName~TeamKeyRotationMeasurement --logger "console;verbosity=detailed"
/// </summary>
public sealed class TeamKeyRotationMeasurement(OperatorConsole console, ITestOutputHelper output) : IClassFixture<OperatorConsole>
{
    private const int Conversations = 200;
    private const int EntriesEach = 50;

    [MeasurementFact]
    public async Task Rotating_the_team_key_over_ten_thousand_entries()
    {
        var accounts = new OperatorAccounts(console.Store);
        var keyring = new TeamKeyring(console.Store, accounts, new OperatorSigningKeys(console.Store, TimeProvider.System));
        var demo = (await accounts.FindAsync("demo"))!;
        var teamPrivate = ClientKeys.UnlockTeamKey(demo, OperatorConsole.DemoPassword);
        var team = await keyring.CurrentAsync();
        for (var i = 0; i < 10; i++)
        {
            var p = ClientKeys.Prepare($"holder-{i}", "holder long passphrase", [Role.Operator], teamPrivate, team.Version, HotlineCrypto.HashAuthKey);
            Assert.True(await accounts.CreateAsync(p.Account, team.Version));
        }
        var writer = console.Transcripts;
        await Parallel.ForEachAsync(Enumerable.Range(0, Conversations), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (c, ct) =>
        {
            for (var e = 0; e < EntriesEach; e++) await writer.AppendAsync($"measure-{c}", Author.Person, null, $"entry {e} of conversation {c}", ct);
        });

        // The console's rotation, as a supervisor's browser runs it.
        var node = await Node.RunAsync("tests/Hotline.Operator.Tests/Accounts/browser-keys.cjs", ["remove", console.Url.ToString(), "demo", "holder-0"],
            stdin: JsonSerializer.Serialize(new { adminPassphrase = OperatorConsole.DemoPassword }), timeout: TimeSpan.FromMinutes(5));
        var result = JsonDocument.Parse(node.EnsureSuccess().StdOut.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal(200, result.GetProperty("status").GetInt32());
        var timing = result.GetProperty("timing");
        output.WriteLine($"browser code (Node): list + new key sealed to {await HoldersAsync(keyring, "")} holders + old key sealed {timing.GetProperty("prepareMs").GetDouble():F1} ms, save {timing.GetProperty("saveMs").GetDouble():F1} ms");

        // The same rotation in C#, five times over (each removes one more holder).
        var times = new List<double>();
        for (var i = 1; i <= 5; i++)
        {
            var current = await keyring.CurrentAsync();
            var currentPrivate = ClientKeys.UnlockTeamKey((await accounts.FindAsync("demo"))!, OperatorConsole.DemoPassword);
            var watch = Stopwatch.StartNew();
            var holders = await keyring.HoldersAfterRemovingAsync($"holder-{i}");
            var signed = Hotline.Core.Crypto.TeamKeyRecord.FromFields(await console.Store.Db.HashGetAllAsync(Hotline.Core.Storage.RedisKeys.TeamKey));
            var removals = await keyring.RemovalsAfterRemovingAsync($"holder-{i}", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), signed);
            var rotation = ClientKeys.PrepareRotation($"holder-{i}", current, currentPrivate, holders, signed, removals, await keyring.CertifiedAsync(signed.SigningPublicKey));
            Assert.Equal(RotationOutcome.Done, await keyring.RemoveAndRotateAsync(rotation));
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        output.WriteLine($"C# (ClientKeys + Redis transaction), 5 rotations: median {times[2]:F1} ms, min {times[0]:F1}, max {times[^1]:F1}");

        // Reading every old entry afterwards: the chain is opened once, then each entry with the key it was sealed to.
        var read = Stopwatch.StartNew();
        var newest = ClientKeys.UnlockTeamKey((await accounts.FindAsync("demo"))!, OperatorConsole.DemoPassword);
        var now = await keyring.CurrentAsync();
        var key = new KeyPairBytes(now.PublicKey, newest);
        foreach (var link in await keyring.ChainAsync())
        {
            key = new KeyPairBytes(Convert.FromBase64String(link.PublicKey), HotlineCrypto.Open(Convert.FromBase64String(link.SealedPrivateKey), key));
        }
        var opened = 0;
        for (var c = 0; c < Conversations; c++)
        {
            var entries = await writer.ReadAsync($"measure-{c}", CancellationToken.None);
            opened += TranscriptStore.OpenAll($"measure-{c}", entries, key, console.SignerKeys).Count;
        }
        Assert.Equal(Conversations * EntriesEach, opened);
        output.WriteLine($"reading all {opened} entries sealed before the rotations, through a chain of {(await keyring.ChainAsync()).Count} retired keys: {read.Elapsed.TotalMilliseconds:F0} ms");
    }

    private static async Task<int> HoldersAsync(TeamKeyring keyring, string removed) => (await keyring.HoldersAfterRemovingAsync(removed)).Count;
}
