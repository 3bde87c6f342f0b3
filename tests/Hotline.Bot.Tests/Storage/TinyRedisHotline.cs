using System.Globalization;
using Hotline.Bot.Channels.Twilio;
using Hotline.Bot.Tests.Channels.Twilio;
using Hotline.Core.Storage;
using Hotline.Core.Transcripts;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Hotline.Bot.Tests.Storage;

/// <summary>
/// The Bot and the Triage worker on a real redis-server started with a tiny maxmemory (noeviction), the Twilio channel on
/// a local fake with the on-call supervisor's number, memory read every second. The test fills Redis with a ballast key
/// of its own to a chosen level, and takes it away again.
/// </summary>
public sealed class TinyRedisHotline() : HotlineHost(new HotlineHostOptions
{
    Name = "hotline-tiny-redis",
    Bot = true,
    Triage = true,
    RedisMaxMemory = "12mb",
    // One redis-server whatever HOTLINE_TEST_CLUSTER says: the ballast, the reading and the lowered maxmemory are one
    // server's, and "full" must refuse every write the tests make. On a Redis Cluster each primary fills on its own (the
    // services read every primary and keep the fullest), so a full node refuses only the conversations on its slots.
    Cluster = false,
    Settings = new Dictionary<string, string?>
    {
        ["HOTLINE_TWILIO_ACCOUNT_SID"] = FakeTwilio.AccountSid,
        ["HOTLINE_TWILIO_AUTH_TOKEN"] = FakeTwilio.AuthToken,
        ["HOTLINE_TWILIO_FROM"] = TwilioHotline.HotlineNumber,
        ["HOTLINE_TWILIO_STAFF"] = $"oncall-supervisor=sms:{SupervisorNumber}",
        ["HOTLINE_REDIS_MEMORY_CHECK_SECONDS"] = "1",
        ["HOTLINE_REDIS_MEMORY_ALERT_PERCENT"] = "80",
    },
})
{
    public const string SupervisorNumber = "+355690009999";
    private const string Ballast = "test:ballast:";
    private const int Chunk = 8 * 1024;
    private int ballastKeys;

    public FakeTwilio Twilio { get; private set; } = null!;
    public IDatabase Db => BotHost!.Services.GetRequiredService<HotlineRedis>().Db;

    protected override async Task StartFakesAsync(Dictionary<string, string?> settings)
    {
        Twilio = await FakeTwilio.StartAsync();
        settings["HOTLINE_TWILIO_API_BASE"] = Twilio.BaseUrl.ToString().TrimEnd('/');
    }

    protected override async Task StopFakesAsync()
    {
        if (Twilio is not null) await Twilio.DisposeAsync();
    }

    /// <summary>INFO memory of the test's Redis, as the services read it.</summary>
    public async Task<RedisMemoryReading> MemoryAsync()
    {
        await using var mux = await Redis.ConnectAsync();
        return RedisMemoryReading.Parse(await mux.GetServer(Redis.ConnectionString).InfoRawAsync("memory"))!;
    }

    /// <summary>Adds ballast, 8 KB at a time (a big value would count twice, as it arrives and as it is stored), until Redis uses this share of its maxmemory.</summary>
    public async Task FillToAsync(double percent)
    {
        await using var mux = await Redis.ConnectAsync();
        var db = mux.GetDatabase();
        // Measured after every chunk: what a value costs Redis (allocator classes, key overhead) is not its length.
        for (var now = await MemoryAsync(); now.Used < now.Limit * percent / 100; now = await MemoryAsync())
        {
            await db.StringSetAsync(Ballast + ballastKeys++, new byte[Chunk]);
        }
    }

    /// <summary>
    /// Makes Redis full: ballast up to its maxmemory, then the limit lowered 1 MB below what it holds, so every write that
    /// could grow it is refused (OOM), and stays refused while the services free a few bytes here and there.
    /// </summary>
    public async Task FillUpAsync()
    {
        await FillToAsync(98);
        await using var mux = await Redis.ConnectAsync();
        var full = await MemoryAsync();
        await mux.GetServer(Redis.ConnectionString).ConfigSetAsync("maxmemory", Math.Max(full.Used - 1_048_576, 1_048_576));
        try
        {
            await mux.GetDatabase().StringSetAsync(Ballast + ballastKeys++, "x");
            throw new InvalidOperationException("Redis accepted a write over its maxmemory");
        }
        catch (RedisServerException e) when (RedisMemory.IsOutOfMemory(e))
        {
        }
    }

    /// <summary>Takes all the ballast away and gives Redis back its maxmemory: it has room again.</summary>
    public async Task EmptyAsync()
    {
        await using var mux = await Redis.ConnectAsync();
        var db = mux.GetDatabase();
        for (var i = 0; i < ballastKeys; i++) await db.KeyDeleteAsync(Ballast + i.ToString(CultureInfo.InvariantCulture));
        ballastKeys = 0;
        await mux.GetServer(Redis.ConnectionString).ConfigSetAsync("maxmemory", Redis.MaxMemory);
    }

    /// <summary>Forgets that the memory alert was sent lately, as if the repeat interval had passed.</summary>
    public async Task ForgetAlertAsync()
    {
        await using var mux = await Redis.ConnectAsync();
        await mux.GetDatabase().KeyDeleteAsync(RedisKeys.RedisMemoryAlert);
    }

    /// <summary>The conversation a Twilio sender is in, as the Bot maps it, or null.</summary>
    public async Task<string?> ConversationOfAsync(string from)
    {
        var pseudonym = await BotHost!.Services.GetRequiredService<TwilioSenders>().PseudonymOfAsync(Hotline.Core.Channel.Sms, from);
        return (string?)await Db.StringGetAsync($"hl:twilio:sender:{pseudonym}");
    }

    /// <summary>What the transcript holds, opened with the team key (as only an operator's browser can).</summary>
    public async Task<IReadOnlyList<string>> TranscriptAsync(string conversationId)
    {
        var entries = await BotHost!.Services.GetRequiredService<TranscriptStore>().ReadAsync(conversationId, CancellationToken.None);
        return TranscriptStore.OpenAll(conversationId, entries, Team!, ServiceSigners);
    }
}
