namespace Hotline.Core.Storage;

/// <summary>Something that acts when Redis memory crosses the alert threshold (the Triage worker alerts the on-call supervisor).</summary>
public interface IRedisMemoryAlert
{
    Task RaiseAsync(RedisMemoryReading reading, CancellationToken cancellationToken);
}
