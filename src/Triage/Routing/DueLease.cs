using StackExchange.Redis;

namespace Hotline.Triage.Routing;

/// <summary>
/// One due entry taken by this worker (<see cref="DueLeases"/>): <paramref name="Member"/> of <paramref name="Key"/>, whose
/// score the taking set to <paramref name="Until"/>, so that it falls due again then unless its handler finishes it first.
/// </summary>
public sealed record DueLease(RedisKey Key, string Member, long Until);
