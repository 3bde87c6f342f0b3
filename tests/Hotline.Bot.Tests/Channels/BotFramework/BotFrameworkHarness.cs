using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Hotline.Bot.Channels.BotFramework;
using StackExchange.Redis;

namespace Hotline.Bot.Tests.Channels.BotFramework;

/// <summary>
/// The Bot for real on 127.0.0.1 with a real redis-server, and the Bot Framework cloud faked on loopback: the channel's
/// OpenID metadata and keys, Azure's token service and the connector. Logs are kept for leak scans.
/// </summary>
public sealed class BotFrameworkHarness(Action<Dictionary<string, string?>>? configure) : HotlineHost(new HotlineHostOptions { Name = "hotline-bf", Bot = true })
{
    public const string AppId = "4f1e2d3c-hotline-test-app";
    public const string AppPassword = "test-client-secret-value";
    public const string ChannelId = "webchat";
    public const string BotAccountId = "hotline-bot@abc";
    public const string BotAccountName = "Hotline Albania";

    public FakeBotFrameworkCloud Cloud { get; private set; } = null!;

    /// <summary>A connection as the test-only user, for reading what the Bot stored.</summary>
    public ConnectionMultiplexer Connection { get; private set; } = null!;
    public IDatabase Db => Connection.GetDatabase();
    public HttpClient Client => Bot;
    public IServiceProvider Services => BotHost!.Services;

    /// <param name="configure">Changes to the Bot's settings before it starts (remove the app id, add serviceUrls).</param>
    public static async Task<BotFrameworkHarness> StartAsync(Action<Dictionary<string, string?>>? configure = null)
    {
        var harness = new BotFrameworkHarness(configure);
        try
        {
            await harness.InitializeAsync();
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }
        return harness;
    }

    protected override async Task StartFakesAsync(Dictionary<string, string?> settings)
    {
        Cloud = await FakeBotFrameworkCloud.StartAsync();
        Connection = await Redis.ConnectAsync();
        settings["HOTLINE_BOTFRAMEWORK_APP_ID"] = AppId;
        settings["HOTLINE_BOTFRAMEWORK_APP_PASSWORD"] = AppPassword;
        settings["HOTLINE_BOTFRAMEWORK_OPENID_METADATA"] = Cloud.OpenIdMetadata;
        settings["HOTLINE_BOTFRAMEWORK_TOKEN_ENDPOINT"] = Cloud.TokenEndpoint;
        settings["HOTLINE_BOTFRAMEWORK_SERVICE_URLS"] = $"{Cloud.ServiceUrl}, *.botframework.com";
        configure?.Invoke(settings);
    }

    protected override async Task StopFakesAsync()
    {
        if (Cloud is not null) await Cloud.DisposeAsync();
        if (Connection is not null) await Connection.DisposeAsync();
    }

    /// <summary>A valid token for an activity from the fake connector.</summary>
    public string Token() => Cloud.MintToken(AppId, Cloud.ServiceUrl);

    public Task<HttpResponseMessage> PostAsync(JsonObject activity, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return Client.SendAsync(request);
    }

    /// <summary>An activity as Azure Bot Service posts it.</summary>
    public JsonObject Activity(string type, string id, string conversationId, string userId, string? text = null, string? serviceUrl = null,
        string channelId = ChannelId, string userName = "Ana Test")
    {
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = id,
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["serviceUrl"] = serviceUrl ?? Cloud.ServiceUrl,
            ["channelId"] = channelId,
            ["from"] = new JsonObject { ["id"] = userId, ["name"] = userName, ["role"] = "user" },
            ["conversation"] = new JsonObject { ["id"] = conversationId },
            ["recipient"] = new JsonObject { ["id"] = BotAccountId, ["name"] = BotAccountName, ["role"] = "bot" },
            ["locale"] = "en-US",
        };
        if (text is not null) activity["text"] = text;
        if (type == "conversationUpdate")
        {
            activity["membersAdded"] = new JsonArray(
                new JsonObject { ["id"] = BotAccountId, ["name"] = BotAccountName },
                new JsonObject { ["id"] = userId, ["name"] = userName });
        }
        return activity;
    }

    /// <summary>The hotline conversation the Bot filed a channel conversation under (found, never made), or null.</summary>
    public Task<string?> HotlineConversationIdAsync(string channelConversationId, string channelId = ChannelId) =>
        Services.GetRequiredService<BotFrameworkConversations>().FindAsync(channelId, channelConversationId);

    /// <summary>Waits until the connector has received at least this many activities.</summary>
    public async Task<IReadOnlyList<RecordedRequest>> ConnectorReceivedAsync(int count, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(15));
        while (Cloud.ConnectorRequests.Count < count && DateTime.UtcNow < deadline) await Task.Delay(50);
        var received = Cloud.ConnectorRequests.ToArray();
        Assert.True(received.Length >= count, $"the connector received {received.Length} activities, expected {count}");
        return received;
    }

    /// <summary>
    /// Keys that hold anything about a conversation: its own keys ({c:..}), cases, idempotency markers, and any stream
    /// with entries. Public keys and the empty streams and groups the services create at start are left out.
    /// </summary>
    public async Task<IReadOnlyList<string>> StoredKeysAsync()
    {
        var dump = await Redis.AllKeysAndValuesAsync();
        return dump.Entries
            .Where(e => e.Key.StartsWith("hl:{c:", StringComparison.Ordinal) || e.Key.StartsWith("hl:{k:", StringComparison.Ordinal) ||
                        e.Key.StartsWith("hl:dedupe:", StringComparison.Ordinal) ||
                        (e.Type == RedisType.Stream && e.Parts.Any(p => p.Name is null && Encoding.ASCII.GetString(p.Value).StartsWith("id ", StringComparison.Ordinal))))
            .Select(e => e.Location)
            .ToList();
    }
}
