using Hotline.Core.Storage;
using Hotline.Core.Transcripts;
using StackExchange.Redis;

namespace Hotline.Bot.Channels.Twilio;

/// <summary>
/// Whether a conversation was deleted, asked just before a reply is posted: the checks of the replies that go within
/// <see cref="Gathering"/> of each other are one <c>ZMSCORE</c> of <see cref="RedisKeys.ConversationsDeleted"/>, and the
/// tombstone is asked only for the conversations noted there. Every deletion (asked for, retention's, and expiry's once
/// its guard, asked without a write, would delete) notes its conversation there before the step that writes the
/// tombstone, so a check that finds no note was made before that step, as the tombstone's own check would have found it.
/// A note stays at least 23 hours (<see cref="ConversationDeletion.NotedFor"/>), longer than a reply is tried; one of a
/// conversation kept after all costs its replies the tombstone's check, no more.
/// </summary>
internal sealed class DeletionChecks(HotlineRedis redis)
{
    internal static readonly TimeSpan Gathering = TimeSpan.FromMilliseconds(3);
    internal const int AtOnce = 32;

    private sealed record Pending(string ConversationId)
    {
        public TaskCompletionSource<bool> Deleted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly Lock gathering = new();
    private List<Pending> gathered = [];

    /// <summary>True when the conversation's tombstone says it was deleted.</summary>
    public Task<bool> IsDeletedAsync(string conversationId)
    {
        var pending = new Pending(conversationId);
        List<Pending>? full = null;
        bool first;
        lock (gathering)
        {
            gathered.Add(pending);
            first = gathered.Count == 1;
            if (gathered.Count >= AtOnce) (full, gathered) = (gathered, []);
        }
        if (full is not null) _ = CheckAsync(full);
        else if (first) _ = Task.Delay(Gathering).ContinueWith(_ => CheckGathered(), TaskScheduler.Default);
        return pending.Deleted.Task;
    }

    private void CheckGathered()
    {
        List<Pending> due;
        lock (gathering)
        {
            if (gathered.Count == 0) return;
            (due, gathered) = (gathered, []);
        }
        _ = CheckAsync(due);
    }

    private async Task CheckAsync(List<Pending> checks)
    {
        try
        {
            var ids = checks.Select(c => c.ConversationId).Distinct(StringComparer.Ordinal).ToArray();
            var scores = await redis.Db.SortedSetScoresAsync(RedisKeys.ConversationsDeleted, [.. ids.Select(id => (RedisValue)id)]).ConfigureAwait(false);
            var noted = ids.Where((_, i) => scores[i] is not null).ToArray();
            var deleted = new HashSet<string>(StringComparer.Ordinal);
            if (noted.Length > 0)
            {
                var batch = redis.Db.CreateBatch();
                var tombstones = noted.Select(id => batch.HashExistsAsync(RedisKeys.Conversation(id), ConversationTombstone.DeletedAtField)).ToArray();
                batch.Execute();
                for (var i = 0; i < noted.Length; i++)
                {
                    if (await tombstones[i].ConfigureAwait(false)) deleted.Add(noted[i]);
                }
            }
            foreach (var c in checks) c.Deleted.TrySetResult(deleted.Contains(c.ConversationId));
        }
        catch (Exception e)
        {
            foreach (var c in checks) c.Deleted.TrySetException(e);
        }
    }
}
