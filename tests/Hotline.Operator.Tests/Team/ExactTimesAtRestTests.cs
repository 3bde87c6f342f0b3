using System.Net;
using System.Net.Http.Json;
using Hotline.Core;
using Hotline.Core.Cases;
using Hotline.Core.Identity;
using Hotline.Operator.Team;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hotline.Operator.Tests.Team;

/// <summary>
/// Times kept in clear beside a case id outside live routing: an operator's rating of the screener keeps the hour, as a
/// stripped case does, and an operator's critical claims (a case id with its exact claim time, for the pause advice)
/// are kept a day at the most. Read as someone with Redis access reads them.
/// </summary>
public sealed class ExactTimesAtRestTests(OperatorConsole console) : IClassFixture<OperatorConsole>
{
    [Fact]
    public async Task A_rating_keeps_the_hour_and_an_operators_critical_claims_are_kept_a_day_at_most()
    {
        var caseId = Ids.New("k", 16);
        await using (var asTriage = await console.ConnectAsAsync("triage"))
        {
            await new CaseStore(asTriage.Store, TimeProvider.System).OpenAsync(caseId, Ids.New("c", 16), Severity.Critical, ["domestic_violence"], Language.Sq, Channel.WebChat);
        }
        var claims = RedisKeys.CriticalClaims("demo");
        // A claim from two days ago, as an earlier version kept it for ever.
        await using var redis = await console.Redis.ConnectAsync();
        var db = redis.GetDatabase();
        await db.SortedSetAddAsync(claims, "k-two-days-ago", DateTimeOffset.UtcNow.AddDays(-2).ToUnixTimeMilliseconds());

        using var demo = await console.SignInAsync("demo", OperatorConsole.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, (await demo.PostAsync($"/api/cases/{caseId}/claim", null)).StatusCode);
        var rated = DateTimeOffset.UtcNow;
        Assert.Equal(HttpStatusCode.OK, (await demo.PutAsJsonAsync($"/api/cases/{caseId}/severity", new { severity = "high", categories = new[] { "domestic_violence" } })).StatusCode);

        // The rating: the hour it was made, no finer.
        var rating = JsonDocument.Parse((string)(await db.HashGetAsync(RedisKeys.ScreeningRatings, caseId))!).RootElement;
        var at = rating.GetProperty("At").GetInt64();
        Assert.Equal(0, at % CoarseTime.PrecisionMilliseconds);
        Assert.InRange(at, CoarseTime.Floor(rated.AddMinutes(-1).ToUnixTimeMilliseconds()), rated.ToUnixTimeMilliseconds());

        // The critical claims: this one, not the one from two days ago, and gone a day after the last claim.
        Assert.Equal([caseId], (await db.SortedSetRangeByRankAsync(claims)).Select(v => v.ToString()));
        Assert.InRange((await db.KeyTimeToLiveAsync(claims))!.Value, TeamStatus.CriticalClaimsKept - TimeSpan.FromMinutes(1), TeamStatus.CriticalClaimsKept);
    }

    [Fact]
    public async Task Critical_claims_an_earlier_version_kept_without_expiry_are_given_one_at_start()
    {
        // As an earlier version left them: a colleague's claims from two days and from three hours ago, with no expiry, and
        // that colleague claims nothing since.
        await using var redis = await console.Redis.ConnectAsync();
        var db = redis.GetDatabase();
        var claims = RedisKeys.CriticalClaims(OperatorConsole.Colleague);
        var now = DateTimeOffset.UtcNow;
        await db.KeyDeleteAsync(claims);
        await db.SortedSetAddAsync(claims, [new("k-two-days-ago", now.AddDays(-2).ToUnixTimeMilliseconds()), new("k-three-hours-ago", now.AddHours(-3).ToUnixTimeMilliseconds())]);
        Assert.Null(await db.KeyTimeToLiveAsync(claims));
        // A set this version wrote keeps the expiry it has.
        var current = RedisKeys.CriticalClaims("demo");
        await db.SortedSetAddAsync(current, "k-now", now.ToUnixTimeMilliseconds());
        await db.KeyExpireAsync(current, TimeSpan.FromHours(5));

        // What the Operator service does at start.
        Assert.True(console.Services.GetServices<IHostedService>().OfType<CriticalClaimsExpiry>().Any(), "runs at start");
        Assert.Equal(1, await console.Services.GetRequiredService<CriticalClaimsExpiry>().ExpireAsync());

        Assert.Equal(["k-three-hours-ago"], (await db.SortedSetRangeByRankAsync(claims)).Select(v => v.ToString()));
        var left = (await db.KeyTimeToLiveAsync(claims))!.Value;
        Assert.InRange(left, TeamStatus.CriticalClaimsKept - TimeSpan.FromHours(3) - TimeSpan.FromMinutes(1), TeamStatus.CriticalClaimsKept - TimeSpan.FromHours(3));
        Assert.InRange((await db.KeyTimeToLiveAsync(current))!.Value, TimeSpan.FromHours(4.9), TimeSpan.FromHours(5));
        Assert.Equal(0, await console.Services.GetRequiredService<CriticalClaimsExpiry>().ExpireAsync()); // once is enough
        await db.SortedSetRemoveAsync(current, "k-now");
    }
}
