using Hotline.Bot.Flow;
using Hotline.Core.Outbox;

namespace Hotline.Bot.Tests.Channels.Twilio;

/// <summary>A whole conversation over SMS: an urgent message opens a case, an operator takes over, replies, and hands back.</summary>
[Collection(TwilioCollection.Name)]
public sealed class TakeOverOverSmsTests(TwilioHotline hotline)
{
    private const string UrgentAlbanian = "burri po me rreh tani, ka thike ne dore, ndihme";
    private const string OperatorReply = "Jam këshilltarja Ana. A jeni në një vend të sigurt tani?";

    [Fact]
    public async Task Urgent_sms_opens_a_case_and_the_operators_reply_reaches_the_persons_number()
    {
        var from = TwilioHotline.NewNumber();
        var services = hotline.Services;
        // The operator's side as the Operator service does it, with its own Redis user.
        await using var asOperator = await hotline.ConnectAsAsync("operator");
        var cases = new CaseStore(asOperator.Store, TimeProvider.System);
        var conversations = services.GetRequiredService<ConversationStore>();
        var redis = services.GetRequiredService<HotlineRedis>();

        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, UrgentAlbanian))).EnsureSuccessStatusCode();

        var conversationId = (await hotline.ConversationOfAsync(from))!;
        // The Triage worker links the case to the conversation just before it writes the case: wait for the case itself.
        var caseId = await WaitForAsync(async () => (await conversations.GetAsync(conversationId))?.CaseId is { } linked
            && await cases.GetAsync(linked) is not null ? linked : null, TimeSpan.FromSeconds(10));
        var @case = (await cases.GetAsync(caseId))!;
        Assert.Equal(Channel.Sms, @case.Channel);
        Assert.True(@case.Severity >= Severity.High);
        var greetingParts = SmsSegments.SplitForSms(TwilioTexts.NeutralFirstReply, 4).Count;
        await hotline.Twilio.WaitForMessagesAsync(m => m.To == from, greetingParts + 1);

        // The operator claims the case, as the console's claim does.
        Assert.Equal(ClaimOutcome.Claimed, await cases.ClaimAsync(caseId, "demo"));
        await conversations.SetOperatorAsync(conversationId, "demo");
        await redis.PublishAsync(RedisKeys.Outbox, new OutboxMessage(conversationId, OutboxKind.OperatorJoined, null).ToFields(hotline.ServiceSigningKey(Signers.Operator)));
        await hotline.Twilio.WaitForMessagesAsync(m => m.To == from && m.Body == BotTexts.OperatorJoined(Language.Sq), 1);

        await hotline.OperatorRepliesAsync(conversationId, OperatorReply);
        var reply = await hotline.Twilio.WaitForMessagesAsync(m => m.To == from && m.Body == OperatorReply, 1);
        Assert.Equal(TwilioHotline.HotlineNumber, reply[0].Form["From"]);

        // While the operator holds the conversation the bot stays silent; the person's message is kept for the operator.
        await hotline.WaitUntilSentAsync();
        var sentBefore = hotline.Twilio.Messages.Count(m => m.To == from);
        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "po, jam ne shtepine e motres"))).EnsureSuccessStatusCode();
        await Task.Delay(800);
        Assert.Equal(sentBefore, hotline.Twilio.Messages.Count(m => m.To == from));
        var transcript = await hotline.TranscriptAsync(conversationId);
        Assert.Contains(UrgentAlbanian, transcript);
        Assert.Contains(OperatorReply, transcript);
        Assert.Equal("po, jam ne shtepine e motres", transcript[^1]);

        // Released: the person is told, and the bot speaks again.
        Assert.True(await cases.ReleaseAsync(caseId, "demo"));
        await conversations.UnlinkCaseAsync(conversationId);
        await redis.PublishAsync(RedisKeys.Outbox, new OutboxMessage(conversationId, OutboxKind.OperatorLeft, null).ToFields(hotline.ServiceSigningKey(Signers.Operator)));
        await hotline.Twilio.WaitForMessagesAsync(m => m.To == from && m.Body == BotTexts.OperatorLeft(Language.Sq), 1);
    }

    [Fact]
    public async Task Nothing_personal_is_at_rest_after_sms_and_whatsapp_conversations()
    {
        var sms = TwilioHotline.NewNumber();
        var whatsapp = "whatsapp:" + TwilioHotline.NewNumber();
        const string profileName = "Drita Kelmendi";
        var waId = whatsapp[10..];
        const string smsText = "Ai më kërcënon çdo natë, jam në Durrës";
        const string whatsappText = "My husband took my passport yesterday";
        const string mediaUrl = "https://api.twilio.com/2010-04-01/Accounts/AC00/Messages/MM00/Media/ME0123456789abcdef";

        (await hotline.PostSignedAsync(TwilioHotline.Sms(sms, smsText))).EnsureSuccessStatusCode();
        (await hotline.PostSignedAsync(TwilioHotline.Sms(sms, "", mediaUrls: mediaUrl))).EnsureSuccessStatusCode();
        (await hotline.PostSignedAsync(TwilioHotline.WhatsApp(whatsapp, whatsappText, profileName, waId))).EnsureSuccessStatusCode();
        await hotline.Twilio.WaitForMessagesAsync(m => m.To == whatsapp, 2);
        await hotline.Twilio.WaitForMessagesAsync(m => m.To == sms, 3);
        await hotline.WaitUntilSentAsync();

        var scanner = new LeakScanner(sms, sms[1..], waId, whatsapp, profileName, smsText, whatsappText, mediaUrl);
        await scanner.ScanRedisAsync(hotline.Redis);
        scanner.ScanText("service logs", hotline.Logs.AllText);
        scanner.ScanDirectory(hotline.DataDir);
        scanner.ScanDirectory(hotline.Redis.DataDirectory);
        scanner.AssertNoLeaks();
    }

    private static async Task<string> WaitForAsync(Func<Task<string?>> probe, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } value) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Nothing came within " + timeout);
            await Task.Delay(50);
        }
    }
}
