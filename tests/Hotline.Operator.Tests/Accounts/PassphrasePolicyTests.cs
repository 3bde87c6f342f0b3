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

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task The_server_runs_no_more_argon2id_hashes_at_once_than_its_cap(int cap)
    {
        // More threads than the cap could run at once, so only the cap can hold the hashes back.
        ThreadPool.GetMinThreads(out var workers, out var completion);
        ThreadPool.SetMinThreads(Math.Max(workers, 8), completion);
        var hasher = new AuthKeyHasher(cap);
        var key = HotlineCrypto.RandomBytes(32);
        var hash = HotlineCrypto.HashAuthKey(key);

        bool[] results;
        try
        {
            results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => hasher.VerifyAsync(hash, key, CancellationToken.None)));
        }
        finally
        {
            ThreadPool.SetMinThreads(workers, completion);
        }

        Assert.All(results, Assert.True);
        Assert.InRange(hasher.MostRunning, 1, cap);
        Assert.Equal(0, hasher.Running);
        Assert.False(await hasher.VerifyAsync(null, key, CancellationToken.None));
    }
}
