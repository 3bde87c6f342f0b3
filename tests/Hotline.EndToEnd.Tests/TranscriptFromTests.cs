using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

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

        Assert.True(all.GetArrayLength() >= 3);
        Assert.Equal([from], tail.EnumerateArray().Select(e => e.GetProperty("seq").GetInt32()));
        Assert.Equal(all[from].GetProperty("ct").GetString(), tail[0].GetProperty("ct").GetString());
        Assert.Equal(0, beyond.GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Equal("application/problem+json", negative.Content.Headers.ContentType?.MediaType);
    }
}
