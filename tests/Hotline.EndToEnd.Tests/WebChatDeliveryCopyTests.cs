namespace Hotline.EndToEnd.Tests;

/// <summary>The web chat's delivery copy keeps only what the client has not fetched yet.</summary>
[Collection(HotlineCollection.Name)]
public sealed class WebChatDeliveryCopyTests(HotlineStack stack)
{
    [Fact]
    public async Task Once_the_client_fetches_past_an_activity_its_copy_is_gone_from_Redis()
    {
        using var visitor = await stack.StartWebChatAsync();
        await using var redis = await stack.Redis.ConnectAsync();
        var db = redis.GetDatabase();
        (await visitor.SayAsync("hello")).EnsureSuccessStatusCode();
        // Until the client fetches it, the person's message is in the copy (encrypted).
        Assert.NotEqual("", (await db.ListGetByIndexAsync(RedisKeys.Delivery(visitor.ConversationId), 0)).ToString());
        await visitor.WaitForBotMessageAsync(_ => true, TimeSpan.FromSeconds(10));
        await visitor.PollAsync();
        // Activity ids end with the activity's place in the copy: the client now holds everything before this one.
        var fetched = visitor.Received.Max(a => int.Parse(a.GetProperty("id").GetString()!.Split('|')[1], System.Globalization.CultureInfo.InvariantCulture)) + 1;
        Assert.True(fetched >= 2, "the person's message and the bot's answer");

        // The next fetch carries the watermark after them: the Bot drops their copies.
        await visitor.PollAsync();
        var stored = await db.ListRangeAsync(RedisKeys.Delivery(visitor.ConversationId));
        Assert.All(stored.Take(fetched), v => Assert.Equal("", v.ToString()));
        // The client already has them: what it was given before stays with it, and nothing is sent twice.
        Assert.Contains(visitor.Received, a => a.GetProperty("text").GetString() == "hello");
        Assert.Equal(visitor.Received.Count, visitor.Received.Select(a => a.GetProperty("id").GetString()).Distinct().Count());
    }
}
