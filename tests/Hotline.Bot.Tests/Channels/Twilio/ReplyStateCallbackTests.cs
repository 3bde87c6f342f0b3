using System.Collections.Concurrent;
using Hotline.Core.Outbox;
using StackExchange.Redis;

namespace Hotline.Bot.Tests.Channels.Twilio;

/// <summary>
/// An operator's SMS reply: sending until Twilio accepts it, then moved by Twilio's signed status callbacks (delivered,
/// undelivered as failed), never backwards, each change announced for the consoles; no text or number kept with it.
/// </summary>
[Collection(TwilioCollection.Name)]
public sealed class ReplyStateCallbackTests(TwilioHotline hotline)
{
    private async Task<ReplyState?> StateAsync(string conversationId, long seq) =>
        (await hotline.Services.GetRequiredService<ReplyStates>().ReadAsync(conversationId)).TryGetValue(seq, out var s) ? s : null;

    private async Task WaitForStateAsync(string conversationId, long seq, ReplyState expected)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (await StateAsync(conversationId, seq) != expected)
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Reply {seq} stayed {await StateAsync(conversationId, seq)}, expected {expected}");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Operator_sms_reply_goes_sent_then_delivered_or_failed_by_signed_status_callbacks()
    {
        var from = TwilioHotline.NewNumber();
        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "He locked me in the flat and took my passport"))).EnsureSuccessStatusCode();
        var conversationId = (await hotline.ConversationOfAsync(from))!;
        await using var mux = await hotline.Redis.ConnectAsync();
        var announced = new ConcurrentQueue<string>();
        await mux.GetSubscriber().SubscribeAsync(RedisChannel.Literal(RedisKeys.ReplyStateChanged), (_, m) => announced.Enqueue(m.ToString()));

        const string words = "Jam këtu me ju. A jeni vetëm tani?";
        var first = await hotline.OperatorRepliesAsync(conversationId, words);
        var sent = (await hotline.Twilio.WaitForMessagesAsync(m => m.To == from && m.Body == words, 1)).Single();
        Assert.Equal(new Uri(hotline.BotUrl, "/api/twilio/status").ToString(), sent.Form["StatusCallback"]);
        await WaitForStateAsync(conversationId, first, ReplyState.Sent);

        // A forged callback changes nothing.
        var forged = await TwilioHotline.PostAsync(hotline.Bot, new Uri(hotline.BotUrl, "/api/twilio/status"), TwilioWebhookTests.StatusCallback(sent.Sid!, from, "delivered"), "forged");
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(ReplyState.Sent, await StateAsync(conversationId, first));

        (await hotline.PostSignedAsync(TwilioWebhookTests.StatusCallback(sent.Sid!, from, "delivered"), "/api/twilio/status")).EnsureSuccessStatusCode();
        Assert.Equal(ReplyState.Delivered, await StateAsync(conversationId, first));
        // Twilio's callbacks come out of order: a late "sent" does not take it back.
        (await hotline.PostSignedAsync(TwilioWebhookTests.StatusCallback(sent.Sid!, from, "sent"), "/api/twilio/status")).EnsureSuccessStatusCode();
        Assert.Equal(ReplyState.Delivered, await StateAsync(conversationId, first));

        // The next reply never reaches the phone: the operator sees it failed.
        var second = await hotline.OperatorRepliesAsync(conversationId, "Jeni aty?");
        var other = (await hotline.Twilio.WaitForMessagesAsync(m => m.To == from && m.Body == "Jeni aty?", 1)).Single();
        await WaitForStateAsync(conversationId, second, ReplyState.Sent);
        (await hotline.PostSignedAsync(TwilioWebhookTests.StatusCallback(other.Sid!, from, "undelivered", errorCode: "30003"), "/api/twilio/status")).EnsureSuccessStatusCode();
        Assert.Equal(ReplyState.Failed, await StateAsync(conversationId, second));
        Assert.Equal(ReplyState.Delivered, await StateAsync(conversationId, first));

        // Each change was announced for the consoles, by conversation and sequence only ("sending" too, unless Twilio's
        // acceptance overtook it).
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!announced.Contains($"{conversationId}|{second}|failed") && DateTime.UtcNow < until) await Task.Delay(50);
        Assert.Equal([$"{conversationId}|{first}|sent", $"{conversationId}|{first}|delivered", $"{conversationId}|{second}|sent", $"{conversationId}|{second}|failed"],
            announced.Where(a => a.StartsWith(conversationId + "|", StringComparison.Ordinal) && !a.EndsWith("|sending", StringComparison.Ordinal)).ToArray());

        // Nothing of the reply's words or the person's number is kept with the states.
        var kept = await hotline.Db.HashGetAllAsync(RedisKeys.ReplyStates(conversationId));
        var links = await Task.WhenAll(new[] { sent.Sid!, other.Sid! }.Select(sid => hotline.Db.StringGetAsync(RedisKeys.ReplyHandle("tw:" + sid))));
        var all = string.Join(" ", kept.Select(e => e.Name + "=" + e.Value).Concat(links.Select(l => l.ToString())));
        Assert.DoesNotContain(from[1..], all, StringComparison.Ordinal);
        Assert.DoesNotContain("vetëm", all, StringComparison.Ordinal);
        Assert.Equal($"{conversationId}|{first}", links[0].ToString());
    }
}
