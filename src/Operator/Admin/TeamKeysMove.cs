using Hotline.Core.Storage;
using StackExchange.Redis;

namespace Hotline.Operator.Admin;

/// <summary>
/// The team's keys (accounts, the team key and its chain, signing keys, presence, units) once had no hash tag; they now
/// share {team} so that one transaction can change several of them on a Redis Cluster. A Redis written before that holds
/// them under their old names: every admin command (infra/up runs `admin init-demo` on each start) renames them first, so
/// no account, team key or unit is left behind. Only a single Redis can hold old names (the cluster never ran without the
/// tag), and there a RENAME across slots is allowed.
/// </summary>
public static class TeamKeysMove
{
    /// <summary>Renames every old-named team key whose new name is still free; returns how many it moved.</summary>
    public static async Task<int> RunAsync(IDatabase db)
    {
        var moved = 0;
        var operators = await db.SetMembersAsync("hl:operators").ConfigureAwait(false);
        var units = await db.SetMembersAsync("hl:units").ConfigureAwait(false);
        List<(RedisKey Old, RedisKey New)> pairs =
        [
            ("hl:keys:team", RedisKeys.TeamKey),
            ("hl:keys:team:chain", RedisKeys.TeamKeyChain),
            ("hl:keys:operators", RedisKeys.OperatorSigningKeys),
            ("hl:presence", RedisKeys.Presence),
            .. operators.Select(name => ((RedisKey)$"hl:operator:{name}", (RedisKey)RedisKeys.Operator(name!))),
            .. units.Select(name => ((RedisKey)$"hl:unit:{name}", (RedisKey)RedisKeys.Unit(name!))),
            // The name sets last: they list what to move, so a move cut short is picked up by the next command.
            ("hl:operators", RedisKeys.Operators),
            ("hl:units", RedisKeys.Units),
        ];
        foreach (var (old, renamed) in pairs)
        {
            if (await db.KeyExistsAsync(old).ConfigureAwait(false) && await db.KeyRenameAsync(old, renamed, When.NotExists).ConfigureAwait(false)) moved++;
        }
        return moved;
    }
}
