using Hotline.Bot.Secrets;

namespace Hotline.Bot.Tests.Channels.BotFramework;

/// <summary>
/// A Bot Framework channel's conversation becomes a hotline conversation through a keyed hash under the Bot's own
/// pseudonym key: a random key per deployment, kept in the Bot's secrets file outside the data folder, never in Redis.
/// </summary>
public sealed class BotFrameworkPseudonymTests
{
    [Fact]
    public async Task Two_deployments_give_the_same_channel_conversation_different_pseudonyms_and_neither_key_is_in_redis()
    {
        const string conversation = "a:1x7Gq-conversation-seen-by-two-hotlines";
        const string user = "29:1UserIdSeenByTwoHotlines";
        await using var first = await BotFrameworkHarness.StartAsync();
        await using var second = await BotFrameworkHarness.StartAsync();

        foreach (var h in new[] { first, second })
        {
            Assert.Equal(HttpStatusCode.OK, (await h.PostAsync(h.Activity("message", "act-0001", conversation, user, "hello"), h.Token())).StatusCode);
        }

        var (one, two) = (first.HotlineConversationId(conversation), second.HotlineConversationId(conversation));
        Assert.NotEqual(one, two);
        // Each deployment filed the conversation under its own pseudonym, and the same one again for the next activity.
        Assert.True(await first.Db.KeyExistsAsync(RedisKeys.Conversation(one)));
        Assert.True(await second.Db.KeyExistsAsync(RedisKeys.Conversation(two)));
        Assert.False(await first.Db.KeyExistsAsync(RedisKeys.Conversation(two)));
        Assert.Equal(one, first.HotlineConversationId(conversation));

        // The keys differ, and neither Redis, nor its files, holds a key or the channel's own ids in any form.
        var keys = new[] { first, second }.Select(h => h.Services.GetRequiredService<BotSecrets>().PseudonymKey).ToArray();
        Assert.NotEqual(keys[0], keys[1]);
        foreach (var h in new[] { first, second })
        {
            var scanner = new LeakScanner(keys.SelectMany(k => new[] { Convert.ToBase64String(k), Convert.ToHexString(k) }).Append(conversation).Append(user));
            await scanner.ScanRedisAsync(h.Redis);
            scanner.ScanDirectory(h.Redis.DataDirectory);
            scanner.ScanDirectory(h.DataDir);
            scanner.AssertNoLeaks();
            // The key lives in the Bot's secrets file, outside the data folder (its mode: BotSecretsTests).
            var path = Path.Combine(h.Redis.SecretsDirectory, "bot.json");
            Assert.True(File.Exists(path));
            Assert.False(SecretFile.IsInside(path, h.DataDir));
        }
    }
}
