namespace Hotline.Bot.Tests.Channels.Twilio;

/// <summary>
/// A case code stops working on stop and once its case is closed (on wipe: <see cref="StopAndWipeTests"/>; after
/// retention: Retention.RetentionTests): whoever gives it afterwards, from another number, is told it was not recognised,
/// and nothing asks to move the conversation.
/// </summary>
[Collection(TwilioCollection.Name)]
public sealed class CaseCodeRevocationTests(TwilioHotline hotline)
{
    private const string Urgent = "he beats me and took my passport, I am scared now";

    [Fact]
    public async Task A_case_code_no_longer_works_after_the_stop_word()
    {
        var (from, conversationId, code, codeKey) = await UrgentConversationWithCodeAsync();

        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "STOP"))).EnsureSuccessStatusCode();
        Assert.False(await hotline.Db.KeyExistsAsync(codeKey));

        await AssertCodeOpensNothingAsync(conversationId, code);
    }

    [Fact]
    public async Task A_case_code_no_longer_works_once_its_case_is_closed()
    {
        var (_, conversationId, code, codeKey) = await UrgentConversationWithCodeAsync();
        string? caseId = null;
        for (var until = DateTime.UtcNow.AddSeconds(30); caseId is null; await Task.Delay(100))
        {
            Assert.True(DateTime.UtcNow < until, "an urgent message opens a case");
            caseId = (string?)await hotline.Db.HashGetAsync(RedisKeys.Conversation(conversationId), "caseId");
        }
        // Closed as no contact, as the console's Close does.
        var triage = hotline.TriageWorker!.Services;
        Assert.True(await triage.GetRequiredService<CaseStore>().CloseAsync(caseId, CloseReasons.NoContact,
            triage.GetRequiredService<CaseTimeline>().Entry(TimelineKind.Closed, "demo", CloseReasons.NoContact)));
        await triage.GetRequiredService<ConversationStore>().UnlinkCaseAsync(conversationId);

        await AssertCodeOpensNothingAsync(conversationId, code);
        Assert.False(await hotline.Db.KeyExistsAsync(codeKey), "the closed case's code is revoked when it is tried");
    }

    private async Task<(string From, string ConversationId, string Code, string CodeKey)> UrgentConversationWithCodeAsync()
    {
        var from = TwilioHotline.NewNumber();
        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, Urgent))).EnsureSuccessStatusCode();
        var conversationId = (await hotline.ConversationOfAsync(from))!;
        var code = await hotline.CaseCodeSaidInAsync(conversationId);
        Assert.False(string.IsNullOrEmpty(code), "an urgent message gets a case code");
        var codeKey = RedisKeys.CaseCode(hotline.Services.GetRequiredService<CaseCodeKey>().LookupOf(code!));
        Assert.True(await hotline.Db.KeyExistsAsync(codeKey));
        return (from, conversationId, code!, codeKey);
    }

    /// <summary>Someone who saw the code writes it from another number: not recognised, and no move waits for the operator.</summary>
    private async Task AssertCodeOpensNothingAsync(string conversationId, string code)
    {
        var other = TwilioHotline.NewNumber();
        (await hotline.PostSignedAsync(TwilioHotline.Sms(other, code))).EnsureSuccessStatusCode();
        await hotline.Twilio.WaitForMessagesAsync(m => m.To == other && (m.Body ?? "").Contains("kod nuk u njoh", StringComparison.Ordinal), 1);
        Assert.False(await hotline.Db.HashExistsAsync(RedisKeys.Conversation(conversationId), "moveTo"));
    }
}
