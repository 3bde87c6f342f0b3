using Hotline.Bot.Channels.BotFramework;
using Hotline.Bot.Secrets;
using Hotline.Core.Identity;

namespace Hotline.Bot.Tests.Channels.BotFramework;

/// <summary>
/// A Bot Framework channel's conversation becomes a hotline conversation through a pointer named by a keyed hash under the
/// deployment's rotating pseudonym key, made from a random key per period and kept in Redis only wrapped by the Bot's own
/// secret (outside the data folder); the hotline conversation's id is random, so nothing in Redis is a hash of the
/// channel's ids under a key that never changes.
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

        var (one, two) = ((await first.HotlineConversationIdAsync(conversation))!, (await second.HotlineConversationIdAsync(conversation))!);
        Assert.NotEqual(one, two);
        // Each deployment filed the conversation under its own pointer, and finds the same one again for the next activity.
        Assert.True(await first.Db.KeyExistsAsync(RedisKeys.Conversation(one)));
        Assert.True(await second.Db.KeyExistsAsync(RedisKeys.Conversation(two)));
        Assert.False(await first.Db.KeyExistsAsync(RedisKeys.Conversation(two)));
        Assert.Equal(HttpStatusCode.OK, (await first.PostAsync(first.Activity("message", "act-0002", conversation, user, "are you there?"), first.Token())).StatusCode);
        Assert.Equal(one, await first.HotlineConversationIdAsync(conversation));

        // The keys differ, and neither Redis, nor its files, holds a key (the fixed one or the period's) or the channel's
        // own ids in any form; nor is the conversation named by the channel's ids hashed under the fixed key.
        var fixedKeys = new[] { first, second }.Select(h => h.Services.GetRequiredService<BotSecrets>().PseudonymKey).ToArray();
        var periodKeys = new List<byte[]>();
        foreach (var h in new[] { first, second }) periodKeys.Add((await h.Services.GetRequiredService<BotFrameworkConversations>().Keys.CurrentAsync()).Key);
        Assert.NotEqual(fixedKeys[0], fixedKeys[1]);
        Assert.NotEqual(periodKeys[0], periodKeys[1]);
        Assert.NotEqual(Pseudonymizer.Of(fixedKeys[0], Channel.BotFramework, BotFrameworkHarness.ChannelId + "|" + conversation), one);
        foreach (var h in new[] { first, second })
        {
            var scanner = new LeakScanner(fixedKeys.Concat(periodKeys).SelectMany(k => new[] { Convert.ToBase64String(k), Convert.ToHexString(k) }).Append(conversation).Append(user));
            await scanner.ScanRedisAsync(h.Redis);
            scanner.ScanDirectory(h.Redis.DataDirectory);
            scanner.ScanDirectory(h.DataDir);
            scanner.AssertNoLeaks();
            // The fixed key lives in the Bot's secrets file, outside the data folder (its mode: BotSecretsTests).
            var path = Path.Combine(h.Redis.SecretsDirectory, "bot.json");
            Assert.True(File.Exists(path));
            Assert.False(SecretFile.IsInside(path, h.DataDir));
        }
    }
}
