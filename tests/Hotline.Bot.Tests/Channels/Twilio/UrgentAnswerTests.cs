using Hotline.Bot.Flow;

namespace Hotline.Bot.Tests.Channels.Twilio;

/// <summary>The bot's words to an urgent message in a conversation that has a case: true of the case as it is now.</summary>
[Collection(TwilioCollection.Name)]
public sealed class UrgentAnswerTests(TwilioHotline hotline)
{
    private const string Urgent = "My husband is beating me right now, he has a knife, help me";

    [Fact]
    public async Task An_urgent_message_is_told_it_is_still_queued_as_urgent_only_while_its_case_is_urgent_now()
    {
        var from = TwilioHotline.NewNumber();
        await using var asOperator = await hotline.ConnectAsAsync("operator");
        var cases = new CaseStore(asOperator.Store, TimeProvider.System);
        var conversations = hotline.Services.GetRequiredService<ConversationStore>();

        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, Urgent))).EnsureSuccessStatusCode();
        var conversationId = (await hotline.ConversationOfAsync(from))!;
        var caseId = await WaitForCaseAsync(conversations, cases, conversationId);
        Assert.True((await cases.GetAsync(caseId))!.Severity >= Severity.High);
        await hotline.WaitUntilSentAsync();

        // The case is urgent: the person hears that it still is.
        await ExpectAnswerAsync(from, BotTexts.StillComing(Language.En));

        // An operator rates the case below urgent: the bot no longer says it is queued as urgent (the conversation's own
        // severity, which never goes down, is still critical).
        Assert.Equal(Severity.Medium, (await cases.CorrectAsync(caseId, Severity.Medium, [], "demo"))!.Severity);
        await ExpectAnswerAsync(from, BotTexts.Urgent(Language.En));
        Assert.True((await conversations.GetAsync(conversationId))!.Severity >= Severity.High);
    }

    private async Task ExpectAnswerAsync(string from, string expected)
    {
        var first = SmsSegments.SplitForSms(expected, 4)[0];
        var before = hotline.Twilio.Messages.Count(m => m.To == from && m.Body == first);
        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, Urgent))).EnsureSuccessStatusCode();
        await hotline.Twilio.WaitForMessagesAsync(m => m.To == from && m.Body == first, before + 1);
        await hotline.WaitUntilSentAsync();
    }

    private static async Task<string> WaitForCaseAsync(ConversationStore conversations, CaseStore cases, string conversationId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            if ((await conversations.GetAsync(conversationId))?.CaseId is { } linked && await cases.GetAsync(linked) is not null) return linked;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("No case was opened");
            await Task.Delay(50);
        }
    }
}
