using Hotline.Core.Telemetry;
using StackExchange.Redis;
using Hotline.Bot.Tests.Channels.Twilio;

namespace Hotline.Bot.Tests.Telemetry;

/// <summary>What a hotline without a trace exporter (the default) carries between its services for a person's message.</summary>
[Collection(TwilioCollection.Name)]
public sealed class TraceContextTests(TwilioHotline hotline)
{
    [Fact]
    public async Task Without_a_trace_exporter_an_urgent_messages_case_reaches_the_console_signals_with_no_trace_context()
    {
        var from = TwilioHotline.NewNumber();
        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "He is hitting me right now and has a knife, please help"))).EnsureSuccessStatusCode();
        var conversationId = (await hotline.ConversationOfAsync(from))!;

        // The Triage worker opens the case and signals the consoles (hl:notify; no Operator here reads it away).
        List<StreamEntry> signals = [];
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (signals.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            var caseId = (string?)await hotline.Db.HashGetAsync(RedisKeys.Conversation(conversationId), "caseId");
            if (caseId is null) continue;
            signals = [.. (await hotline.Db.StreamRangeAsync(RedisKeys.Notifications)).Where(e => e["caseId"] == caseId)];
        }

        Assert.NotEmpty(signals);
        Assert.All(signals, s => Assert.DoesNotContain(s.Values, v => v.Name == HotlineTracing.TraceParentField));
    }
}
