using Hotline.Core.Storage;
using Hotline.Core.Transcripts;
using StackExchange.Redis;

namespace Hotline.Bot.Tests.Channels.Twilio;

/// <summary>
/// A message's step takes the transcript's tail from the conversation's hash (<see cref="TranscriptTail.Field"/>), which
/// every append notes, instead of reading the transcript: whoever wrote last, the transcript stays one chain.
/// </summary>
[Collection(TwilioCollection.Name)]
public sealed class TranscriptTailTests(TwilioHotline hotline)
{
    [Fact]
    public async Task Messages_taken_by_two_Bots_in_turn_with_an_operators_reply_between_stay_one_chain_each_entry_once()
    {
        var (second, secondUrl) = await hotline.StartBotAsync();
        await using var secondApp = second;
        var from = TwilioHotline.NewNumber();

        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "I need to talk to someone about my husband"))).EnsureSuccessStatusCode();
        var conversation = (await hotline.ConversationOfAsync(from))!;
        // The other Bot takes the next message; then an operator writes; then the first Bot again, whose last write is old.
        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "he took my phone yesterday"), bot: secondUrl)).EnsureSuccessStatusCode();
        await hotline.OperatorRepliesAsync(conversation, "I am here, can you tell me where you are?");
        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "at my sister's house now"))).EnsureSuccessStatusCode();
        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "thank you for answering"), bot: secondUrl)).EnsureSuccessStatusCode();

        // Opening checks every entry's sequence and link to the one before it.
        var texts = await hotline.TranscriptAsync(conversation);
        string[] said = ["I need to talk to someone about my husband", "he took my phone yesterday", "I am here, can you tell me where you are?",
            "at my sister's house now", "thank you for answering"];
        Assert.All(said, t => Assert.Single(texts, x => x == t));
        Assert.Equal(said, texts.Where(said.Contains));
        // The hash notes the tail the transcript really has.
        var noted = TranscriptTail.FromField(await hotline.Db.HashGetAsync(RedisKeys.Conversation(conversation), TranscriptTail.Field));
        Assert.Equal(texts.Count - 1, noted!.Sequence);
    }

    [Fact]
    public async Task A_tail_noted_wrongly_or_not_at_all_is_read_from_the_transcript_and_the_chain_holds()
    {
        var from = TwilioHotline.NewNumber();
        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "my partner hits me"))).EnsureSuccessStatusCode();
        var conversation = (await hotline.ConversationOfAsync(from))!;
        var key = RedisKeys.Conversation(conversation);
        var before = (await hotline.TranscriptAsync(conversation)).Count;

        // A writer that noted nothing (a version before the tail was kept), then one whose note is behind the transcript.
        await hotline.Db.HashDeleteAsync(key, TranscriptTail.Field);
        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "he is asleep now"))).EnsureSuccessStatusCode();
        await hotline.Db.HashSetAsync(key, TranscriptTail.Field, new TranscriptTail(0, TranscriptEntry.Genesis, "k").ToField());
        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "I want to leave tonight"))).EnsureSuccessStatusCode();

        var texts = await hotline.TranscriptAsync(conversation);
        Assert.Single(texts, t => t == "he is asleep now");
        Assert.Single(texts, t => t == "I want to leave tonight");
        Assert.True(texts.Count >= before + 2);
        Assert.Equal(texts.Count - 1, TranscriptTail.FromField(await hotline.Db.HashGetAsync(key, TranscriptTail.Field))!.Sequence);
    }
}
