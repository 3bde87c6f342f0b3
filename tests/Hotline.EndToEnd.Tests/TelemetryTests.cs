namespace Hotline.EndToEnd.Tests;

[Collection(HotlineCollection.Name)]
public sealed class TelemetryTests(HotlineStack stack)
{
    [Fact]
    public async Task Both_services_are_ready_once_their_stream_groups_exist()
    {
        var bot = await WaitForReadyAsync(stack.Bot);
        var console = await WaitForReadyAsync(stack.Anonymous);

        Assert.Equal((HttpStatusCode.OK, "ready"), bot);
        Assert.Equal((HttpStatusCode.OK, "ready"), console);
    }

    [Fact]
    public async Task Stored_messages_are_counted_on_the_metrics_endpoint_without_any_text_or_id()
    {
        const string secret = "my neighbour Arben Hoxha hit me on Rruga Kavajës";
        using var visitor = await stack.StartWebChatAsync();
        (await visitor.SayAsync(secret)).EnsureSuccessStatusCode();

        var scrape = "";
        for (var i = 0; i < 40 && !scrape.Contains("hotline_messages_stored", StringComparison.Ordinal); i++)
        {
            await Task.Delay(250);
            scrape = await stack.Bot.GetStringAsync("/metrics");
        }

        Assert.Contains("hotline_messages_stored", scrape, StringComparison.Ordinal);
        Assert.Contains("channel=\"webchat\"", scrape, StringComparison.Ordinal);
        Assert.DoesNotContain("Arben", scrape, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Kavaj", scrape, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(visitor.ConversationId, scrape, StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode, string)> WaitForReadyAsync(HttpClient client)
    {
        // A worker creates its group when it starts; readiness follows within a moment.
        HttpResponseMessage response = null!;
        for (var i = 0; i < 40; i++)
        {
            response = await client.GetAsync("/readyz");
            if (response.StatusCode == HttpStatusCode.OK) break;
            await Task.Delay(250);
        }
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
