using System.Text.Json;

namespace Hotline.Operator.Cases;

public sealed class CaseRecordStore(HotlineRedis redis)
{
    public static IReadOnlyList<string> OutcomeCodes => CaseOutcomes.Codes;

    public async Task<CaseOutcome> GetAsync(string caseId)
    {
        var value = await redis.Db.StringGetAsync(RedisKeys.CaseRecordFields(caseId)).ConfigureAwait(false);
        return value.IsNullOrEmpty ? new CaseOutcome(null, [], null, null, null) : JsonSerializer.Deserialize<CaseOutcome>(value.ToString())!;
    }

    public Task SaveAsync(string caseId, CaseOutcome outcome) =>
        redis.Db.StringSetAsync(RedisKeys.CaseRecordFields(caseId), JsonSerializer.Serialize(outcome));
}
