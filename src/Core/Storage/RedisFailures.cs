using StackExchange.Redis;

namespace Hotline.Core.Storage;

/// <summary>What a call to Redis throws when Redis is down, stalled or refuses: the cases a worker or check waits out.</summary>
public static class RedisFailures
{
    /// <summary>
    /// True for a Redis error or a Redis that stops answering. A stalled Redis throws RedisTimeoutException, which is a
    /// TimeoutException and not a RedisException; a background service that let it through would stop the whole host
    /// (BackgroundServiceExceptionBehavior.StopHost).
    /// </summary>
    public static bool IsUnavailable(Exception e) => e is RedisException or TimeoutException;

    /// <summary>
    /// True when Redis cannot be reached or stops answering, so that every next command would fail too; false for an error
    /// about one command (a key of the wrong type, a key the user is refused, a script's error), which the next may not meet.
    /// </summary>
    public static bool IsUnreachable(Exception e) => e is RedisConnectionException or TimeoutException or OperationCanceledException;
}
