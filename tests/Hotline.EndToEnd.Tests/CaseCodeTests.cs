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
        await second.WaitForBotMessageAsync(t => t.Contains("check that it is you", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
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
        await second.WaitForBotMessageAsync(t => t.Contains("check that it is you", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
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
        await stranger.WaitForBotMessageAsync(t => t.Contains("check that it is you", StringComparison.Ordinal), TimeSpan.FromSeconds(10));

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
    public async Task Guessing_from_many_fresh_chats_at_one_address_is_stopped_before_the_real_code_is_reached()
    {
        await ForgetFailedTriesAsync();
        try
        {
            var (_, _, code, _) = await OpenUrgentCaseAsync();
            // One wrong guess from each of ten fresh chats: the limit per chat never bites, the one per address does.
            for (var i = 0; i < 10; i++)
            {
                using var guesser = await stack.StartWebChatAsync();
                (await guesser.SayAsync($"mali hena 100 000 {i:D3}")).EnsureSuccessStatusCode();
                await guesser.WaitForBotMessageAsync(NotRecognised, TimeSpan.FromSeconds(10));
            }
            using var lucky = await stack.StartWebChatAsync();
            (await lucky.SayAsync(code)).EnsureSuccessStatusCode();
            await lucky.WaitForBotMessageAsync(NotRecognised, TimeSpan.FromSeconds(10));
            Assert.DoesNotContain(lucky.BotTexts(), t => t.Contains("check that it is you", StringComparison.Ordinal));
        }
        finally
        {
            await ForgetFailedTriesAsync();
        }
    }

    [Fact]
    public async Task A_wrong_code_is_not_recognised_and_guessing_is_limited()
    {
        await ForgetFailedTriesAsync();
        try
        {
            using var visitor = await stack.StartWebChatAsync();
            for (var i = 0; i < 6; i++)
            {
                (await visitor.SayAsync($"mali hena 100 200 {300 + i}")).EnsureSuccessStatusCode();
            }
            await visitor.PollAsync();
            Assert.Equal(6, visitor.BotTexts().Count(NotRecognised));
            Assert.DoesNotContain(visitor.BotTexts(), t => t.Contains("check that it is you", StringComparison.Ordinal));
        }
        finally
        {
            await ForgetFailedTriesAsync();
        }
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

    /// <summary>Every chat of these tests comes from 127.0.0.1: the counters of failed tries are cleared so tests do not share them.</summary>
    private async Task ForgetFailedTriesAsync()
    {
        await using var redis = await stack.Redis.ConnectAsync();
        foreach (var server in stack.Redis.Servers(redis))
        {
            await foreach (var key in server.KeysAsync(pattern: "hl:codes:failed*")) await redis.GetDatabase().KeyDeleteAsync(key);
        }
    }

    /// <summary>"That code was not recognised", in English or Albanian (a bare code says nothing of the language).</summary>
    private static bool NotRecognised(string text) =>
        text.Contains("code was not recognised", StringComparison.Ordinal) || text.Contains("kod nuk u njoh", StringComparison.Ordinal);

    [GeneratedRegex("[a-z]+-[a-z]+-[0-9]{3}-[0-9]{3}-[0-9]{3}")]
    private static partial Regex CodePattern();
}
