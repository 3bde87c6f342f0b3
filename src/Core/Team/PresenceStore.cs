using System.Text.Json;
using Hotline.Core.Storage;

namespace Hotline.Core.Team;

/// <summary>Presence of every operator, in one Redis hash (username → JSON). No text, no address.</summary>
public sealed class PresenceStore(HotlineRedis redis, TimeProvider time)
{
    /// <summary>Offline this long ends a shift: the next time the operator comes online a new shift starts.</summary>
    public static readonly TimeSpan ShiftGap = TimeSpan.FromHours(4);

    public async Task<OperatorPresence> SetAsync(string username, PresenceStatus status)
    {
        var now = time.GetUtcNow();
        var current = await GetAsync(username).ConfigureAwait(false);
        var shiftStarted = current is null || (current.Status == PresenceStatus.Offline && now - current.Since > ShiftGap) ? now : current.ShiftStarted;
        var lastBreakEnded = current is null ? now
            : current.Status != PresenceStatus.Online && status == PresenceStatus.Online ? now
            : current.LastBreakEnded;
        if (shiftStarted == now) lastBreakEnded = now;
        var since = current is not null && current.Status == status ? current.Since : now;
        var presence = new OperatorPresence(username, status, since, shiftStarted, lastBreakEnded);
        await redis.Db.HashSetAsync(RedisKeys.Presence, username, JsonSerializer.Serialize(Stored.From(presence))).ConfigureAwait(false);
        return presence;
    }

    public async Task<OperatorPresence?> GetAsync(string username)
    {
        var value = await redis.Db.HashGetAsync(RedisKeys.Presence, username).ConfigureAwait(false);
        return value.IsNullOrEmpty ? null : Parse(username, value!);
    }

    public async Task<IReadOnlyList<OperatorPresence>> AllAsync()
    {
        var entries = await redis.Db.HashGetAllAsync(RedisKeys.Presence).ConfigureAwait(false);
        return entries.Select(e => Parse(e.Name!, e.Value!)).OrderBy(p => p.Username, StringComparer.Ordinal).ToList();
    }

    private static OperatorPresence Parse(string username, string json)
    {
        var s = JsonSerializer.Deserialize<Stored>(json)!;
        return new OperatorPresence(username, s.Status, DateTimeOffset.FromUnixTimeMilliseconds(s.Since),
            DateTimeOffset.FromUnixTimeMilliseconds(s.Shift), DateTimeOffset.FromUnixTimeMilliseconds(s.Break));
    }

    private sealed record Stored(PresenceStatus Status, long Since, long Shift, long Break)
    {
        public static Stored From(OperatorPresence p) =>
            new(p.Status, p.Since.ToUnixTimeMilliseconds(), p.ShiftStarted.ToUnixTimeMilliseconds(), p.LastBreakEnded.ToUnixTimeMilliseconds());
    }
}
