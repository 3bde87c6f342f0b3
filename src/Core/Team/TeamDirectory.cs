using Hotline.Core.Storage;

namespace Hotline.Core.Team;

/// <summary>
/// Reads team members' routing profile from their account hashes (fields roles, languages, categories, capacity),
/// written by the Operator service's admin commands.
/// </summary>
public sealed class TeamDirectory(HotlineRedis redis)
{
    public const int DefaultCapacity = 2;

    public async Task<IReadOnlyList<TeamMember>> AllAsync()
    {
        var names = await redis.Db.SetMembersAsync(RedisKeys.Operators).ConfigureAwait(false);
        var members = new List<TeamMember>(names.Length);
        foreach (var name in names.Select(n => n.ToString()).Order(StringComparer.Ordinal))
        {
            if (await GetAsync(name).ConfigureAwait(false) is { } member) members.Add(member);
        }
        return members;
    }

    public async Task<TeamMember?> GetAsync(string username)
    {
        var values = await redis.Db.HashGetAsync(RedisKeys.Operator(username), ["roles", "languages", "categories", "capacity"]).ConfigureAwait(false);
        if (values[0].IsNullOrEmpty) return null;
        static string[] List(StackExchange.Redis.RedisValue v) => v.IsNullOrEmpty ? [] : v.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
        return new TeamMember(username, List(values[0]), List(values[1]), List(values[2]),
            int.TryParse(values[3].ToString(), out var capacity) && capacity > 0 ? capacity : DefaultCapacity);
    }
}
