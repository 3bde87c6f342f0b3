using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline.Bot.Tests.Channels.Twilio;

namespace Hotline.Bot.Tests.Storage;

/// <summary>Redis has a maxmemory and never evicts: the hotline says when it fills, and refuses rather than loses.</summary>
public sealed class RedisMemoryTests(TinyRedisHotline hotline) : IClassFixture<TinyRedisHotline>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Past_the_alert_threshold_readiness_and_metrics_say_so_and_the_on_call_supervisor_gets_an_sms()
    {
        try
        {
            await hotline.FillToAsync(90);
            var memory = await hotline.MemoryAsync();
            Assert.InRange(memory.Percent, 80, 99.9);

            var alert = await hotline.Twilio.WaitForMessagesAsync(m => m.To == TinyRedisHotline.SupervisorNumber, 1, Patience);
            Assert.Contains("Redis memory at", alert[0].Body);
            Assert.Contains("MiB", alert[0].Body);

            var ready = await hotline.Bot.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Contains("Redis memory high", await ready.Content.ReadAsStringAsync());
            var scrape = await hotline.Bot.GetStringAsync("/metrics");
            Assert.Contains("hotline_redis_memory_used", scrape);
            Assert.Contains("hotline_redis_memory_limit", scrape);
            Assert.Contains("12582912", scrape); // 12mb, the limit Redis was started with
        }
        finally
        {
            await hotline.EmptyAsync();
        }
    }

    [Fact]
    public async Task A_Twilio_message_refused_by_a_full_Redis_gets_503_and_is_stored_once_when_Twilio_sends_it_again()
    {
        var from = TwilioHotline.NewNumber();
        const string text = "Më ndihmoni ju lutem, jam në rrezik";
        var form = TwilioHotline.Sms(from, text);
        var url = new Uri(hotline.BotUrl, "/api/twilio/messages");
        var signature = await TwilioNode.SignAsync(url.ToString(), form);
        try
        {
            await hotline.FillUpAsync();

            var refused = await TwilioHotline.PostAsync(hotline.Bot, url, form, signature);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("Storage full", problem.GetProperty("title").GetString());
            var notReady = await hotline.Bot.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            Assert.Contains("writes are refused", await notReady.Content.ReadAsStringAsync());
            Assert.Contains("hotline_redis_oom_refusals", await hotline.Bot.GetStringAsync("/metrics"));
        }
        finally
        {
            await hotline.EmptyAsync();
        }
        Assert.Null(await hotline.ConversationOfAsync(from));

        // Twilio's retry of the same delivery, once there is room.
        var retried = await TwilioHotline.PostAsync(hotline.Bot, url, form, signature);

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var conversationId = await hotline.ConversationOfAsync(from);
        Assert.NotNull(conversationId);
        Assert.Single(await hotline.TranscriptAsync(conversationId), text);
    }

    [Fact]
    public async Task A_web_chat_message_refused_by_a_full_Redis_gets_a_clear_503_and_is_stored_once_when_sent_again()
    {
        using var visitor = await hotline.StartWebChatAsync();
        const string text = "Burri im më kërcënon, çfarë të bëj?";
        var activity = new { type = "message", text, channelData = new { clientActivityID = "page-" + Guid.NewGuid().ToString("N") } };
        var path = $"/v3/directline/conversations/{visitor.ConversationId}/activities";
        try
        {
            await hotline.FillUpAsync();

            var refused = await visitor.Client.PostAsJsonAsync(path, activity);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("Storage full", problem.GetProperty("title").GetString());
            Assert.Contains("send it again", problem.GetProperty("detail").GetString());
        }
        finally
        {
            await hotline.EmptyAsync();
        }
        Assert.DoesNotContain(text, await hotline.TranscriptAsync(visitor.ConversationId));

        var again = await visitor.Client.PostAsJsonAsync(path, activity);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single(await hotline.TranscriptAsync(visitor.ConversationId), text);
    }
}
