using System.Text.Json;

namespace Hotline.Operator.Cases;

public sealed class CannedAnswers(HotlineRedis redis)
{
    public static readonly IReadOnlyList<CannedAnswer> Defaults =
    [
        new("hello", "sq", "Përshëndetje", "Përshëndetje, jam këshilltare e linjës. Jam këtu me ju. A jeni në një vend të sigurt tani?"),
        new("hello", "en", "Hello", "Hello, I am a counsellor on the line. I am here with you. Are you somewhere safe right now?"),
        new("danger", "sq", "Rrezik", "Nëse jeni në rrezik të menjëhershëm, telefononi 112 ose policinë 129. A mund ta bëni këtë tani?"),
        new("danger", "en", "Danger", "If you are in immediate danger, call 112 or the police on 129. Can you do that now?"),
        new("safe-time", "sq", "Koha e sigurt", "Kur është një kohë e sigurt që t'ju shkruajmë? Nuk do t'ju shkruajmë pa u marrë vesh më parë."),
        new("safe-time", "en", "Safe time", "When is a safe time for us to write to you? We will not write without agreeing first."),
        new("stop", "sq", "Ndaloni kur të doni", "Mund ta ndërpritni bisedën në çdo moment. Nëse dikush po ju shikon, shkruani vetëm \"ok\"."),
        new("stop", "en", "Stop any time", "You can stop at any time. If someone is watching, just write \"ok\"."),
        new("referral", "sq", "Referim", "Ka njerëz pranë jush që mund t'ju ndihmojnë. A doni t'ju tregoj si t'i kontaktoni?"),
        new("referral", "en", "Referral", "There are people near you who can help. Would you like me to tell you how to reach them?"),
    ];

    public async Task<IReadOnlyList<CannedAnswer>> AllAsync()
    {
        var value = await redis.Db.StringGetAsync(RedisKeys.CannedAnswers).ConfigureAwait(false);
        return value.IsNullOrEmpty ? Defaults : JsonSerializer.Deserialize<List<CannedAnswer>>(value.ToString())!;
    }

    public Task SaveAsync(IReadOnlyList<CannedAnswer> answers) =>
        redis.Db.StringSetAsync(RedisKeys.CannedAnswers, JsonSerializer.Serialize(answers));
}
