using Hotline.Core.Transcripts;

namespace Hotline.EndToEnd.Tests;

/// <summary>
/// The console, in Debian's chromium, reads a live conversation whose entries are encrypted under the conversation's
/// data keys (the Bot's for the person's words, the Operator service's for the reply), each key opened once from its
/// copy sealed to the team key; and it keeps reading the new entries as they come.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class DataKeyConsoleTests(ConsoleStack stack)
{
    [Fact]
    public async Task Console_reads_a_live_conversation_written_under_its_data_keys()
    {
        await using var browser = await Browser.LaunchAsync();
        const string words = "më kërcënon në telefon çdo natë";
        var (visitor, _, page) = await stack.ClaimInConsoleAsync(browser, words);
        using var __ = visitor;
        await Assertions.Expect(page.Locator("#transcript li:not(.broken)").Filter(new() { HasText = words })).ToHaveCountAsync(1);
        const string reply = "Jam këtu me ju. Jeni e sigurt tani?";
        await ConsoleStack.ReplyAsync(page, reply);
        await Assertions.Expect(page.Locator("#transcript li.operator:not(.broken):not(.pending)").Filter(new() { HasText = reply })).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        // The person writes again: the new entry is fetched and opened after the ones on screen.
        const string more = "po, tani jam te motra";
        (await visitor.SayAsync(more)).EnsureSuccessStatusCode();
        await Assertions.Expect(page.Locator("#transcript li.person:not(.broken)").Filter(new() { HasText = more })).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#transcript li.broken")).ToHaveCountAsync(0);

        // What the console opened: only entries under data keys, the person's and the operator's under different writers' keys.
        var entries = (await stack.StoredTranscriptAsync(visitor.ConversationId)).Select(e => e.Entry).ToList();
        await using var redis = await stack.Redis.ConnectAsync();
        var keys = (await redis.GetDatabase().HashKeysAsync(RedisKeys.TranscriptKeys(visitor.ConversationId))).Select(k => k.ToString()).ToHashSet();
        Assert.All(entries, e => Assert.True(e.UsesDataKey && keys.Contains(e.SealedKey), $"entry {e.Sequence} is not under a stored data key"));
        Assert.NotEqual(entries.First(e => e.Author == "person").SealedKey, entries.First(e => e.Author == "operator").SealedKey);
    }
}
