using Hotline.Bot.Channels;
using Hotline.Bot.Flow;
using Hotline.Core;
using Hotline.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Bot.Tests.Channels.Twilio;

/// <summary>
/// Two Bots both relay the outgoing SMS stream; each person still receives the hotline's messages in the order the
/// transcript holds them (never the answer before the greeting), whichever Bot sends which.
/// </summary>
[Collection(TwilioBotsCollection.Name)]
public sealed class SendOrderTests(TwilioBotsHotline hotline)
{
    [Fact]
    public async Task With_two_Bots_relaying_SMS_each_person_receives_the_messages_in_transcript_order()
    {
        var (first, firstUrl) = await hotline.StartBotAsync();
        await using var firstApp = first;
        var (second, secondUrl) = await hotline.StartBotAsync();
        await using var secondApp = second;
        // Twilio answers each send within 0-40 ms: two Bots sending one conversation's messages at once would finish in either order.
        hotline.Twilio.SendJitter = TimeSpan.FromMilliseconds(40);
        try
        {
            var people = Enumerable.Range(0, 16).Select(_ => TwilioHotline.NewNumber()).ToList();
            using var client = new HttpClient();
            await Task.WhenAll(people.Select(async (person, i) =>
                (await TwilioHotline.PostSignedAsync(client, TwilioHotline.Sms(person, "Hello, I would like some information"), "/api/twilio/messages", i % 2 == 0 ? firstUrl : secondUrl)).EnsureSuccessStatusCode()));
            // Then the hotline says four things to each of them in a row, from one Bot and the other in turn (as the bot's
            // answers and an operator's replies come from whichever Bot handled them), to everyone at once.
            await Task.WhenAll(people.Select(async person =>
            {
                var conversationId = await WaitForConversationAsync(person, first.Services);
                for (var k = 1; k <= 4; k++)
                {
                    var flow = (k % 2 == 1 ? first : second).Services.GetRequiredService<ConversationFlow>();
                    await flow.SayAsync(conversationId, Channel.Sms, Speaker.Bot, $"Message {k} of 4 from the hotline.", CancellationToken.None);
                }
            }));
            await hotline.Twilio.WaitForMessagesAsync(m => m.Body == "Message 4 of 4 from the hotline.", people.Count, TimeSpan.FromSeconds(60));
            await TwilioHotline.WaitUntilSentAsync(first.Services.GetRequiredService<HotlineRedis>().Db);

            foreach (var person in people)
            {
                var conversationId = (await TwilioHotline.ConversationOfAsync(person, first.Services))!;
                var transcript = await hotline.TranscriptAsync(conversationId, first.Services);
                var received = hotline.Twilio.Messages.Where(m => m.To == person).Select(m => m.Body!).ToList();
                Assert.True(received.Count >= 5, $"the bot's first messages and four more, got {received.Count}");
                // Where each message received stands in the transcript (a long one arrives in parts): never earlier than the one before.
                var places = received.Select(body => transcript.ToList().FindIndex(entry => entry.Contains(body.Trim(), StringComparison.Ordinal))).ToList();
                Assert.All(places, place => Assert.True(place >= 0, "every message received is in the transcript"));
                Assert.True(places.Zip(places.Skip(1)).All(pair => pair.First <= pair.Second),
                    $"received in transcript order: entries {string.Join(", ", places)}");
            }
        }
        finally
        {
            hotline.Twilio.SendJitter = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task With_two_Bots_a_message_after_a_long_one_reaches_the_person_only_after_every_part_of_it()
    {
        var (first, firstUrl) = await hotline.StartBotAsync();
        await using var firstApp = first;
        var (second, _) = await hotline.StartBotAsync();
        await using var secondApp = second;
        // The record of a reply's last part is what lets the next one go: Twilio answering each part within 0-40 ms, the
        // other Bot's message would otherwise slip in between the parts.
        hotline.Twilio.SendJitter = TimeSpan.FromMilliseconds(40);
        try
        {
            var longer = string.Join(" ", Enumerable.Repeat("This longer message from the hotline does not fit in one text message.", 20));
            const string After = "And this short one comes after it.";
            var people = Enumerable.Range(0, 8).Select(_ => TwilioHotline.NewNumber()).ToList();
            using var client = new HttpClient();
            await Task.WhenAll(people.Select(async person =>
            {
                (await TwilioHotline.PostSignedAsync(client, TwilioHotline.Sms(person, "Hello, I would like some information"), "/api/twilio/messages", firstUrl)).EnsureSuccessStatusCode();
                var conversationId = await WaitForConversationAsync(person, first.Services);
                await first.Services.GetRequiredService<ConversationFlow>().SayAsync(conversationId, Channel.Sms, Speaker.Bot, longer, CancellationToken.None);
                await second.Services.GetRequiredService<ConversationFlow>().SayAsync(conversationId, Channel.Sms, Speaker.Bot, After, CancellationToken.None);
            }));
            await hotline.Twilio.WaitForMessagesAsync(m => m.Body == After, people.Count, TimeSpan.FromSeconds(60));

            foreach (var person in people)
            {
                var received = hotline.Twilio.Messages.Where(m => m.To == person).Select(m => m.Body!).ToList();
                var parts = received.Select((body, at) => (body, at)).Where(p => longer.Contains(p.body.Trim(), StringComparison.Ordinal)).ToList();
                Assert.True(parts.Count >= 2, $"the long message arrives in parts, got {parts.Count}");
                var after = received.IndexOf(After);
                Assert.All(parts, p => Assert.True(p.at < after, $"part at {p.at} arrives before the next message at {after}"));
            }
        }
        finally
        {
            hotline.Twilio.SendJitter = TimeSpan.Zero;
        }
    }

    private static async Task<string> WaitForConversationAsync(string person, IServiceProvider bot)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (await TwilioHotline.ConversationOfAsync(person, bot) is { } conversationId) return conversationId;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The person's conversation was not started within 30 s");
            await Task.Delay(50);
        }
    }
}
