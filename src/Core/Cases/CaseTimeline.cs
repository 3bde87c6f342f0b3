using System.Text.Json;
using Hotline.Core.Storage;

namespace Hotline.Core.Cases;

/// <summary>The case's timeline: an append-only list under the case's hash tag.</summary>
public sealed class CaseTimeline(HotlineRedis redis, TimeProvider time)
{
    public Task AppendAsync(string caseId, TimelineKind kind, string? by = null, string? detail = null) =>
        redis.Db.ListRightPushAsync(RedisKeys.CaseTimeline(caseId), Entry(kind, by, detail));

    /// <summary>An entry as stored, stamped now, for a script that appends it together with the change it records.</summary>
    public string Entry(TimelineKind kind, string? by = null, string? detail = null) => JsonSerializer.Serialize(new TimelineEntry(time.GetUtcNow(), kind, by, detail));

    public async Task<IReadOnlyList<TimelineEntry>> ReadAsync(string caseId)
    {
        var values = await redis.Db.ListRangeAsync(RedisKeys.CaseTimeline(caseId)).ConfigureAwait(false);
        return values.Select(v => JsonSerializer.Deserialize<TimelineEntry>(v.ToString())!).ToList();
    }
}
