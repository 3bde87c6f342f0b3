using Hotline.Core.Storage;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Hotline.Bot.Channels.Twilio;

/// <summary>
/// Deletes wiped conversations' messages at Twilio. Twilio refuses until a message is final (and asks for at least a
/// minute), so each SID is retried with growing pauses, for up to about two weeks, then given up.
/// </summary>
internal sealed class TwilioWiper(
    HotlineRedis redis,
    TwilioRestClient rest,
    IOptions<TwilioOptions> options,
    ILogger<TwilioWiper> logger,
    TimeProvider time) : BackgroundService
{
    private const int MaxAttempts = 24;
    private static readonly TimeSpan LongestPause = TimeSpan.FromDays(1);

    // Takes due SIDs and pushes each one's next try forward in one step, so two Bots do not delete the same SID at once.
    private const string TakeDue =
        "local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3])) " +
        "for _, sid in ipairs(due) do redis.call('ZADD', KEYS[1], ARGV[2], sid) end return due";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DeleteDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (RedisFailures.IsUnavailable(e))
            {
                logger.LogWarning(e, "Reading pending Twilio deletions failed; retrying");
            }
            try
            {
                await Task.Delay(options.Value.WipePollInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    internal async Task DeleteDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lease = now + TimeSpan.FromMinutes(5);
        var due = (RedisValue[]?)await redis.Db.ScriptEvaluateBySha(TakeDue, [TwilioKeys.PendingDeletions],
            [now.ToUnixTimeMilliseconds(), lease.ToUnixTimeMilliseconds(), 50]).ConfigureAwait(false) ?? [];
        foreach (var value in due)
        {
            var sid = value.ToString();
            var result = await rest.DeleteAsync(sid, cancellationToken).ConfigureAwait(false);
            if (result is DeleteResult.Deleted or DeleteResult.NotFound)
            {
                await redis.Db.SortedSetRemoveAsync(TwilioKeys.PendingDeletions, sid).ConfigureAwait(false);
                await redis.Db.HashDeleteAsync(TwilioKeys.DeletionAttempts, sid).ConfigureAwait(false);
                await redis.Db.KeyDeleteAsync(TwilioKeys.MessageState(sid)).ConfigureAwait(false);
                await redis.Db.KeyDeleteAsync(TwilioKeys.EarlierMessageState(sid)).ConfigureAwait(false);
                continue;
            }
            var attempts = await redis.Db.HashIncrementAsync(TwilioKeys.DeletionAttempts, sid).ConfigureAwait(false);
            if (attempts >= MaxAttempts)
            {
                logger.LogError("Gave up deleting message {MessageSid} at Twilio after {Attempts} attempts", sid, attempts);
                await redis.Db.SortedSetRemoveAsync(TwilioKeys.PendingDeletions, sid).ConfigureAwait(false);
                await redis.Db.HashDeleteAsync(TwilioKeys.DeletionAttempts, sid).ConfigureAwait(false);
                continue;
            }
            var pause = options.Value.WipeRetryDelay * Math.Pow(2, Math.Min(attempts - 1, 20));
            if (pause > LongestPause) pause = LongestPause;
            await redis.Db.SortedSetAddAsync(TwilioKeys.PendingDeletions, sid, (now + pause).ToUnixTimeMilliseconds()).ConfigureAwait(false);
        }
    }
}
