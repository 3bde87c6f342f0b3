using Hotline.Bot.Channels.Twilio;
using Hotline.Bot.Secrets;
using Hotline.Core;
using Hotline.Core.Conversations;
using Hotline.Core.Identity;
using Hotline.Core.Storage;
using Hotline.Core.Transcripts;
using StackExchange.Redis;

namespace Hotline.Bot.Channels.BotFramework;

/// <summary>
/// Which hotline conversation a channel's conversation is, without keeping the channel's ids in any form that outlives a
/// key: the channel id and the channel's conversation id are hashed under the pseudonym key of the current period (the
/// rotating key SMS and WhatsApp senders and network addresses are hashed under), and the hash points at a random
/// conversation id until that key is destroyed. A pointer under the previous period's key is found by it and moved under
/// the current key; once a key is destroyed nothing recomputes its hashes, and its pointers expire with it. A conversation
/// begun before pointers existed (its id the hash under the Bot's fixed pseudonym key) is found by that id while it lasts.
/// </summary>
public sealed class BotFrameworkConversations(HotlineRedis redis, BotSecrets secrets, PseudonymKeys pseudonymKeys, TimeProvider time)
{
    /// <summary>The pseudonym keys (<see cref="PseudonymKeys"/>): one per address lifetime, each destroyed one lifetime after its period ends.</summary>
    public RotatingKeys Keys => pseudonymKeys.Keys;

    /// <summary>Where the hash of a channel conversation points: its hotline conversation id.</summary>
    public static string Pointer(string pseudonym) => $"hl:bf:conversation:{pseudonym}";

    /// <summary>The hotline conversation of this channel conversation, made now if it has none.</summary>
    public async Task<string> ConversationOfAsync(string channelId, string channelConversationId)
    {
        var (period, key) = await Keys.CurrentAsync().ConfigureAwait(false);
        var current = Pointer(PseudonymOf(key, channelId, channelConversationId));
        if ((string?)await redis.Db.StringGetAsync(current).ConfigureAwait(false) is { } found) return found;
        var earlier = await EarlierAsync(period, channelId, channelConversationId).ConfigureAwait(false);
        var id = earlier?.ConversationId ?? await BeforePointersAsync(channelId, channelConversationId).ConfigureAwait(false) ?? Ids.New("", 24);
        // Two activities at once: the first pointer stored wins, and both go to its conversation.
        var lifetime = Keys.DestroyedAt(period) - time.GetUtcNow();
        if (!await redis.Db.StringSetAsync(current, id, lifetime, When.NotExists).ConfigureAwait(false))
        {
            id = (string?)await redis.Db.StringGetAsync(current).ConfigureAwait(false) ?? id;
        }
        if (earlier is not null) await redis.Db.KeyDeleteAsync(earlier.Pointer).ConfigureAwait(false);
        return id;
    }

    /// <summary>The hotline conversation of this channel conversation, or null when it has none; nothing is made or moved.</summary>
    public async Task<string?> FindAsync(string channelId, string channelConversationId)
    {
        var (period, key) = await Keys.CurrentAsync().ConfigureAwait(false);
        return (string?)await redis.Db.StringGetAsync(Pointer(PseudonymOf(key, channelId, channelConversationId))).ConfigureAwait(false)
            ?? (await EarlierAsync(period, channelId, channelConversationId).ConfigureAwait(false))?.ConversationId
            ?? await BeforePointersAsync(channelId, channelConversationId).ConfigureAwait(false);
    }

    /// <summary>How long an activity id is remembered as taken: the connector redelivers within it.</summary>
    public static readonly TimeSpan ActivityWindow = TimeSpan.FromHours(24);

    /// <summary>
    /// Takes an activity once: the name it is taken under (to release if handling it fails), or null when it was taken
    /// before, by this Bot or another, within <see cref="ActivityWindow"/>. The name is a hash under the Bot's fixed
    /// pseudonym key, not a rotating one: a redelivery is the same name however often the rotating key changed meanwhile,
    /// even once the key it was first taken under is destroyed. It holds no channel id and lasts the window only.
    /// </summary>
    public async Task<string?> TakeActivityAsync(string channelId, string channelConversationId, string activityId)
    {
        var what = $"activity|{channelId}|{channelConversationId}|{activityId}";
        var taken = RedisKeys.Dedupe("bf", Pseudonymizer.Of(secrets.PseudonymKey, Channel.BotFramework, what));
        if (!await redis.Db.StringSetAsync(taken, "1", ActivityWindow, When.NotExists).ConfigureAwait(false)) return null;
        // An earlier version took activities under the rotating keys of this period and the one before: those count while they last.
        var (period, key) = await Keys.CurrentAsync().ConfigureAwait(false);
        var earlier = new List<RedisKey> { RedisKeys.Dedupe("bf", Pseudonymizer.Of(key, Channel.BotFramework, what)) };
        if (await Keys.ForPeriodAsync(period - 1).ConfigureAwait(false) is { } previous) earlier.Add(RedisKeys.Dedupe("bf", Pseudonymizer.Of(previous, Channel.BotFramework, what)));
        return await redis.Db.KeyExistsAsync([.. earlier]).ConfigureAwait(false) > 0 ? null : taken;
    }

    /// <summary>Forgets that an activity was taken (its handling failed), so the connector's redelivery is taken.</summary>
    public Task ReleaseActivityAsync(string taken) => redis.Db.KeyDeleteAsync(taken);

    private sealed record Earlier(string Pointer, string ConversationId);

    private async Task<Earlier?> EarlierAsync(long period, string channelId, string channelConversationId)
    {
        if (await Keys.ForPeriodAsync(period - 1).ConfigureAwait(false) is not { } key) return null;
        var pointer = Pointer(PseudonymOf(key, channelId, channelConversationId));
        return (string?)await redis.Db.StringGetAsync(pointer).ConfigureAwait(false) is { } id ? new Earlier(pointer, id) : null;
    }

    // A conversation an earlier version made: its id is the channel conversation's hash under the fixed key. Only an existing,
    // undeleted one is continued; a new conversation never gets such an id.
    private async Task<string?> BeforePointersAsync(string channelId, string channelConversationId)
    {
        var id = PseudonymOf(secrets.PseudonymKey, channelId, channelConversationId);
        var state = await redis.Db.HashGetAsync(RedisKeys.Conversation(id), [ConversationStore.ChannelField, ConversationTombstone.DeletedAtField]).ConfigureAwait(false);
        return !state[0].IsNullOrEmpty && state[1].IsNullOrEmpty ? id : null;
    }

    private static string PseudonymOf(byte[] key, string channelId, string channelConversationId) =>
        Pseudonymizer.Of(key, Channel.BotFramework, channelId + "|" + channelConversationId);
}
