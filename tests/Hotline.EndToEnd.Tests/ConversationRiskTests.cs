namespace Hotline.EndToEnd.Tests;

/// <summary>
/// Each message is judged in the light of the earlier ones, through the real Bot flow over Direct Line, the real Triage
/// router and Redis: what the case shows an operator, and that the state behind it is sealed.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConversationRiskTests(ConsoleStack stack)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task He_is_back_after_a_disclosure_of_violence_makes_the_case_critical()
    {
        var api = await stack.SignInAsync();
        var (visitor, caseId) = await stack.OpenCaseAsync("my husband beats me when he drinks", api);
        using var _ = visitor;
        Assert.NotEqual("critical", (await api.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("severity").GetString());

        (await visitor.SayAsync("He's back")).EnsureSuccessStatusCode();

        var raised = await WaitForCaseAsync(api, caseId, c => c.GetProperty("severity").GetString() == "critical");
        Assert.Equal("critical", raised.GetProperty("screenedSeverity").GetString());
        Assert.Contains("domestic_violence", raised.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        var detail = await ConsoleStack.WaitForDetailAsync(api, caseId, d => ConsoleStack.TimelineHas(d, "raised"), Wait);
        Assert.Contains(detail.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("kind").GetString() == "raised"
            && t.GetProperty("detail").GetString()!.Contains("earlier messages", StringComparison.Ordinal));
    }

    [Fact]
    public async Task They_are_putting_us_in_a_van_now_after_a_passport_and_a_debt_makes_the_case_critical()
    {
        var api = await stack.SignInAsync();
        var (visitor, caseId) = await stack.OpenCaseAsync("the man who brought me here kept my passport", api);
        using var _ = visitor;
        (await visitor.SayAsync("now he says I owe him 3000 euros for the trip")).EnsureSuccessStatusCode();
        Assert.NotEqual("critical", (await api.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("severity").GetString());

        (await visitor.SayAsync("They are putting us in a van now")).EnsureSuccessStatusCode();

        var raised = await WaitForCaseAsync(api, caseId, c => c.GetProperty("severity").GetString() == "critical");
        Assert.Contains("trafficking", raised.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task An_age_given_earlier_makes_the_later_disclosure_about_a_minor()
    {
        var api = await stack.SignInAsync();
        using var visitor = await stack.StartWebChatAsync();
        (await visitor.SayAsync("I'm 14")).EnsureSuccessStatusCode();
        (await visitor.SayAsync("my dad hits me with his belt when he gets angry")).EnsureSuccessStatusCode();

        var listed = await WebChatToOperatorTests.WaitForCaseAsync(api, visitor.ConversationId, Wait);
        var caseId = listed.GetProperty("id").GetString()!;
        var seen = await WaitForCaseAsync(api, caseId, c => c.GetProperty("categories").EnumerateArray().Any(x => x.GetString() == "child_at_risk"));
        // Minor is sealed with the message's facts: the operator's key opens it, the case record does not carry it.
        Assert.False(seen.TryGetProperty("minor", out var _));
        var team = await TeamKeys.UnlockAsync(stack.Redis, "demo", ConsoleStack.DemoPassword);
        var facts = await TeamKeys.CaseFactsAsync(stack.Redis, team, caseId);
        Assert.True(facts.Minor);
        Assert.Equal(14, facts.Age);
        Assert.Contains(seen.GetProperty("severity").GetString(), new[] { "high", "critical" });
    }

    [Fact]
    public async Task The_conversation_risk_is_kept_sealed_and_does_not_open_under_another_conversation()
    {
        var api = await stack.SignInAsync();
        using var visitor = await stack.StartWebChatAsync();
        (await visitor.SayAsync("I'm 15")).EnsureSuccessStatusCode();
        var (other, otherCase) = await stack.OpenCaseAsync("my husband beats me when he drinks", api);
        using var __ = other;
        (await visitor.SayAsync("my stepfather hits me every night")).EnsureSuccessStatusCode();
        await WebChatToOperatorTests.WaitForCaseAsync(api, visitor.ConversationId, Wait);

        await using var redis = await stack.Redis.ConnectAsync();
        var db = redis.GetDatabase();
        var sealedRisk = (string?)await db.HashGetAsync(RedisKeys.Conversation(visitor.ConversationId), Hotline.Core.Conversations.ConversationStore.RiskField);
        Assert.NotNull(sealedRisk);
        // Neither the age, nor a category, nor any JSON is readable in what Redis holds, nor in its decoded bytes.
        foreach (var clear in new[] { "child_at_risk", "{", "\"" }) Assert.DoesNotContain(clear, sealedRisk, StringComparison.Ordinal);
        var bytes = sealedRisk.Split('.').SelectMany(Convert.FromBase64String).ToArray();
        foreach (var clear in new[] { "child_at_risk", "Age", "Minor", "Categories" })
        {
            Assert.Equal(-1, bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(clear)));
        }

        // Moved to another conversation, the sealed state does not open there: that conversation keeps its own severity, not a minor.
        await db.HashSetAsync(RedisKeys.Conversation(other.ConversationId), Hotline.Core.Conversations.ConversationStore.RiskField, sealedRisk);
        (await other.SayAsync("ok")).EnsureSuccessStatusCode();
        await stack.WaitForTriageAsync();
        var after = await api.GetFromJsonAsync<JsonElement>($"/api/cases/{otherCase}");
        Assert.False((await TeamKeys.CaseFactsAsync(stack.Redis, await TeamKeys.UnlockAsync(stack.Redis, "demo", ConsoleStack.DemoPassword), otherCase)).Minor);
        Assert.DoesNotContain("child_at_risk", after.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
    }

    private static async Task<JsonElement> WaitForCaseAsync(HttpClient api, string caseId, Func<JsonElement, bool> condition)
    {
        var until = DateTime.UtcNow + Wait;
        JsonElement last = default;
        while (DateTime.UtcNow < until)
        {
            var response = await api.GetAsync($"/api/cases/{caseId}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                last = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (condition(last)) return last;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"The case did not reach the expected state in time: {last}");
    }
}
