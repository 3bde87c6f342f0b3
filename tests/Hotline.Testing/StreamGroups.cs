using StackExchange.Redis;

namespace Hotline.Testing;

/// <summary>Whether a stream's consumer groups have caught up: every entry delivered to the group and acknowledged.</summary>
public static class StreamGroups
{
    /// <summary>True when the named group (or every group of the stream) has nothing pending and nothing left to read.</summary>
    public static async Task<bool> CaughtUpAsync(IDatabase db, RedisKey stream, string? group = null)
    {
        if (!await db.KeyExistsAsync(stream)) return true;
        var last = (await db.StreamInfoAsync(stream)).LastGeneratedId;
        foreach (var info in await db.StreamGroupInfoAsync(stream))
        {
            if (group is not null && info.Name != group) continue;
            if (info.PendingMessageCount > 0 || info.LastDeliveredId != last) return false;
        }
        return true;
    }
}
