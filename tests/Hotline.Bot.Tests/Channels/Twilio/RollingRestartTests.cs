using System.Diagnostics;
using Hotline.Bot.Channels.Twilio;
using Hotline.Core;
using Hotline.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Hotline.Bot.Tests.Channels.Twilio;

/// <summary>
/// A rolling restart: one Bot stops while it is sending a person's reply to Twilio, another keeps running. The reply
/// reaches the person once, in about the time Twilio takes, not after the half minute a crashed Bot's work waits to be
/// claimed.
/// </summary>
[Collection(TwilioBotsCollection.Name)]
public sealed class RollingRestartTests(TwilioBotsHotline hotline, ITestOutputHelper output)
{
    // Under ClaimIdle (30 s), after which a crashed Bot's entries are claimed anyway: the bound tells the two apart.
    private static readonly TimeSpan WellBeforeClaimIdle = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_Bot_stopped_while_sending_a_reply_finishes_it_and_the_person_gets_it_once()
    {
        const string reply = "A counsellor has read your message and will write to you here.";
        var (leaving, staying, person, hold) = await LeavingWhileSendingAsync(reply);
        await using var leavingApp = leaving;
        await using var stayingApp = staying;
        try
        {
            // Twilio answers 300 ms after the stop began, as a slow API does: the leaving Bot must not cut the send off.
            leaving.Lifetime.ApplicationStopping.Register(() => _ = Task.Delay(300).ContinueWith(_ => hold.Release(), TaskScheduler.Default));
            var watch = Stopwatch.StartNew();
            await leaving.StopAsync().WaitAsync(Generous);

            await hotline.Twilio.WaitForMessagesAsync(m => m.To == person && m.Body == reply, 1, WellBeforeClaimIdle);
            output.WriteLine($"stopped while sending: the reply reached Twilio {watch.ElapsedMilliseconds} ms after the stop began");
            await AssertSentOnceAsync(staying, person, reply);
        }
        finally
        {
            hold.Release();
        }
    }

    [Fact]
    public async Task A_Bot_that_cannot_finish_a_send_before_its_shutdown_timeout_hands_it_to_the_other_Bot_at_once()
    {
        const string reply = "We are here. Write to us whenever it is safe for you.";
        var (leaving, staying, person, hold) = await LeavingWhileSendingAsync(reply);
        await using var leavingApp = leaving;
        await using var stayingApp = staying;
        try
        {
            // Twilio stalls past the host's shutdown timeout (here 1 s): the leaving Bot gives the send up and hands it back.
            var watch = Stopwatch.StartNew();
            using (var shutdownTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(1)))
            {
                await leaving.StopAsync(shutdownTimeout.Token).WaitAsync(Generous);
            }
            // Its send was cut off before Twilio accepted it; then Twilio recovers.
            await hold.Abandoned.WaitAsync(Generous);
            hold.Release();

            await hotline.Twilio.WaitForMessagesAsync(m => m.To == person && m.Body == reply, 1, WellBeforeClaimIdle);
            output.WriteLine($"shutdown timeout ran out: the reply reached Twilio {watch.ElapsedMilliseconds} ms after the stop began (1 s timeout)");
            await AssertSentOnceAsync(staying, person, reply);
        }
        finally
        {
            hold.Release();
        }
    }

    /// <summary>
    /// A Bot that started alone (so the reply queued next is certainly its own work) is sending <paramref name="reply"/>,
    /// held at Twilio, when a second Bot starts. The caller disposes both and releases the hold.
    /// </summary>
    private async Task<(WebApplication Leaving, WebApplication Staying, string Person, FakeTwilioHold Hold)> LeavingWhileSendingAsync(string reply)
    {
        var (leaving, _) = await hotline.StartBotAsync();
        try
        {
            var (person, conversationId) = await PersonWhoWroteAsync(leaving);
            var hold = hotline.Twilio.HoldSendsTo(person);
            await leaving.Services.GetRequiredService<TwilioOutbox>().DeliverAsync(conversationId, Channel.Sms, reply, CancellationToken.None);
            await hold.Arrived.WaitAsync(Generous);
            var (staying, _) = await hotline.StartBotAsync();
            return (leaving, staying, person, hold);
        }
        catch
        {
            await leaving.DisposeAsync();
            throw;
        }
    }

    /// <summary>Someone who wrote by SMS and has had the bot's answers: the conversation a reply can be queued in.</summary>
    private async Task<(string Person, string ConversationId)> PersonWhoWroteAsync(WebApplication bot)
    {
        var person = TwilioHotline.NewNumber();
        using var client = new HttpClient();
        (await TwilioHotline.PostSignedAsync(client, TwilioHotline.Sms(person, "Hello, I would like some information"), "/api/twilio/messages", HotlineHost.AddressOf(bot))).EnsureSuccessStatusCode();
        await hotline.Twilio.WaitForMessagesAsync(m => m.To == person, 1, Generous);
        await TwilioHotline.WaitUntilSentAsync(bot.Services.GetRequiredService<HotlineRedis>().Db);
        return (person, (await TwilioHotline.ConversationOfAsync(person, bot.Services))!);
    }

    /// <summary>Nothing of it is left to send (no entry, none pending), and Twilio accepted it exactly once.</summary>
    private async Task AssertSentOnceAsync(WebApplication staying, string person, string text)
    {
        var db = staying.Services.GetRequiredService<HotlineRedis>().Db;
        await TwilioHotline.WaitUntilSentAsync(db);
        Assert.Equal(0, (await db.StreamPendingAsync(TwilioKeys.Outgoing, TwilioSender.GroupName)).PendingMessageCount);
        Assert.Single(hotline.Twilio.Messages, m => m.To == person && m.Body == text);
    }
}
