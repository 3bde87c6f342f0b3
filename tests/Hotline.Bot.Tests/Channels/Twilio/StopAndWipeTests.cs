using Hotline.Core.Outbox;
using Hotline.Core.Transcripts;
using StackExchange.Redis;

namespace Hotline.Bot.Tests.Channels.Twilio;

[Collection(TwilioCollection.Name)]
public sealed class StopAndWipeTests(TwilioHotline hotline)
{
    private static int GreetingParts => SmsSegments.SplitForSms(TwilioTexts.NeutralFirstReply, 4).Count;

    [Fact]
    public async Task Stop_word_forgets_the_address()
    {
        var from = TwilioHotline.NewNumber();
        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "Përshëndetje, dua të flas me dikë"))).EnsureSuccessStatusCode();
        var conversationId = (await hotline.ConversationOfAsync(from))!;
        await hotline.Twilio.WaitForMessagesAsync(m => m.To == from, GreetingParts + 1);
        Assert.True(await hotline.Db.KeyExistsAsync(RedisKeys.Address(conversationId)));

        var response = await hotline.PostSignedAsync(TwilioHotline.Sms(from, "Ndalo!"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Told once, in the conversation's language, how to come back.
        var goodbye = await hotline.Twilio.WaitForMessagesAsync(m => m.To == from && m.Body == TwilioTexts.Stopped(Language.Sq), 1);
        Assert.Single(goodbye);
        Assert.Contains("START", goodbye[0].Body);
        // Forgotten at once: no address, no pointer from the sender to the conversation; the conversation has ended.
        Assert.False(await hotline.Db.KeyExistsAsync(RedisKeys.Address(conversationId)));
        Assert.Null(await hotline.ConversationOfAsync(from));
        Assert.Equal("1", (string?)await hotline.Db.HashGetAsync(RedisKeys.Conversation(conversationId), "ended"));
        await hotline.WaitUntilSentAsync();
        Assert.Equal(0, await hotline.Db.StreamLengthAsync("hl:twilio:outgoing"));

        // An operator's later reply goes nowhere.
        var before = hotline.Twilio.Messages.Count(m => m.To == from);
        await hotline.OperatorRepliesAsync(conversationId, "Are you still there?");
        await Task.Delay(1000);
        Assert.Equal(before, hotline.Twilio.Messages.Count(m => m.To == from));

        // Writing again starts a new conversation, greeted again.
        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "START"))).EnsureSuccessStatusCode();
        var next = await hotline.ConversationOfAsync(from);
        Assert.NotNull(next);
        Assert.NotEqual(conversationId, next);
        var greeting = SmsSegments.SplitForSms(TwilioTexts.NeutralFirstReply, 4);
        await hotline.Twilio.WaitForMessagesAsync(m => m.To == from, before + greeting.Count);
        await hotline.WaitUntilSentAsync();
        await Task.Delay(300);
        // START itself is not screened or answered: the greeting alone.
        Assert.Equal(greeting, hotline.Twilio.Messages.Where(m => m.To == from).Skip(before).Select(m => m.Body));
        Assert.Equal([TwilioTexts.NeutralFirstReply], await hotline.TranscriptAsync(next));
    }

    [Fact]
    public async Task A_case_code_no_longer_works_after_the_wipe_word()
    {
        var from = TwilioHotline.NewNumber();
        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "he beats me and took my passport, I am scared now"))).EnsureSuccessStatusCode();
        var conversationId = (await hotline.ConversationOfAsync(from))!;
        var code = await hotline.CaseCodeSaidInAsync(conversationId);
        Assert.False(string.IsNullOrEmpty(code), "an urgent message gets a case code");
        var codeKey = RedisKeys.CaseCode(hotline.Services.GetRequiredService<CaseCodeKey>().LookupOf(code!));
        Assert.True(await hotline.Db.KeyExistsAsync(codeKey));

        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "fshi"))).EnsureSuccessStatusCode();
        Assert.False(await hotline.Db.KeyExistsAsync(codeKey));

        // Someone holding the phone, or who saw the code, writes it from another number: nothing is found, nothing moves.
        var other = TwilioHotline.NewNumber();
        (await hotline.PostSignedAsync(TwilioHotline.Sms(other, code!))).EnsureSuccessStatusCode();
        await hotline.Twilio.WaitForMessagesAsync(m => m.To == other && (m.Body ?? "").Contains("kod nuk u njoh", StringComparison.Ordinal), 1);
        Assert.False(await hotline.Db.HashExistsAsync(RedisKeys.Conversation(conversationId), "moveTo"));
    }

    [Fact]
    public Task Wipe_word_leaves_nothing_of_the_conversation_in_redis_and_says_only_what_was_done() =>
        WipeLeavesNothingAsync(TwilioHotline.NewNumber(), (from, text) => TwilioHotline.Sms(from, text), text => SmsSegments.SplitForSms(text, 4));

    [Fact]
    public Task Wipe_word_on_whatsapp_leaves_nothing_of_the_conversation_in_redis_and_has_twilio_delete_every_message()
    {
        var number = TwilioHotline.NewNumber();
        return WipeLeavesNothingAsync("whatsapp:" + number, (from, text) => TwilioHotline.WhatsApp(from, text, "Arta Hoxha", number[1..]), SmsSegments.SplitForWhatsApp);
    }

    /// <summary>
    /// An urgent message from <paramref name="from"/> (a case and a case code), then the wipe word: the reply says only what
    /// was done, nothing of the conversation is left in Redis, and Twilio deletes every message both ways.
    /// </summary>
    private async Task WipeLeavesNothingAsync(string from, Func<string, string, List<KeyValuePair<string, string>>> message, Func<string, IReadOnlyList<string>> parts)
    {
        var urgent = message(from, "he beats me and took my passport, I am scared now");
        (await hotline.PostSignedAsync(urgent)).EnsureSuccessStatusCode();
        var conversationId = (await hotline.ConversationOfAsync(from))!;
        var code = await hotline.CaseCodeSaidInAsync(conversationId);
        Assert.False(string.IsNullOrEmpty(code), "an urgent message gets a case code");
        await hotline.WaitUntilSentAsync();
        // The message opens a case (everyone reaches the queue): the reply will say it is being closed.
        string? caseId = null;
        for (var until = DateTime.UtcNow.AddSeconds(15); caseId is null && DateTime.UtcNow < until; await Task.Delay(100))
        {
            caseId = (string?)await hotline.Db.HashGetAsync(RedisKeys.Conversation(conversationId), "caseId");
        }
        Assert.NotNull(caseId);
        var leftovers = ConversationLeftovers.Capture(await hotline.Redis.AllKeysAndValuesAsync(), conversationId, caseId, code);
        Assert.True(leftovers.Captured >= 3, "the transcript, the sealed address and the risk state were there to delete");

        var wipe = message(from, "fshi");
        (await hotline.PostSignedAsync(wipe)).EnsureSuccessStatusCode();

        // Told in English, and only what was done: the messages deleted here, the code revoked, Twilio's copies being deleted.
        var expected = parts(TwilioTexts.Wiped(Language.En, new ConversationDeletionResult(true, caseId, true)));
        await hotline.Twilio.WaitForMessagesAsync(m => m.To == from && expected.Contains(m.Body!), expected.Count);
        Assert.Contains("code no longer works", string.Concat(expected));
        Assert.Contains("being closed", string.Concat(expected));
        var found = leftovers.Find(await hotline.Redis.AllKeysAndValuesAsync(), ConversationDeletion.TombstoneFields, ConversationDeletion.IdentifyingCaseFields);
        for (var until = DateTime.UtcNow.AddSeconds(15); found.Count > 0 && DateTime.UtcNow < until; await Task.Delay(200))
        {
            // The case's half runs where cases are written, from the event the deletion queued.
            found = leftovers.Find(await hotline.Redis.AllKeysAndValuesAsync(), ConversationDeletion.TombstoneFields, ConversationDeletion.IdentifyingCaseFields);
        }
        Assert.True(found.Count == 0, string.Join("\n", found));
        Assert.Null(await hotline.ConversationOfAsync(from));
        Assert.Equal(0, await hotline.Db.ListLengthAsync(RedisKeys.Transcript(conversationId)));
        await hotline.WaitUntilDeletedAtTwilioAsync([from], urgent, wipe);
    }

    [Fact]
    public async Task Wipe_word_in_a_conversation_continued_with_the_case_code_has_twilio_delete_the_earlier_numbers_messages_too()
    {
        // The person wrote from one number, then (a month later, from another phone) continues with the case code.
        var before = TwilioHotline.NewNumber();
        var now = TwilioHotline.NewNumber();
        var urgent = TwilioHotline.Sms(before, "he beats me and took my passport, I am scared now");
        (await hotline.PostSignedAsync(urgent)).EnsureSuccessStatusCode();
        var earlier = (await hotline.ConversationOfAsync(before))!;
        var code = await hotline.CaseCodeSaidInAsync(earlier);
        Assert.False(string.IsNullOrEmpty(code), "an urgent message gets a case code");
        await hotline.WaitUntilSentAsync();
        // Kept as long as the conversation, not for the messages' delivery records' 30 days.
        Assert.Null(await hotline.Db.KeyTimeToLiveAsync($"hl:{{c:{earlier}}}:twilio:sids"));
        var given = TwilioHotline.Sms(now, code!);
        (await hotline.PostSignedAsync(given)).EnsureSuccessStatusCode();
        var continuing = (await hotline.ConversationOfAsync(now))!;
        for (var until = DateTime.UtcNow.AddSeconds(15); !await hotline.Db.HashExistsAsync(RedisKeys.Conversation(earlier), "moveTo"); await Task.Delay(100))
        {
            Assert.True(DateTime.UtcNow < until, "the case code asks to move the conversation");
        }
        // Its operator confirms it is the same person (as the console's confirm does, through the outbox).
        await hotline.Db.StreamAddAsync(RedisKeys.Outbox, new OutboxMessage(earlier, OutboxKind.MoveConfirmed, null).ToFields(hotline.ServiceSigningKey(Signers.Operator)));
        for (var until = DateTime.UtcNow.AddSeconds(15); (string?)await hotline.Db.StringGetAsync(RedisKeys.Alias(continuing)) != earlier; await Task.Delay(100))
        {
            Assert.True(DateTime.UtcNow < until, "the move is confirmed");
        }
        // The person is told on the new number that the conversation continues there, said last: then the move is done.
        var welcome = new[] { Language.En, Language.Sq, Language.Other }.SelectMany(l => new[] { Hotline.Bot.Flow.BotTexts.Continued(l, true), Hotline.Bot.Flow.BotTexts.Continued(l, false) }).ToHashSet();
        await hotline.Twilio.WaitForMessagesAsync(m => m.To == now && welcome.Contains(m.Body ?? ""), 1);
        await hotline.WaitUntilSentAsync();
        var caseId = (string?)await hotline.Db.HashGetAsync(RedisKeys.Conversation(earlier), "caseId");
        var codeKey = RedisKeys.CaseCode(hotline.Services.GetRequiredService<CaseCodeKey>().LookupOf(code!));
        var codeWorks = await hotline.Db.KeyExistsAsync(codeKey);
        var language = (await hotline.Services.GetRequiredService<ConversationStore>().GetAsync(continuing))!.Language is var l and not Language.Other ? l : Language.En;

        var wipe = TwilioHotline.Sms(now, "WIPE");
        (await hotline.PostSignedAsync(wipe)).EnsureSuccessStatusCode();

        // Both conversations are deleted, and the reply says so, and that Twilio is deleting its copies: of every message,
        // from and to either number.
        var expected = SmsSegments.SplitForSms(TwilioTexts.Wiped(language, new ConversationDeletionResult(true, caseId, codeWorks)), 4);
        await hotline.Twilio.WaitForMessagesAsync(m => m.To == now && expected.Contains(m.Body!), expected.Count);
        Assert.True(await hotline.Db.HashExistsAsync(RedisKeys.Conversation(earlier), "deletedAt"));
        Assert.True(await hotline.Db.HashExistsAsync(RedisKeys.Conversation(continuing), "deletedAt"));
        await hotline.WaitUntilDeletedAtTwilioAsync([before, now], urgent, given, wipe);
        Assert.False(await hotline.Db.KeyExistsAsync($"hl:{{c:{earlier}}}:twilio:sids"));
        Assert.False(await hotline.Db.KeyExistsAsync($"hl:{{c:{continuing}}}:twilio:sids"));
    }

    [Fact]
    public async Task Deleting_from_the_web_chat_page_a_chat_that_continued_an_sms_conversation_has_twilio_delete_the_sms_messages_too()
    {
        var from = TwilioHotline.NewNumber();
        var urgent = TwilioHotline.Sms(from, "he beats me and took my passport, I am scared now");
        (await hotline.PostSignedAsync(urgent)).EnsureSuccessStatusCode();
        var earlier = (await hotline.ConversationOfAsync(from))!;
        var code = await hotline.CaseCodeSaidInAsync(earlier);
        Assert.False(string.IsNullOrEmpty(code), "an urgent message gets a case code");
        await hotline.WaitUntilSentAsync();
        // The person continues on the web chat with the code, and the operator confirms it is them.
        using var chat = await hotline.StartWebChatAsync();
        Assert.Equal(HttpStatusCode.OK, (await chat.SayAsync(code!)).StatusCode);
        for (var until = DateTime.UtcNow.AddSeconds(15); !await hotline.Db.HashExistsAsync(RedisKeys.Conversation(earlier), "moveTo"); await Task.Delay(100))
        {
            Assert.True(DateTime.UtcNow < until, "the case code asks to move the conversation");
        }
        await hotline.Db.StreamAddAsync(RedisKeys.Outbox, new OutboxMessage(earlier, OutboxKind.MoveConfirmed, null).ToFields(hotline.ServiceSigningKey(Signers.Operator)));
        var welcome = new[] { Language.En, Language.Sq, Language.Other }.SelectMany(l => new[] { Hotline.Bot.Flow.BotTexts.Continued(l, true), Hotline.Bot.Flow.BotTexts.Continued(l, false) }).ToHashSet();
        await chat.WaitForBotMessageAsync(welcome.Contains, TimeSpan.FromSeconds(30));
        await hotline.WaitUntilSentAsync();

        var response = await chat.Client.DeleteAsync($"/api/webchat/conversations/{chat.ConversationId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await hotline.Db.HashExistsAsync(RedisKeys.Conversation(earlier), "deletedAt"));
        // The SMS conversation went with the chat: every message of it, both ways, is deleted at Twilio too.
        await hotline.WaitUntilDeletedAtTwilioAsync([from], urgent);
        Assert.False(await hotline.Db.KeyExistsAsync($"hl:{{c:{earlier}}}:twilio:sids"));
    }

    [Fact]
    public async Task Stop_from_a_sender_the_hotline_does_not_know_is_answered_once_and_nothing_is_kept()
    {
        var from = TwilioHotline.NewNumber();
        var before = await hotline.Redis.AllKeysAndValuesAsync();

        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "STOP"))).EnsureSuccessStatusCode();

        var expected = SmsSegments.SplitForSms(TwilioTexts.Stopped(Language.Other), 4);
        await hotline.Twilio.WaitForMessagesAsync(m => m.To == from, expected.Count);
        await hotline.WaitUntilSentAsync();
        Assert.Equal(expected, hotline.Twilio.Messages.Where(m => m.To == from).Select(m => m.Body));
        Assert.Null(await hotline.ConversationOfAsync(from));
        var after = await hotline.Redis.AllKeysAndValuesAsync();
        Assert.DoesNotContain(after.Keys.Except(before.Keys), k => k.Contains(":conv", StringComparison.Ordinal) || k.Contains(":address", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Wipe_word_from_a_number_linked_to_no_conversation_says_nothing_was_deleted()
    {
        var from = TwilioHotline.NewNumber();
        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "Hello, I need to talk to someone"))).EnsureSuccessStatusCode();
        var conversationId = (await hotline.ConversationOfAsync(from))!;
        await hotline.Twilio.WaitForMessagesAsync(m => m.To == from, GreetingParts + 1);
        // The stop word forgets the number; the conversation itself is still held (until its retention ends).
        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "STOP"))).EnsureSuccessStatusCode();
        await hotline.WaitUntilSentAsync();
        var before = hotline.Twilio.Messages.Count(m => m.To == from);

        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "WIPE"))).EnsureSuccessStatusCode();

        // Told that nothing was deleted, which is what happened; not that nothing is held, which would not be true.
        var expected = SmsSegments.SplitForSms(TwilioTexts.NothingToWipe(Language.En), 4);
        var said = await hotline.Twilio.WaitForMessagesAsync(m => m.To == from && expected.Contains(m.Body!), expected.Count);
        Assert.Equal(before + expected.Count, hotline.Twilio.Messages.Count(m => m.To == from));
        Assert.Contains("nothing was deleted", string.Concat(said.Select(m => m.Body)));
        Assert.DoesNotContain("hold no", string.Concat(said.Select(m => m.Body)));
        Assert.True(await hotline.Db.ListLengthAsync(RedisKeys.Transcript(conversationId)) > 0, "the stopped conversation is still held");
        Assert.False(await hotline.Db.HashExistsAsync(RedisKeys.Conversation(conversationId), "deletedAt"));
    }

    [Fact]
    public async Task Wipe_word_ends_the_conversation_and_deletes_every_message_at_twilio()
    {
        var from = TwilioHotline.NewNumber();
        var first = TwilioHotline.Sms(from, "Hello, I need to talk to someone");
        (await hotline.PostSignedAsync(first)).EnsureSuccessStatusCode();
        var conversationId = (await hotline.ConversationOfAsync(from))!;
        await hotline.Twilio.WaitForMessagesAsync(m => m.To == from, GreetingParts + 1);
        await hotline.WaitUntilSentAsync();
        // Twilio refuses to delete a message that is not final yet: the first deletion is refused and retried.
        hotline.Twilio.AnswerNextDeletions((409, 20009));

        string? caseId = null;
        for (var until = DateTime.UtcNow.AddSeconds(15); caseId is null && DateTime.UtcNow < until; await Task.Delay(100))
        {
            caseId = (string?)await hotline.Db.HashGetAsync(RedisKeys.Conversation(conversationId), "caseId");
        }
        var wipe = TwilioHotline.Sms(from, "fshi");
        (await hotline.PostSignedAsync(wipe)).EnsureSuccessStatusCode();

        // The conversation was in English: told so in English.
        // Only what was done: the messages deleted here (no case code was given), the case closing if one opened, Twilio's copies being deleted.
        var expected = SmsSegments.SplitForSms(TwilioTexts.Wiped(Language.En, new ConversationDeletionResult(true, caseId, false)), 4);
        await hotline.Twilio.WaitForMessagesAsync(m => m.To == from && expected.Contains(m.Body!), expected.Count);
        Assert.False(await hotline.Db.KeyExistsAsync(RedisKeys.Address(conversationId)));
        Assert.Null(await hotline.ConversationOfAsync(from));
        Assert.Equal("1", (string?)await hotline.Db.HashGetAsync(RedisKeys.Conversation(conversationId), "ended"));
        // What is left tells a late message only that the conversation was deleted, not who deleted it or why.
        var tombstone = await hotline.Db.HashGetAllAsync(RedisKeys.Conversation(conversationId));
        Assert.Equal(ConversationDeletion.TombstoneFields.Order(), tombstone.Select(e => e.Name.ToString()).Order());

        var all = await hotline.WaitUntilDeletedAtTwilioAsync([from], first, wipe);
        Assert.Contains(hotline.Twilio.Deletions, d => d.AnsweredWith == 409);
        // The Bot forgets a message's record just after Twilio confirms its deletion: give it a moment, then check every one.
        for (var until = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < until && await hotline.Db.CountExistingAsync(all.Select(sid => (RedisKey)TwilioKeys.MessageState(sid))) > 0;)
        {
            await Task.Delay(50);
        }
        foreach (var sid in all) Assert.False(await hotline.Db.KeyExistsAsync(TwilioKeys.MessageState(sid)));
        Assert.False(await hotline.Db.KeyExistsAsync($"hl:{{c:{conversationId}}}:twilio:sids"));
        Assert.Equal(0, await hotline.Db.SortedSetLengthAsync("hl:twilio:wipe"));
    }
}
