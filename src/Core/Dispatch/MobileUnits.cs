using Hotline.Core.Storage;
using StackExchange.Redis;

namespace Hotline.Core.Dispatch;

public sealed class MobileUnits(HotlineRedis redis)
{
    public async Task SaveAsync(MobileUnit unit)
    {
        await redis.Db.HashSetAsync(RedisKeys.Unit(unit.Name), [
            new HashEntry("municipalities", string.Join(',', unit.Municipalities)),
            new HashEntry("available", unit.Available ? "1" : "0"),
        ]).ConfigureAwait(false);
        await redis.Db.SetAddAsync(RedisKeys.Units, unit.Name).ConfigureAwait(false);
    }

    public Task SetAvailableAsync(string name, bool available) => redis.Db.HashSetAsync(RedisKeys.Unit(name), "available", available ? "1" : "0");

    public async Task<MobileUnit?> GetAsync(string name)
    {
        var values = await redis.Db.HashGetAsync(RedisKeys.Unit(name), ["municipalities", "available"]).ConfigureAwait(false);
        if (values[0].IsNull) return null;
        return new MobileUnit(name, values[0].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries), values[1] == "1");
    }

    public async Task<IReadOnlyList<MobileUnit>> AllAsync()
    {
        var names = await redis.Db.SetMembersAsync(RedisKeys.Units).ConfigureAwait(false);
        var list = new List<MobileUnit>();
        foreach (var name in names.Select(n => n.ToString()).Order(StringComparer.Ordinal))
        {
            if (await GetAsync(name).ConfigureAwait(false) is { } unit) list.Add(unit);
        }
        return list;
    }

    /// <summary>Every unit covering the municipality, available or not, in name order.</summary>
    public async Task<IReadOnlyList<string>> NamesCoveringAsync(string municipality) =>
        (await AllAsync().ConfigureAwait(false)).Where(u => u.Municipalities.Contains(municipality, StringComparer.Ordinal)).Select(u => u.Name).ToList();

    /// <summary>The units named that are available now, in name order, leaving out those already tried.</summary>
    public async Task<IReadOnlyList<MobileUnit>> AvailableAsync(IReadOnlyCollection<string> names, IReadOnlyCollection<string> exclude) =>
        (await AllAsync().ConfigureAwait(false)).Where(u => u.Available && names.Contains(u.Name) && !exclude.Contains(u.Name)).ToList();

    /// <summary>Available units covering the municipality, in name order, leaving out those already tried.</summary>
    public async Task<IReadOnlyList<MobileUnit>> CoveringAsync(string municipality, IReadOnlyCollection<string> exclude) =>
        (await AllAsync().ConfigureAwait(false))
            .Where(u => u.Available && !exclude.Contains(u.Name) && u.Municipalities.Contains(municipality, StringComparer.Ordinal))
            .ToList();
}
