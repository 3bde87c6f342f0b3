using System.Text.Json;

namespace Hotline.Operator.Cases;

public sealed class CaseRecordStore(HotlineRedis redis)
{
    public static readonly IReadOnlyList<string> OutcomeCodes =
    [
        "information-given", "safety-plan", "referred", "emergency-services", "mobile-unit-dispatched", "follow-up-agreed",
        "person-left", "not-safe-to-talk", "duplicate", "test-or-misuse", "other",
    ];

    public async Task<CaseOutcome> GetAsync(string caseId)
    {
        var value = await redis.Db.StringGetAsync(RedisKeys.CaseRecordFields(caseId)).ConfigureAwait(false);
        return value.IsNullOrEmpty ? new CaseOutcome(null, [], null, null, null) : JsonSerializer.Deserialize<CaseOutcome>(value.ToString())!;
    }

    public Task SaveAsync(string caseId, CaseOutcome outcome) =>
        redis.Db.StringSetAsync(RedisKeys.CaseRecordFields(caseId), JsonSerializer.Serialize(outcome));
}
