using System.Text;
using Hotline.Core.Crypto;

namespace Hotline.Core.Identity;

/// <summary>
/// Turns a sender's address (phone number, WhatsApp id, web chat user id) into a stable pseudonym: a keyed hash
/// under a server secret, so the same person maps to the same id and nobody without the secret can reverse it.
/// </summary>
public sealed class Pseudonymizer(byte[] secret)
{
    public string For(Channel channel, string address) => Of(secret, channel, address);

    /// <summary>The pseudonym of an address under a given key (the SMS and WhatsApp senders' keys rotate).</summary>
    public static string Of(byte[] key, Channel channel, string address)
    {
        var mac = HotlineCrypto.Mac(key, Encoding.UTF8.GetBytes(channel.ToWire() + ":" + address));
        return "p_" + Convert.ToHexStringLower(mac.AsSpan(0, 16));
    }
}
