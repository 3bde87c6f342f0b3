using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline.Bot.Tests.Channels.Twilio;
using Microsoft.Extensions.DependencyInjection;

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
            // An alert another test raised may have been queued just before Redis filled up: this test's own is raised anew.
            static bool ToSupervisor(FakeTwilioRequest m) => m.To == TinyRedisHotline.SupervisorNumber;
            await hotline.ForgetAlertAsync();
            var earlier = hotline.Twilio.Messages.Count(ToSupervisor);
            await hotline.FillToAsync(90);
            var memory = await hotline.MemoryAsync();
            Assert.InRange(memory.Percent, 80, 99.9);

            var alert = (await hotline.Twilio.WaitForMessagesAsync(ToSupervisor, earlier + 1, Patience)).Last();
            Assert.Contains("Redis memory at", alert.Body);
            Assert.Contains("MiB", alert.Body);

            var ready = await hotline.Bot.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            var said = await ready.Content.ReadAsStringAsync();
            Assert.StartsWith("ready; Redis memory high", said);
            Assert.Contains("of 12 MiB", said); // the maxmemory Redis was started with
            // What /metrics exports, read from the Bot's own instruments (every host in this test process has a "Hotline" meter).
            var (used, limit) = BotMemoryGauges();
            Assert.Equal(12 * 1024 * 1024, limit);
            Assert.InRange(used, limit * 80 / 100, limit);
        }
        finally
        {
            await hotline.EmptyAsync();
        }
    }

    private (long Used, long Limit) BotMemoryGauges()
    {
        var factory = hotline.BotHost!.Services.GetRequiredService<IMeterFactory>();
        long used = -1, limit = -1;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Name.StartsWith("hotline.redis.memory.", StringComparison.Ordinal)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "hotline.redis.memory.used") used = value;
            else if (instrument.Name == "hotline.redis.memory.limit") limit = value;
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return (used, limit);
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
