using System.Net.Http.Json;
using Hotline.Bot.Limits;
using Hotline.Bot.Tests.Channels.Twilio;
using Hotline.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hotline.Bot.Tests.Limits;

/// <summary>
/// The limits hold across Bot processes (two real Bots on Kestrel, one real Redis): a source that spreads its requests
/// over both Bots gets the allowance once, not once per Bot. And a limit that cannot be counted lets the message through.
/// </summary>
[Collection(TwilioCollection.Name)]
public sealed class SharedLimitsTests(TwilioHotline hotline)
{
    [Fact]
    public async Task Two_Bots_give_one_address_its_start_allowance_once()
    {
        // A limit no other test uses, from an address no other test uses: the window is this test's alone.
        const int allowance = 7;
        var limits = new Dictionary<string, string?> { ["HOTLINE_LIMIT_STARTS_PER_ADDRESS"] = allowance.ToString() };
        var (first, firstUrl) = await hotline.StartBotAsync(limits);
        await using var firstApp = first;
        var (second, secondUrl) = await hotline.StartBotAsync(limits);
        await using var secondApp = second;
        using var toFirst = LoopbackClients.From("127.0.0.41", firstUrl);
        using var toSecond = LoopbackClients.From("127.0.0.41", secondUrl);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < allowance * 2; i++) answers.Add(await (i % 2 == 0 ? toFirst : toSecond).PostAsync("/api/webchat/token", null));

        Assert.All(answers.Take(allowance), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.All(answers.Skip(allowance), a =>
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, a.StatusCode);
            Assert.True(a.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 and <= 600 }, "Retry-After in seconds within the window");
        });
        // Another address still gets its tokens from either Bot.
        using var other = LoopbackClients.From("127.0.0.42", secondUrl);
        Assert.Equal(HttpStatusCode.OK, (await other.PostAsync("/api/webchat/token", null)).StatusCode);
    }

    [Fact]
    public async Task Two_Bots_answer_an_sms_sender_only_within_its_one_allowance_and_store_every_message()
    {
        const int allowance = 3;
        var limits = new Dictionary<string, string?> { ["HOTLINE_LIMIT_SMS_PER_SENDER"] = allowance.ToString() };
        var (first, firstUrl) = await hotline.StartBotAsync(limits);
        await using var firstApp = first;
        var (second, secondUrl) = await hotline.StartBotAsync(limits);
        await using var secondApp = second;
        var from = TwilioHotline.NewNumber();
        var texts = Enumerable.Range(1, 2 * allowance).Select(i => $"Dua të pyes diçka, pyetja {i}").ToList();

        // One after the other, each to the other Bot: each answer is in the transcript before the next message arrives.
        for (var i = 0; i < texts.Count; i++)
        {
            var response = await hotline.PostSignedAsync(TwilioHotline.Sms(from, texts[i]), bot: i % 2 == 0 ? firstUrl : secondUrl);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var transcript = (await hotline.TranscriptAsync((await hotline.ConversationOfAsync(from))!)).ToList();
        Assert.All(texts, text => Assert.Single(transcript, text));
        // The first three were answered (by whichever Bot took them); from the fourth on, stored with no answer.
        for (var i = 0; i < allowance; i++) Assert.NotEqual(texts[i + 1], transcript[transcript.IndexOf(texts[i]) + 1]);
        Assert.Equal(texts[allowance..], transcript.Skip(transcript.IndexOf(texts[allowance])));
    }

    [Fact]
    public async Task A_limit_that_cannot_be_counted_lets_the_request_through_and_counts_again_once_Redis_answers()
    {
        await using var server = await RedisServer.StartAsync();
        // As the Bot connects (its own Redis user), with a short timeout so a Redis that does not answer is noticed soon.
        await using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(
            $"{server.ConnectionString},user=bot,password={server.Users.Password("bot")},abortConnect=false,asyncTimeout=1000,syncTimeout=1000");
        var window = new SharedWindow(new HotlineRedis(connection), NullLogger<SharedWindow>.Instance);
        Task<TimeSpan?> Take() => window.TryTakeAsync("test", "source", 1, TimeSpan.FromMinutes(10));

        Assert.Null(await Take());
        Assert.NotNull(await Take());
        server.Pause();
        try
        {
            // Redis does not answer: the request is allowed, though the window is spent.
            Assert.Null(await Take());
        }
        finally
        {
            server.Resume();
        }
        Assert.NotNull(await Take());
    }
}
