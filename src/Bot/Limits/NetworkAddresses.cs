using System.Text;
using Hotline.Bot.Channels.Twilio;
using Hotline.Bot.Secrets;
using Hotline.Core.Crypto;

namespace Hotline.Bot.Limits;

/// <summary>
/// A client's network address as the limits see it: a keyed hash under the pseudonym key of the current period (the same
/// rotating key the SMS and WhatsApp senders are hashed under: a fresh one every address lifetime, destroyed one lifetime
/// after its own ends), so a limiter's partitions and the case budget's keys never hold an address in clear, nobody without
/// the key can test a guess, and once the key is destroyed not even the Bot's secrets tie an address to its hash. Within a
/// period every Bot gives an address the same hash, so the limits count across them; at a rotation the counts start over.
/// </summary>
public sealed class NetworkAddresses(PseudonymKeys pseudonymKeys, TimeProvider time)
{
    private volatile Prepared? current;

    public RotatingKeys Keys => pseudonymKeys.Keys;

    /// <summary>
    /// Loads the current period's key (from memory, or Redis once a period), before the rate limiter chooses its partitions,
    /// which it does synchronously: <see cref="AbuseLimits.UseNetworkAddresses"/> runs this ahead of it for every request.
    /// </summary>
    public async Task PrepareAsync()
    {
        if (current is { } known && known.Period == Keys.PeriodOf(time.GetUtcNow())) return;
        var (period, key) = await Keys.CurrentAsync().ConfigureAwait(false);
        current = new Prepared(period, key);
    }

    public string Of(HttpContext context) => Of(context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    /// <summary>The hash of an address under the prepared key; <see cref="PrepareAsync"/> must have run.</summary>
    public string Of(string address)
    {
        var key = current?.Key ?? throw new InvalidOperationException("The pseudonym key was not loaded before the limits ran: UseNetworkAddresses comes before UseRateLimiter");
        return "a_" + Convert.ToHexStringLower(HotlineCrypto.Mac(key, Encoding.UTF8.GetBytes("address:" + address)).AsSpan(0, 16));
    }

    private sealed record Prepared(long Period, byte[] Key);
}
