using System.Text.RegularExpressions;
using StackExchange.Redis;

namespace Hotline.EndToEnd.Tests;

/// <summary>
/// Finding 4 of the privacy review: a case code took a conversation over. Codes now carry 40.5 bits, failed tries are
/// limited per chat, per network address and across the service, and a good code moves nothing until the operator
/// confirms it is the same person; the person where the conversation is now is told at once.
/// </summary>
[Collection(HotlineCollection.Name)]
public sealed partial class CaseCodeTests(HotlineStack stack)
{
    [Fact]
    public async Task A_person_continues_a_case_from_another_chat_once_the_operator_confirms_it_is_them()
    {
        await ForgetFailedTriesAsync();
        var (operatorClient, first, code, caseId) = await OpenUrgentCaseAsync();

        // Later, from another browser (or phone), the person gives only the code, typed loosely.
        using var second = await stack.StartWebChatAsync();
        (await second.SayAsync("KODI " + code.Replace('-', ' ').ToUpperInvariant())).EnsureSuccessStatusCode();
        await second.WaitForBotMessageAsync(AsksToMove, TimeSpan.FromSeconds(10));
        // Where the conversation is now, the person is told.
        await first.WaitForBotMessageAsync(t => t.Contains("gave the code of this conversation in another chat", StringComparison.Ordinal), TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.OK, (await operatorClient.PostAsync($"/api/cases/{caseId}/claim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.GetAsync($"/api/cases/{caseId}/move")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await operatorClient.PostAsync($"/api/cases/{caseId}/move/confirm", null)).StatusCode);
        await second.WaitForBotMessageAsync(t => t.Contains("earlier conversation", StringComparison.Ordinal), TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.OK, (await operatorClient.PostAsJsonAsync($"/api/cases/{caseId}/messages", new { text = "I can see your earlier messages. Are you safe?" })).StatusCode);
        await second.WaitForBotMessageAsync(t => t == "I can see your earlier messages. Are you safe?", TimeSpan.FromSeconds(10));

        // What the person writes in the new chat joins the same case, whose id has not changed.
        (await second.SayAsync("yes for now")).EnsureSuccessStatusCode();
        var transcript = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/transcript");
        Assert.True(transcript.GetArrayLength() >= 6);
        var open = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        Assert.Equal(first.ConversationId, open.GetProperty("conversationId").GetString());
    }

    [Fact]
    public async Task A_given_case_code_is_nowhere_in_redis_yet_it_still_continues_the_conversation()
    {
        await ForgetFailedTriesAsync();
        var (_, first, code, _) = await OpenUrgentCaseAsync();

        // Whoever reads every key and value of Redis finds neither the code nor its digits: only a keyed hash of it.
        var dump = await stack.Redis.AllKeysAndValuesAsync();
        var digits = string.Concat(code.Split('-').Skip(2));
        var found = dump.Entries.Where(e => (e.Key + "\n" + e.Text).Contains(code, StringComparison.Ordinal)
            || (e.Key + "\n" + e.Text).Contains(digits, StringComparison.Ordinal)).Select(e => e.Location).ToList();
        Assert.True(found.Count == 0, "the case code is in clear in: " + string.Join(", ", found));

        // The code still asks to continue the conversation from another chat.
        using var second = await stack.StartWebChatAsync();
        (await second.SayAsync(code)).EnsureSuccessStatusCode();
        await second.WaitForBotMessageAsync(AsksToMove, TimeSpan.FromSeconds(30));
        await first.WaitForBotMessageAsync(t => t.Contains("gave the code of this conversation in another chat", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task An_operator_finds_the_case_by_the_code_the_person_reads_out()
    {
        await ForgetFailedTriesAsync();
        var (operatorClient, _, code, caseId) = await OpenUrgentCaseAsync();
        var found = await operatorClient.GetFromJsonAsync<JsonElement>("/api/cases/search?q=" + Uri.EscapeDataString(code.Replace('-', ' ').ToUpperInvariant()));
        Assert.Contains(found.EnumerateArray(), c => c.GetProperty("id").GetString() == caseId);
        // A code that was never given finds nothing.
        var none = await operatorClient.GetFromJsonAsync<JsonElement>("/api/cases/search?q=" + Uri.EscapeDataString("mali hena 100 200 300"));
        Assert.DoesNotContain(none.EnumerateArray(), c => c.GetProperty("id").GetString() == caseId);
    }

    [Fact]
    public async Task A_stranger_with_the_code_gets_no_reply_meant_for_the_person_until_the_operator_confirms()
    {
        await ForgetFailedTriesAsync();
        var (operatorClient, first, code, caseId) = await OpenUrgentCaseAsync();
        using var stranger = await stack.StartWebChatAsync();
        (await stranger.SayAsync(code)).EnsureSuccessStatusCode();
        await stranger.WaitForBotMessageAsync(AsksToMove, TimeSpan.FromSeconds(10));

        (await operatorClient.PostAsync($"/api/cases/{caseId}/claim", null)).EnsureSuccessStatusCode();
        (await operatorClient.PostAsJsonAsync($"/api/cases/{caseId}/messages", new { text = "Was that you in another chat?" })).EnsureSuccessStatusCode();
        await first.WaitForBotMessageAsync(t => t == "Was that you in another chat?", TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.Accepted, (await operatorClient.PostAsync($"/api/cases/{caseId}/move/refuse", null)).StatusCode);
        await stranger.WaitForBotMessageAsync(t => t.Contains("code was not recognised", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        (await operatorClient.PostAsJsonAsync($"/api/cases/{caseId}/messages", new { text = "Good, stay with us." })).EnsureSuccessStatusCode();
        await first.WaitForBotMessageAsync(t => t == "Good, stay with us.", TimeSpan.FromSeconds(10));

        await stranger.PollAsync();
        Assert.DoesNotContain(stranger.BotTexts(), t => t.Contains("another chat?", StringComparison.Ordinal) || t.Contains("stay with us", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Conflict, (await operatorClient.PostAsync($"/api/cases/{caseId}/move/confirm", null)).StatusCode);
    }

    [Fact]
    public Task Guessing_from_many_fresh_chats_at_one_address_is_stopped_before_the_real_code_is_reached() => GuessAsync(async code =>
    {
        // One wrong guess from each of ten fresh chats: the limit per chat never bites, the one per address does.
        for (var i = 0; i < 10; i++)
        {
            using var guesser = await stack.StartWebChatAsync();
            (await guesser.SayAsync($"mali hena 100 000 {i:D3}")).EnsureSuccessStatusCode();
            await guesser.WaitForBotMessageAsync(NotRecognised, TimeSpan.FromSeconds(10));
        }
        using var lucky = await stack.StartWebChatAsync();
        await RefusedAsync(lucky, code, 1);
    });

    [Fact]
    public Task After_five_wrong_codes_a_chat_is_refused_even_the_real_code_which_another_chat_may_still_give() => GuessAsync(async code =>
    {
        using var visitor = await stack.StartWebChatAsync();
        for (var i = 0; i < Hotline.Bot.Flow.CaseCodes.MaxFailedAttempts; i++)
        {
            (await visitor.SayAsync($"mali hena 100 200 {300 + i}")).EnsureSuccessStatusCode();
        }
        // The sixth try is the real code: the chat is past its limit, and hears the same as for a wrong code.
        await RefusedAsync(visitor, code, Hotline.Bot.Flow.CaseCodes.MaxFailedAttempts + 1);

        // Only that chat was limited (the address has 5 of its 10): the same code from a new chat asks to move.
        using var other = await stack.StartWebChatAsync();
        (await other.SayAsync(code)).EnsureSuccessStatusCode();
        await other.WaitForBotMessageAsync(AsksToMove, Generous);
    });

    [Fact]
    public Task Wrong_codes_sent_all_at_once_from_one_chat_get_no_more_tries_than_the_limit() => GuessAsync(async code =>
    {
        using var guesser = await HotlineHost.StartWebChatAsync(stack.BotUrl, "127.0.0.81");
        const int burst = 20;
        var sent = await Task.WhenAll(Enumerable.Range(0, burst).Select(i => guesser.SayAsync($"mali hena 100 300 {i:D3}")));
        foreach (var response in sent) response.EnsureSuccessStatusCode();
        await WaitForRepliesAsync(guesser, NotRecognised, burst);

        // Of the twenty tries at once, at most the limit's looked a code up and failed: that is what stays counted. (Fewer is
        // possible: a try within the chat's limit but past the address's, which the same burst fills, gives its count back
        // after every other try has taken its number.)
        await using var redis = await stack.Redis.ConnectAsync();
        var counted = (int)await redis.GetDatabase().StringGetAsync(RedisKeys.CodeAttempts(guesser.ConversationId));
        Assert.InRange(counted, 1, Hotline.Bot.Flow.CaseCodes.MaxFailedAttempts);

        // Tries given back are still the chat's to use, one at a time; once they are used, the real code is refused, with
        // the same reply as a wrong one.
        for (var i = counted; i < Hotline.Bot.Flow.CaseCodes.MaxFailedAttempts; i++) (await guesser.SayAsync($"mali hena 100 300 9{i:D2}")).EnsureSuccessStatusCode();
        var replies = burst + Hotline.Bot.Flow.CaseCodes.MaxFailedAttempts - counted;
        await WaitForRepliesAsync(guesser, NotRecognised, replies);
        await RefusedAsync(guesser, code, replies + 1);
    });

    [Fact]
    public async Task Guessing_spread_over_many_addresses_stops_at_the_service_wide_limit_until_the_hour_ends()
    {
        await WaitOutTheEndOfTheHourAsync();
        await GuessAsync(async code =>
        {
            // 25 addresses (more than 100 / 10) guess 4 codes each, all at once: no chat (5) and no address (10) reaches
            // its own limit, so only the service-wide one (100 an hour) can stop them.
            const int addresses = 25, each = 4;
            await Task.WhenAll(Enumerable.Range(0, addresses).Select(async a =>
            {
                using var guesser = await HotlineHost.StartWebChatAsync(stack.BotUrl, $"127.0.1.{a + 1}");
                for (var i = 0; i < each; i++) (await guesser.SayAsync($"mali hena 200 {a:D3} {i:D3}")).EnsureSuccessStatusCode();
                await WaitForRepliesAsync(guesser, NotRecognised, each);
            }));
            await using var redis = await stack.Redis.ConnectAsync();
            var overall = RedisKeys.CodeFailuresOverall(DateTimeOffset.UtcNow);
            Assert.Equal(Hotline.Bot.Flow.CaseCodes.MaxFailedOverall, (long)await redis.GetDatabase().StringGetAsync(overall));

            // The real code from an address that never guessed is refused: the service takes no code this hour.
            using var fresh = await HotlineHost.StartWebChatAsync(stack.BotUrl, "127.0.2.1");
            await RefusedAsync(fresh, code, 1);
            var ttl = await redis.GetDatabase().KeyTimeToLiveAsync(overall);
            Assert.True(ttl is { } left && left > TimeSpan.Zero && left <= TimeSpan.FromHours(1), $"the service-wide count lasts {ttl}");

            // When the hour's count is gone, the code works again from a fresh address.
            await redis.GetDatabase().KeyExpireAsync(overall, TimeSpan.FromMilliseconds(1));
            using var later = await HotlineHost.StartWebChatAsync(stack.BotUrl, "127.0.2.2");
            (await later.SayAsync(code)).EnsureSuccessStatusCode();
            await later.WaitForBotMessageAsync(AsksToMove, Generous);
        });
    }

    [Fact]
    public async Task Codes_carry_at_least_40_bits()
    {
        Assert.True(Hotline.Bot.Flow.CaseCodes.Bits >= 40, $"{Hotline.Bot.Flow.CaseCodes.Bits:F1} bits");
        var (_, _, code, _) = await OpenUrgentCaseAsync();
        Assert.Matches("^[a-z]+-[a-z]+-[0-9]{3}-[0-9]{3}-[0-9]{3}$", code);
    }

    private async Task<(HttpClient Operator, WebChatVisitor First, string Code, string CaseId)> OpenUrgentCaseAsync()
    {
        var operatorClient = await stack.SignInAsync();
        var first = await stack.StartWebChatAsync();
        (await first.SayAsync("he beats me and took my phone, I am scared now")).EnsureSuccessStatusCode();
        var answer = await first.WaitForBotMessageAsync(t => CodePattern().IsMatch(t), TimeSpan.FromSeconds(10));
        var code = CodePattern().Match(answer.GetProperty("text").GetString()!).Value;
        var caseId = (await WebChatToOperatorTests.WaitForCaseAsync(operatorClient, first.ConversationId, TimeSpan.FromSeconds(10))).GetProperty("id").GetString()!;
        return (operatorClient, first, code, caseId);
    }

    /// <summary>
    /// A guessing test: the counters of failed tries are cleared before and after it, and it guesses at the code of a
    /// real urgent case opened first.
    /// </summary>
    private async Task GuessAsync(Func<string, Task> guess)
    {
        await ForgetFailedTriesAsync();
        try
        {
            var (_, _, code, _) = await OpenUrgentCaseAsync();
            await guess(code);
        }
        finally
        {
            await ForgetFailedTriesAsync();
        }
    }

    /// <summary>The chat says the real code and hears what a wrong one gets (its <paramref name="replies"/>th such reply), never the move.</summary>
    private static async Task RefusedAsync(WebChatVisitor visitor, string code, int replies)
    {
        (await visitor.SayAsync(code)).EnsureSuccessStatusCode();
        await WaitForRepliesAsync(visitor, NotRecognised, replies);
        Assert.DoesNotContain(visitor.BotTexts(), AsksToMove);
    }

    /// <summary>Every chat of these tests comes from 127.0.0.1: the counters of failed tries are cleared so tests do not share them.</summary>
    private async Task ForgetFailedTriesAsync()
    {
        await using var redis = await stack.Redis.ConnectAsync();
        foreach (var server in stack.Redis.Servers(redis))
        {
            await foreach (var key in server.KeysAsync(pattern: "hl:codes:failed*")) await redis.GetDatabase().KeyDeleteAsync(key);
        }
    }

    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    /// <summary>Polls until the chat holds at least <paramref name="count"/> replies that satisfy the condition.</summary>
    private static async Task WaitForRepliesAsync(WebChatVisitor visitor, Func<string, bool> condition, int count)
    {
        var deadline = DateTime.UtcNow + Generous;
        while (visitor.BotTexts().Count(condition) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{visitor.BotTexts().Count(condition)} of {count} replies arrived in time");
            await visitor.PollAsync();
            if (visitor.BotTexts().Count(condition) < count) await Task.Delay(100);
        }
        Assert.Equal(count, visitor.BotTexts().Count(condition));
    }

    /// <summary>The service-wide count is kept per clock hour: a test that fills it must not straddle two hours.</summary>
    private static async Task WaitOutTheEndOfTheHourAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var nextHour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
        if (nextHour - now < TimeSpan.FromMinutes(5)) await Task.Delay(nextHour - now + TimeSpan.FromSeconds(1));
    }

    /// <summary>A good code, taken: the bot asks the operator to check that it is the same person.</summary>
    private static bool AsksToMove(string text) => text.Contains("check that it is you", StringComparison.Ordinal);

    /// <summary>"That code was not recognised", in English or Albanian (a bare code says nothing of the language).</summary>
    private static bool NotRecognised(string text) =>
        text.Contains("code was not recognised", StringComparison.Ordinal) || text.Contains("kod nuk u njoh", StringComparison.Ordinal);

    [GeneratedRegex("[a-z]+-[a-z]+-[0-9]{3}-[0-9]{3}-[0-9]{3}")]
    private static partial Regex CodePattern();
}
