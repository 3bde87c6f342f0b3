using System.Text.Json;
using Hotline.Core;

namespace Hotline.Operator.Cases;

/// <summary>
/// What the screener learns from operators: each rated case's language, the screener's severity and categories and the
/// operator's (the last rating counts). Kept apart from the case, without text, so the figures outlive the case's data;
/// its time is the hour (<see cref="CoarseTime"/>), as a stripped case keeps it: no figure reads more.
/// </summary>
public sealed class ScreeningAgreement(HotlineRedis redis, TimeProvider time)
{
    private sealed record Rating(string Language, string Screened, string[] ScreenedCategories, string Rated, string[] RatedCategories, long At);

    public Task RecordAsync(CaseRecord rated)
    {
        ArgumentNullException.ThrowIfNull(rated);
        var rating = new Rating(rated.Language.ToWire(), rated.ScreenedSeverity.ToWire(), [.. rated.ScreenedCategories], rated.Severity.ToWire(),
            [.. rated.Categories], CoarseTime.Floor(time.GetUtcNow().ToUnixTimeMilliseconds()));
        return redis.Db.HashSetAsync(RedisKeys.ScreeningRatings, rated.Id, JsonSerializer.Serialize(rating));
    }

    public async Task<AgreementReport> ReportAsync()
    {
        var ratings = (await redis.Db.HashValuesAsync(RedisKeys.ScreeningRatings).ConfigureAwait(false))
            .Select(v => JsonSerializer.Deserialize<Rating>(v.ToString())!)
            .Select(r => (r.Language, Screened: Parse(r.Screened), r.ScreenedCategories, Rated: Parse(r.Rated), r.RatedCategories))
            .ToList();
        var confusion = Enumerable.Range(0, 5).Select(_ => new int[5]).ToArray();
        foreach (var r in ratings) confusion[(int)r.Screened][(int)r.Rated]++;
        AgreementRow Severities(string key, IEnumerable<(Severity Screened, Severity Rated)> group)
        {
            var list = group.ToList();
            return new AgreementRow(key, list.Count, list.Count(g => g.Screened == g.Rated), list.Count(g => g.Screened < g.Rated), list.Count(g => g.Screened > g.Rated));
        }
        var byLanguage = ratings.GroupBy(r => r.Language).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Severities(g.Key, g.Select(r => (r.Screened, r.Rated)))).ToList();
        var bySeverity = ratings.GroupBy(r => r.Rated).OrderByDescending(g => g.Key)
            .Select(g => Severities(g.Key.ToWire(), g.Select(r => (r.Screened, r.Rated)))).ToList();
        var byCategory = CaseCategories.Names
            .Select(c => (Category: c, Screened: ratings.Count(r => r.ScreenedCategories.Contains(c) && !r.RatedCategories.Contains(c)),
                Rated: ratings.Count(r => r.RatedCategories.Contains(c) && !r.ScreenedCategories.Contains(c)),
                Both: ratings.Count(r => r.RatedCategories.Contains(c) && r.ScreenedCategories.Contains(c))))
            .Where(c => c.Screened + c.Rated + c.Both > 0)
            .Select(c => new AgreementRow(c.Category, c.Screened + c.Rated + c.Both, c.Both, c.Rated, c.Screened))
            .ToList();
        var agree = ratings.Count(r => r.Screened == r.Rated);
        return new AgreementReport(ratings.Count, agree, ratings.Count == 0 ? 1 : (double)agree / ratings.Count, byLanguage, byCategory, bySeverity, confusion);
    }

    private static Severity Parse(string wire) => WireNames.TryParseSeverity(wire, out var s) ? s : Severity.None;
}
