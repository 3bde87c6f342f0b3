namespace Hotline.Bot.Tests.Channels.Twilio;

/// <summary>
/// A Bot keeps for a few minutes which conversation a sender's pointer led to, and does not read the pointer for the
/// sender's next plain message; what it keeps is only a hint, checked against the conversation it names.
/// </summary>
[Collection(TwilioCollection.Name)]
public sealed class RecalledSenderTests(TwilioHotline hotline)
{
    [Fact]
    public async Task A_sender_who_stopped_and_wrote_again_at_another_Bot_reaches_the_new_conversation_at_the_first_Bot_too()
    {
        var (second, secondUrl) = await hotline.StartBotAsync();
        await using var secondApp = second;
        var from = TwilioHotline.NewNumber();

        // The first Bot takes the sender's first message (and keeps where the sender's pointer leads).
        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "I need to talk to someone about my husband"))).EnsureSuccessStatusCode();
        var first = (await hotline.ConversationOfAsync(from))!;
        // At the other Bot, the sender stops, then writes again: a new conversation.
        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "STOP"), bot: secondUrl)).EnsureSuccessStatusCode();
        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "it is me again, he came back"), bot: secondUrl)).EnsureSuccessStatusCode();
        var next = (await hotline.ConversationOfAsync(from))!;
        Assert.NotEqual(first, next);

        // Back at the first Bot: the message joins the new conversation, not the stopped one, and no third one is opened.
        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "are you still there?"))).EnsureSuccessStatusCode();
        Assert.Equal(next, await hotline.ConversationOfAsync(from));
        var now = await hotline.TranscriptAsync(next);
        Assert.Contains("it is me again, he came back", now);
        Assert.Contains("are you still there?", now);
        Assert.DoesNotContain("are you still there?", await hotline.TranscriptAsync(first));
    }
}
