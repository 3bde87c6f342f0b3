using Hotline.Core.Crypto;
using Hotline.Operator.Accounts;

namespace Hotline.Operator.Tests.Accounts;

public sealed class PassphrasePolicyTests
{
    [Theory]
    [InlineData("short pass")]
    [InlineData("password1234")]
    [InlineData("Password 1234")]
    [InlineData("fjalekalimi123")]
    [InlineData("nightshift12")]
    public void Weak_passphrases_are_refused_with_a_reason(string passphrase) =>
        Assert.NotNull(PassphrasePolicy.Weakness(passphrase, "nightshift"));

    [Theory]
    [InlineData("another long passphrase")]
    [InlineData("drita e mëngjesit në Durrës")]
    public void Long_uncommon_passphrases_pass(string passphrase) =>
        Assert.Null(PassphrasePolicy.Weakness(passphrase, "nightshift"));

    [Fact]
    public async Task The_server_runs_no_more_argon2id_hashes_at_once_than_its_cap()
    {
        var hasher = new AuthKeyHasher(2);
        var key = HotlineCrypto.RandomBytes(32);
        var hash = HotlineCrypto.HashAuthKey(key);
        var most = 0;
        using var watching = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!watching.IsCancellationRequested)
            {
                most = Math.Max(most, hasher.Running);
                await Task.Delay(1);
            }
        });
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => hasher.VerifyAsync(hash, key, CancellationToken.None)));
        await watching.CancelAsync();
        await watcher;
        Assert.All(results, Assert.True);
        Assert.InRange(most, 1, 2);
        Assert.False(await hasher.VerifyAsync(null, key, CancellationToken.None));
    }
}
