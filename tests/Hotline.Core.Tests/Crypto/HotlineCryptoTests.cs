using System.Text;
using Hotline.Core.Crypto;

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
    public void A_wrapped_private_key_unwraps_only_with_its_passphrase()
    {
        var pair = HotlineCrypto.NewKeyPair();
        var wrapped = HotlineCrypto.Wrap(pair.PrivateKey, "night shift passphrase");
        Assert.True(wrapped.OpsLimit >= 3);
        Assert.Equal(pair.PrivateKey, HotlineCrypto.Unwrap(wrapped, "night shift passphrase"));
        Assert.Throws<CryptoFailure>(() => HotlineCrypto.Unwrap(wrapped, "wrong passphrase"));
    }

    [Fact]
    public void Wrapping_refuses_argon2id_with_fewer_than_three_passes()
    {
        var pair = HotlineCrypto.NewKeyPair();
        Assert.Throws<ArgumentOutOfRangeException>(() => HotlineCrypto.Wrap(pair.PrivateKey, "p", opsLimit: 2));
    }

    [Fact]
    public void Password_hashes_verify_the_right_password_only()
    {
        var hash = HotlineCrypto.HashPassword("s3cret passphrase");
        Assert.StartsWith("$argon2id$", hash);
        Assert.True(HotlineCrypto.VerifyPassword(hash, "s3cret passphrase"));
        Assert.False(HotlineCrypto.VerifyPassword(hash, "s3cret passphrasE"));
        Assert.False(HotlineCrypto.VerifyPassword("not a hash", "x"));
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
