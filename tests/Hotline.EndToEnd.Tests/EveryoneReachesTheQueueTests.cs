using System.Diagnostics;
using System.Text.RegularExpressions;
using Hotline.Core;
using Hotline.Screening;

namespace Hotline.EndToEnd.Tests;

/// <summary>
/// Everyone who writes reaches the queue, whatever screening makes of the message; the bot says only what is true of
/// the queue at that moment, in the person's language.
/// </summary>
[Collection(HotlineCollection.Name)]
public sealed partial class EveryoneReachesTheQueueTests(HotlineStack stack) : IAsyncLifetime
{
    public Task InitializeAsync() => stack.ResetTeamAsync();

    public Task DisposeAsync() => stack.ResetTeamAsync();

    private static readonly TimeSpan Promised = TimeSpan.FromSeconds(2);
    // Where the test waits for something that is not a time (a listing, a reply), on a busy machine and perhaps before
    // anything has warmed the path: only the first test measures the two seconds, after warming up.
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("can I talk to someone?", "en")]
    [InlineData("a mund të flas me dikë?", "sq")]
    [InlineData("a ka njeri aty", "sq")]
    [InlineData("is anyone there", "en")]
    public async Task Asking_for_a_person_as_the_first_message_is_listed_within_two_seconds_marked_and_at_least_medium(string text, string language)
    {
        var api = await stack.SignInAsync();
        await WebChatToOperatorTests.WarmUpAsync(stack);
        using var visitor = await stack.StartWebChatAsync();

        var sent = Stopwatch.StartNew();
        (await visitor.SayAsync(text)).EnsureSuccessStatusCode();
        var listed = await WebChatToOperatorTests.WaitForCaseAsync(api, visitor.ConversationId, Promised);
        Assert.True(sent.Elapsed < Promised, $"listed after {sent.Elapsed}");

        Assert.True(listed.GetProperty("requestedHuman").GetBoolean(), "marked requestedHuman");
        Assert.True(WireNames.TryParseSeverity(listed.GetProperty("severity").GetString(), out var severity) && severity >= Severity.Medium, $"severity {severity}");
        Assert.Equal(language, listed.GetProperty("language").GetString());

        // The bot tells the person's real place: where GET /api/cases?status=open lists the case.
        var answer = (await visitor.WaitForBotMessageAsync(t => PlaceIn().IsMatch(t), TimeSpan.FromSeconds(30))).GetProperty("text").GetString()!;
        var place = int.Parse(PlaceIn().Match(answer).Groups[1].Value);
        var queue = (await api.GetFromJsonAsync<JsonElement>("/api/cases?status=open")).EnumerateArray().Select(c => c.GetProperty("conversationId").GetString()).ToList();
        Assert.Equal(queue.IndexOf(visitor.ConversationId) + 1, place);
        Assert.Contains(language == "en" ? "You asked to talk to a person" : "Kërkuat të flisni me një njeri", answer);
        Assert.DoesNotContain(language == "en" ? "joining" : "po vjen", answer);
    }

    [Fact]
    public async Task Hi_alone_is_not_listed_and_the_bot_speaks_of_no_queue()
    {
        var api = await stack.SignInAsync();
        using var visitor = await stack.StartWebChatAsync();
        (await visitor.SayAsync("hi")).EnsureSuccessStatusCode();
        var answer = (await visitor.WaitForBotMessageAsync(t => t.StartsWith("Hello. We are here to help", StringComparison.Ordinal), TimeSpan.FromSeconds(30))).GetProperty("text").GetString()!;
        Assert.DoesNotContain("queue", answer);

        await Task.Delay(Promised);
        var open = await api.GetFromJsonAsync<JsonElement>("/api/cases?status=open");
        Assert.DoesNotContain(open.EnumerateArray(), c => c.GetProperty("conversationId").GetString() == visitor.ConversationId);

        // The next thing the person writes, however mild, reaches the queue.
        (await visitor.SayAsync("I just wanted to ask something about my flat")).EnsureSuccessStatusCode();
        var listed = await WebChatToOperatorTests.WaitForCaseAsync(api, visitor.ConversationId, Generous);
        Assert.False(listed.GetProperty("requestedHuman").GetBoolean());
    }

    [Fact]
    public async Task A_message_the_lexicon_does_not_know_reaches_the_queue()
    {
        const string unknown = "Ich weiss nicht mehr weiter, bitte helft mir";
        var screened = Screener.Default.Screen(unknown);
        Assert.Equal(Severity.None, screened.Severity);
        Assert.Empty(screened.Indicators);

        var api = await stack.SignInAsync();
        using var visitor = await stack.StartWebChatAsync();
        (await visitor.SayAsync(unknown)).EnsureSuccessStatusCode();
        var listed = await WebChatToOperatorTests.WaitForCaseAsync(api, visitor.ConversationId, Generous);
        Assert.Equal("none", listed.GetProperty("severity").GetString());
        Assert.Equal("open", listed.GetProperty("status").GetString());
        // The case has a claim deadline like any other: its first escalation step is scheduled.
        var db = stack.Redis.Connect().GetDatabase();
        await WaitUntilAsync(async () => await db.SortedSetScoreAsync("hl:deadlines", listed.GetProperty("id").GetString()) is not null);
    }

    [Theory]
    [InlineData("I have a question about my rights at work", "en", "Your conversation is now in the queue for a counsellor")]
    [InlineData("kam nje pyetje per punen time", "sq", "Biseda juaj tani është në radhë për një këshilltar")]
    public async Task A_mild_first_message_is_queued_and_the_bot_says_so_in_the_persons_language(string text, string language, string said)
    {
        var api = await stack.SignInAsync();
        using var visitor = await stack.StartWebChatAsync();
        (await visitor.SayAsync(text)).EnsureSuccessStatusCode();
        var listed = await WebChatToOperatorTests.WaitForCaseAsync(api, visitor.ConversationId, Generous);
        Assert.Equal(language, listed.GetProperty("language").GetString());
        Assert.Contains(listed.GetProperty("severity").GetString(), new[] { "none", "low", "medium" });
        await visitor.WaitForBotMessageAsync(t => t.Contains(said, StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        // A later message is acknowledged briefly, not with the same text again.
        (await visitor.SayAsync(language == "en" ? "it is about my contract" : "eshte per kontraten")).EnsureSuccessStatusCode();
        var noted = (await visitor.WaitForBotMessageAsync(t => t.StartsWith(language == "en" ? "Thank you, we have it" : "Faleminderit, e morëm", StringComparison.Ordinal),
            Generous)).GetProperty("text").GetString()!;
        Assert.Equal(1, visitor.BotTexts().Count(t => t.Contains(said, StringComparison.Ordinal)));
        Assert.Contains(language == "en" ? "queue" : "radhë", noted);
    }

    [Theory]
    [InlineData("is it free?", "The hotline is free", "To ask for a person, write: person")]
    [InlineData("a është anonime kjo bisedë?", "Nuk ju kërkojmë emrin", "Për të kërkuar një njeri, shkruani: njeri")]
    [InlineData("who reads this?", "the hotline's counsellors, who are people, read this conversation", "To ask for a person, write: person")]
    [InlineData("kush e lexon këtë bisedë?", "bisedën e lexojnë këshilltarët e linjës", "Për të kërkuar një njeri, shkruani: njeri")]
    [InlineData("what are your hours?", "No counsellor is online right now", "To ask for a person, write: person")]
    [InlineData("a jeni hapur natën?", "Tani nuk ka asnjë këshilltar në linjë", "Për të kërkuar një njeri, shkruani: njeri")]
    public async Task A_question_about_the_service_gets_a_short_true_answer_and_how_to_reach_a_person(string question, string answer, string reach)
    {
        var api = await stack.SignInAsync();
        using var visitor = await stack.StartWebChatAsync();
        (await visitor.SayAsync(question)).EnsureSuccessStatusCode();
        var said = (await visitor.WaitForBotMessageAsync(t => t.Contains(answer, StringComparison.Ordinal), TimeSpan.FromSeconds(30))).GetProperty("text").GetString()!;
        Assert.EndsWith(reach, said);
        Assert.True(said.Length < 400, said);
        // The question reached the queue too; writing the word the bot gave asks for a person.
        await WebChatToOperatorTests.WaitForCaseAsync(api, visitor.ConversationId, Generous);
        (await visitor.SayAsync(reach[(reach.LastIndexOf(' ') + 1)..])).EnsureSuccessStatusCode();
        await WaitUntilAsync(async () => (await WebChatToOperatorTests.WaitForCaseAsync(api, visitor.ConversationId, Generous)).GetProperty("requestedHuman").GetBoolean());
    }

    [Fact]
    public async Task The_typical_wait_is_quoted_only_from_recent_claims()
    {
        var api = await stack.SignInAsync();
        // Three people ask for a person and are claimed at once: the medium band now has recent claims.
        for (var i = 0; i < 3; i++)
        {
            using var earlier = await stack.StartWebChatAsync();
            (await earlier.SayAsync("I want to talk to a person")).EnsureSuccessStatusCode();
            var id = (await WebChatToOperatorTests.WaitForCaseAsync(api, earlier.ConversationId, Generous)).GetProperty("id").GetString()!;
            Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/cases/{id}/claim", null)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/cases/{id}/release", null)).StatusCode);
        }
        using var visitor = await stack.StartWebChatAsync();
        (await visitor.SayAsync("dua të flas me dikë")).EnsureSuccessStatusCode();
        await visitor.WaitForBotMessageAsync(t => t.Contains("Kohët e fundit pritja ka qenë më pak se një minutë", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow + Generous;
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("The condition did not hold in time");
            await Task.Delay(50);
        }
    }

    [GeneratedRegex(@"(?:number|numri) (\d+) (?:in line|në radhë)")]
    private static partial Regex PlaceIn();
}
