using System.Text;
using Hotline.Bot.Secrets;
using Hotline.Core.Crypto;

namespace Hotline.Bot.Limits;

/// <summary>
/// A client's network address as the limits see it: a keyed hash under the Bot's pseudonym key, so a limiter's
/// partitions and the case budget's keys never hold an address in clear, and nobody without the key can test a guess.
/// </summary>
public sealed class NetworkAddresses(BotSecrets secrets)
{
    public string Of(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return "a_" + Convert.ToHexStringLower(HotlineCrypto.Mac(secrets.PseudonymKey, Encoding.UTF8.GetBytes("address:" + address)).AsSpan(0, 16));
    }
}
