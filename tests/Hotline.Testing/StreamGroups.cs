using StackExchange.Redis;

namespace Hotline.Testing;

/// <summary>Whether a stream's consumer groups have caught up: every entry delivered to the group and acknowledged.</summary>
public static class StreamGroups
{
    /// <summary>True when the named group (or every group of the stream) has nothing pending and nothing left to read.</summary>
    /// <param name="sent">Told the name of each command this sends, as INFO commandstats names it (a caller counting its own).</param>
    public static async Task<bool> CaughtUpAsync(IDatabase db, RedisKey stream, string? group = null, Action<string>? sent = null)
    {
        sent?.Invoke("exists");
        if (!await db.KeyExistsAsync(stream)) return true;
        sent?.Invoke("xinfo|stream");
        var last = (await db.StreamInfoAsync(stream)).LastGeneratedId;
        sent?.Invoke("xinfo|groups");
        foreach (var info in await db.StreamGroupInfoAsync(stream))
        {
            if (group is not null && info.Name != group) continue;
            if (info.PendingMessageCount > 0 || info.LastDeliveredId != last) return false;
        }
        return true;
    }
}
