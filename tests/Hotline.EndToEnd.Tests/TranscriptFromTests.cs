namespace Hotline.EndToEnd.Tests;

[Collection(HotlineCollection.Name)]
public sealed class TranscriptFromTests(HotlineStack stack)
{
    [Fact]
    public async Task The_console_fetches_only_the_entries_from_a_sequence_onwards_and_a_negative_one_is_refused()
    {
        var operatorClient = await stack.SignInAsync();
        using var visitor = await stack.StartWebChatAsync();
        (await visitor.SayAsync("he hit me and I am afraid to go home tonight")).EnsureSuccessStatusCode();
        var caseId = (await WebChatToOperatorTests.WaitForCaseAsync(operatorClient, visitor.ConversationId, TimeSpan.FromSeconds(10))).GetProperty("id").GetString()!;

        var all = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/transcript");
        var from = all.GetArrayLength() - 1;
        var tail = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/transcript?from={from}");
        var beyond = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/transcript?from={all.GetArrayLength()}");
        var negative = await operatorClient.GetAsync($"/api/cases/{caseId}/transcript?from=-1");

        // The bot may append its answer meanwhile: later entries may follow, earlier ones never.
        Assert.True(all.GetArrayLength() >= 2);
        var tailSeqs = tail.EnumerateArray().Select(e => e.GetProperty("seq").GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(from, tailSeqs.Count), tailSeqs);
        Assert.Equal(all[from].GetProperty("ct").GetString(), tail[0].GetProperty("ct").GetString());
        Assert.All(beyond.EnumerateArray(), e => Assert.True(e.GetProperty("seq").GetInt32() >= all.GetArrayLength()));
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Equal("application/problem+json", negative.Content.Headers.ContentType?.MediaType);
    }
}
