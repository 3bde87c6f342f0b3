using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline.Bot.Tests.Channels.Twilio;
using Microsoft.Extensions.Options;

namespace Hotline.Bot.Tests.Limits;

/// <summary>
/// Behind a reverse proxy: X-Forwarded-* are believed from HOTLINE_KNOWN_PROXIES only, hosts are checked against
/// HOTLINE_ALLOWED_HOSTS, and Twilio's signatures are checked over HOTLINE_PUBLIC_URL. 127.0.0.2 plays the proxy,
/// 127.0.0.1 anyone else.
/// </summary>
[Collection(TwilioCollection.Name)]
public sealed class ForwardedHeadersTests(TwilioHotline hotline)
{
    private const string Proxy = "127.0.0.2";
    private const string Elsewhere = "127.0.0.1";
    /// <summary>Another direct client: the start limits count in Redis across the tests' Bots, so each test's stranger has its own address.</summary>
    private const string ElsewhereToo = "127.0.0.4";
    private const string PublicUrl = "https://hotline.example.org";

    private static readonly Dictionary<string, string?> BehindProxy = new()
    {
        ["HOTLINE_KNOWN_PROXIES"] = Proxy,
        ["HOTLINE_PUBLIC_URL"] = PublicUrl,
        ["HOTLINE_LIMIT_STARTS_PER_ADDRESS"] = "2",
    };

    [Fact]
    public async Task A_spoofed_X_Forwarded_For_from_a_non_proxy_is_ignored_and_from_the_known_proxy_each_client_is_limited_apart()
    {
        var (bot, url) = await hotline.StartBotAsync(BehindProxy);
        await using var _ = bot;
        using var stranger = LoopbackClients.From(Elsewhere, url);
        using var proxy = LoopbackClients.From(Proxy, url);

        // A direct client that claims a new address each time is still one address: its third start is refused.
        var spoofed = new List<HttpStatusCode>();
        for (var i = 1; i <= 3; i++) spoofed.Add((await TokenAsync(stranger, $"198.51.100.{i}")).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], spoofed);

        // Through the proxy, three people are three addresses; one of them is still held to its own limit.
        var people = new List<HttpStatusCode>();
        for (var i = 1; i <= 3; i++) people.Add((await TokenAsync(proxy, $"203.0.113.{i}")).StatusCode);
        Assert.All(people, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(proxy, "203.0.113.1")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await TokenAsync(proxy, "203.0.113.1")).StatusCode);
        // The proxy appends the address it saw: what a client wrote before it is not believed.
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(proxy, "203.0.113.1, 203.0.113.9")).StatusCode);

        // Addresses are used, never kept: not in Redis, not in any log line.
        var everything = (await hotline.Redis.AllKeysAndValuesAsync()).Entries.Select(e => e.Key + "\n" + e.Text);
        foreach (var address in new[] { "198.51.100.", "203.0.113." })
        {
            Assert.DoesNotContain(everything, text => text.Contains(address, StringComparison.Ordinal));
            Assert.DoesNotContain(address, hotline.Logs.AllText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Behind_the_proxy_the_stream_url_is_wss_on_the_public_host_and_a_direct_client_cannot_claim_it()
    {
        var (bot, url) = await hotline.StartBotAsync(BehindProxy);
        await using var _ = bot;
        using var stranger = LoopbackClients.From(ElsewhereToo, url);
        using var proxy = LoopbackClients.From(Proxy, url);

        var viaProxy = await StreamUrlAsync(proxy, "203.0.113.20");
        var direct = await StreamUrlAsync(stranger, "203.0.113.21");

        Assert.StartsWith("wss://hotline.example.org/v3/directline/conversations/", viaProxy);
        Assert.StartsWith($"ws://{url.Authority}/v3/directline/conversations/", direct);
    }

    [Fact]
    public async Task Hosts_outside_the_allowed_list_get_400_and_a_forwarded_host_outside_it_is_not_used()
    {
        var settings = new Dictionary<string, string?>(BehindProxy) { ["HOTLINE_ALLOWED_HOSTS"] = "hotline.example.org, 127.0.0.1" };
        var (bot, url) = await hotline.StartBotAsync(settings);
        await using var _ = bot;
        using var proxy = LoopbackClients.From(Proxy, url);

        Assert.Equal(HttpStatusCode.OK, (await GetWithHostAsync(proxy, "/healthz", "hotline.example.org")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetWithHostAsync(proxy, "/healthz", $"127.0.0.1:{url.Port}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await GetWithHostAsync(proxy, "/healthz", "evil.example")).StatusCode);

        var streamUrl = await StreamUrlAsync(proxy, "203.0.113.30", forwardedHost: "evil.example");
        Assert.DoesNotContain("evil.example", streamUrl);
    }

    [Fact]
    public async Task Twilio_signatures_are_checked_over_the_public_url_whatever_host_the_request_names()
    {
        var (bot, url) = await hotline.StartBotAsync(BehindProxy);
        await using var _ = bot;
        using var proxy = LoopbackClients.From(Proxy, url);
        proxy.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        proxy.DefaultRequestHeaders.Add("X-Forwarded-Host", "evil.example");

        var forged = await TwilioHotline.PostSignedAsync(proxy, TwilioHotline.Sms(TwilioHotline.NewNumber(), "tungjatjeta"), "/api/twilio/messages", url,
            signedUrl: "https://evil.example/api/twilio/messages");
        var genuine = await TwilioHotline.PostSignedAsync(proxy, TwilioHotline.Sms(TwilioHotline.NewNumber(), "tungjatjeta"), "/api/twilio/messages", url,
            signedUrl: PublicUrl + "/api/twilio/messages");

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        await hotline.WaitUntilSentAsync();
    }

    [Theory]
    [InlineData("HOTLINE_KNOWN_PROXIES", "10.0.0.0/33", "HOTLINE_KNOWN_PROXIES")]
    [InlineData("HOTLINE_KNOWN_PROXIES", "proxy.example.org", "HOTLINE_KNOWN_PROXIES")]
    [InlineData("HOTLINE_ALLOWED_HOSTS", "https://hotline.example.org", "HOTLINE_ALLOWED_HOSTS")]
    [InlineData("HOTLINE_PUBLIC_URL", null, "HOTLINE_PUBLIC_URL")]
    public async Task Wrong_proxy_settings_stop_the_Bot_at_start_saying_which(string name, string? value, string named)
    {
        var settings = new Dictionary<string, string?>(BehindProxy) { [name] = value };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => hotline.StartBotAsync(settings));

        Assert.Contains(named, error.Message);
    }

    private static async Task<HttpResponseMessage> TokenAsync(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webchat/token");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await client.SendAsync(request);
    }

    private static async Task<string> StreamUrlAsync(HttpClient client, string forwardedFor, string forwardedHost = "hotline.example.org")
    {
        var token = await (await TokenAsync(client, forwardedFor)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
        request.Headers.Authorization = new("Bearer", token.GetProperty("token").GetString());
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", forwardedHost);
        var started = await (await client.SendAsync(request)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        return started.GetProperty("streamUrl").GetString()!;
    }

    private static async Task<HttpResponseMessage> GetWithHostAsync(HttpClient client, string path, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        return await client.SendAsync(request);
    }
}
