using Hotline.Bot.Tests.Channels.Twilio;

namespace Hotline.Bot.Tests.Fuzz;

/// <summary>
/// The Bot alone on its own real redis-server, with the Twilio channel on (nothing is sent: the REST API points at a
/// loopback port nobody listens on), so that a before/after comparison of everything Redis holds sees only the fuzzing.
/// </summary>
public sealed class FuzzHotline() : HotlineHost(new HotlineHostOptions
{
    Name = "hotline-fuzz",
    Bot = true,
    ConsoleLogs = false,
    Settings = new Dictionary<string, string?>
    {
        ["HOTLINE_TWILIO_ACCOUNT_SID"] = FakeTwilio.AccountSid,
        ["HOTLINE_TWILIO_AUTH_TOKEN"] = FakeTwilio.AuthToken,
        ["HOTLINE_TWILIO_API_BASE"] = "http://127.0.0.1:9",
    },
})
{
    public Uri Webhook => new(BotUrl, "/api/twilio/messages");

    /// <summary>Every key and value once the work of earlier requests has settled (the same twice, half a second apart).</summary>
    public async Task<string> SettledAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var last = await EverythingAsync();
        while (true)
        {
            await Task.Delay(500);
            var now = await EverythingAsync();
            if (now == last || DateTime.UtcNow > deadline) return now;
            last = now;
        }
    }

    /// <summary>
    /// Every key and value, for before/after comparisons, but the rate windows (hl:rate:…): a refused request still counts
    /// against its address's allowance, as a flood of bad requests should, and the count expires with its window; and the
    /// period's pseudonym key (hl:pseudonym-key:…), which the first request of a period creates whatever it carries, so that
    /// its address can be hashed for the limits: it holds nothing of any request.
    /// </summary>
    public async Task<string> EverythingAsync() =>
        string.Join('\n', (await Redis.AllKeysAndValuesAsync()).Entries
            .Where(e => !e.Key.StartsWith("hl:rate:", StringComparison.Ordinal) && !e.Key.StartsWith("hl:pseudonym-key:", StringComparison.Ordinal))
            .Select(e => $"{e.Location}\n{e.Text}"));
}
