namespace Hotline.Core.Tests.Crypto;

public sealed class HotlineCryptoTests
{
    private static readonly byte[] Ad = Encoding.UTF8.GetBytes("hl-transcript-v1|conv|0|person||0|x");

    [Fact]
    public void A_sealed_entry_opens_only_with_the_team_private_key()
    {
        var team = HotlineCrypto.NewKeyPair();
        var other = HotlineCrypto.NewKeyPair();
        var sealedEntry = HotlineCrypto.SealEntry("më rreh burri"u8, Ad, team.PublicKey);

        Assert.Equal("më rreh burri", Encoding.UTF8.GetString(HotlineCrypto.OpenEntry(sealedEntry, Ad, team)));
        Assert.Throws<CryptoFailure>(() => HotlineCrypto.OpenEntry(sealedEntry, Ad, other));
    }

    [Fact]
    public void Each_entry_gets_a_fresh_key_and_nonce()
    {
        var team = HotlineCrypto.NewKeyPair();
        var a = HotlineCrypto.SealEntry("same text"u8, Ad, team.PublicKey);
        var b = HotlineCrypto.SealEntry("same text"u8, Ad, team.PublicKey);
        Assert.NotEqual(a.Nonce, b.Nonce);
        Assert.NotEqual(a.Ciphertext, b.Ciphertext);
        Assert.NotEqual(a.SealedKey, b.SealedKey);
    }

    [Fact]
    public void An_entry_moved_to_another_conversation_or_position_does_not_open()
    {
        var team = HotlineCrypto.NewKeyPair();
        var sealedEntry = HotlineCrypto.SealEntry("text"u8, Ad, team.PublicKey);
        var elsewhere = Encoding.UTF8.GetBytes("hl-transcript-v1|other|0|person||0|x");
        Assert.Throws<CryptoFailure>(() => HotlineCrypto.OpenEntry(sealedEntry, elsewhere, team));
    }

    [Fact]
    public void A_tampered_ciphertext_fails_closed()
    {
        var team = HotlineCrypto.NewKeyPair();
        var sealedEntry = HotlineCrypto.SealEntry("text"u8, Ad, team.PublicKey);
        var flipped = (byte[])sealedEntry.Ciphertext.Clone();
        flipped[0] ^= 1;
        Assert.Throws<CryptoFailure>(() => HotlineCrypto.OpenEntry(sealedEntry with { Ciphertext = flipped }, Ad, team));
    }

    [Fact]
    public void A_wrapped_private_key_unwraps_only_with_the_wrapping_key_of_its_passphrase()
    {
        var pair = HotlineCrypto.NewKeyPair();
        var kdf = new KdfParameters(HotlineCrypto.RandomBytes(HotlineCrypto.KdfSaltBytes), 3, 8 * 1024 * 1024);
        var keys = HotlineCrypto.SplitMasterKey(HotlineCrypto.MasterKey("night shift passphrase", kdf));
        var wrapped = HotlineCrypto.WrapKey(pair.PrivateKey, keys.WrappingKey);
        Assert.Equal(pair.PrivateKey, HotlineCrypto.UnwrapKey(wrapped, keys.WrappingKey));
        Assert.Throws<CryptoFailure>(() => HotlineCrypto.UnwrapKey(wrapped, keys.AuthKey));
        var wrong = HotlineCrypto.SplitMasterKey(HotlineCrypto.MasterKey("wrong passphrase", kdf));
        Assert.Throws<CryptoFailure>(() => HotlineCrypto.UnwrapKey(wrapped, wrong.WrappingKey));
    }

    [Fact]
    public void The_authentication_key_and_the_wrapping_key_are_different_subkeys_of_the_master_key()
    {
        var master = HotlineCrypto.RandomBytes(32);
        var keys = HotlineCrypto.SplitMasterKey(master);
        Assert.NotEqual(keys.AuthKey, keys.WrappingKey);
        Assert.NotEqual(master, keys.AuthKey);
        Assert.Equal(keys.AuthKey, HotlineCrypto.DeriveSubkey(master, 1, "HLLOGIN1"));
        Assert.Equal(keys.WrappingKey, HotlineCrypto.DeriveSubkey(master, 2, "HLLOGIN1"));
        Assert.NotEqual(keys.AuthKey, HotlineCrypto.SplitMasterKey(master, HotlineCrypto.RecoveryContext).AuthKey);
    }

    [Fact]
    public void The_master_key_refuses_argon2id_with_fewer_than_three_passes()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HotlineCrypto.MasterKey("p", new KdfParameters(new byte[16], 2, 8 * 1024 * 1024)));
    }

    [Fact]
    public void Authentication_key_hashes_verify_the_right_key_only()
    {
        var key = HotlineCrypto.RandomBytes(32);
        var hash = HotlineCrypto.HashAuthKey(key);
        Assert.StartsWith("$argon2id$", hash);
        Assert.True(HotlineCrypto.VerifyAuthKey(hash, key));
        key[0] ^= 1;
        Assert.False(HotlineCrypto.VerifyAuthKey(hash, key));
        Assert.False(HotlineCrypto.VerifyAuthKey("not a hash", key));
    }

    [Fact]
    public void Derived_keys_differ_by_purpose_and_context()
    {
        var master = HotlineCrypto.RandomBytes(32);
        var a = HotlineCrypto.Derive(master, "delivery", "conv-1");
        Assert.Equal(a, HotlineCrypto.Derive(master, "delivery", "conv-1"));
        Assert.NotEqual(a, HotlineCrypto.Derive(master, "delivery", "conv-2"));
        Assert.NotEqual(a, HotlineCrypto.Derive(master, "other", "conv-1"));
    }
}
