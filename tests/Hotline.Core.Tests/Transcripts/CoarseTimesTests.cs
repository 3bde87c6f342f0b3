using System.Text;
using System.Text.Json;
using Hotline.Core.Cases;
using Hotline.Core.Events;
using Hotline.Core.Storage;
using Hotline.Core.Telemetry;
using Hotline.Core.Transcripts;
using Hotline.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using System.Diagnostics.Metrics;

namespace Hotline.Core.Tests.Transcripts;

/// <summary>
/// Once a case is stripped of its identifying facts (its conversation deleted by the person, a supervisor or retention),
/// every time it still keeps in clear is the hour, read straight from Redis: the case's fields, its timeline, its dispatch
/// record, the indexes that name it and the conversation's tombstone. The statistics' index keeps only the hour for every
/// case. A live case keeps the exact times routing orders its queue by.
/// </summary>
[Collection(RedisFixture.Collection)]
public sealed class CoarseTimesTests(RedisFixture redis) : IAsyncLifetime
{
    // Not on the hour, with milliseconds: an exact time shows in every field that keeps it.
    private static readonly DateTimeOffset Opened = new(2026, 11, 18, 14, 37, 21, 123, TimeSpan.Zero);
    private const long Hour = 3_600_000;

    private readonly FakeTimeProvider clock = new(Opened);
    private HotlineRedis hotline = null!;

    public async Task InitializeAsync()
    {
        await redis.FlushAllAsync();
        hotline = new HotlineRedis(redis.Connection);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private CaseStore Cases() => new(hotline, clock, new CaseRetention(hotline, Options.Create(new RetentionOptions()), clock));

    private ConversationDeletion Deletion()
    {
        var metrics = new HotlineMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());
        return new ConversationDeletion(hotline, new EventOutbox(hotline, metrics, clock, NullLogger<EventOutbox>.Instance), Cases(), new CaseTimeline(hotline, clock), clock,
            NullLogger<ConversationDeletion>.Instance);
    }

    /// <summary>A conversation with a case an operator claimed, with a dispatch and a timeline, and the stop word said.</summary>
    private async Task<string> WorkedCaseAsync(string caseId, string conversationId)
    {
        var cases = Cases();
        var timeline = new CaseTimeline(hotline, clock);
        await redis.Database.HashSetAsync(RedisKeys.Conversation(conversationId), [
            new HashEntry("channel", "sms"), new HashEntry("caseId", caseId), new HashEntry("createdAt", Opened.ToUnixTimeMilliseconds()),
        ]);
        await cases.OpenAsync(caseId, conversationId, Severity.High, ["trafficking"], Language.Sq, Channel.Sms);
        await timeline.AppendAsync(caseId, TimelineKind.Opened);
        clock.Advance(TimeSpan.FromMinutes(3.5));
        Assert.Equal(ClaimOutcome.Claimed, await cases.ClaimAsync(caseId, "demo"));
        await timeline.AppendAsync(caseId, TimelineKind.Claimed, "demo");
        clock.Advance(TimeSpan.FromMinutes(11.25));
        await redis.Database.HashSetAsync(RedisKeys.Dispatch(caseId), [
            new HashEntry("status", "acknowledged"), new HashEntry("unit", "unit-a"),
            new HashEntry("proposedAt", clock.GetUtcNow().ToUnixTimeMilliseconds()), new HashEntry("ackAt", clock.GetUtcNow().AddSeconds(47).ToUnixTimeMilliseconds()),
        ]);
        await timeline.AppendAsync(caseId, TimelineKind.DispatchAcknowledged, "unit-a");
        clock.Advance(TimeSpan.FromMinutes(6.1));
        await redis.Database.HashSetAsync(RedisKeys.Conversation(conversationId), [new HashEntry("ended", "1"), new HashEntry("endedAt", clock.GetUtcNow().ToUnixTimeMilliseconds())]);
        return caseId;
    }

    [Fact]
    public async Task A_case_stripped_after_its_conversation_was_deleted_keeps_only_hours_in_clear_and_a_live_case_its_exact_times()
    {
        var live = await Cases().OpenAsync("Klive", "c-live", Severity.Medium, ["domestic"], Language.En, Channel.WebChat);
        var stripped = await WorkedCaseAsync("Kwiped", "c-wiped");
        clock.SetUtcNow(Opened.AddMinutes(41.7));

        // The person says the wipe word (the Bot's half), then the case's half runs where cases are written.
        Assert.True((await Deletion().DeleteConversationAsync("c-wiped")).Found);
        Assert.True(await Deletion().ForgetCaseAsync(stripped, null));

        var found = await ExactTimesAsync(stripped, "c-wiped");
        Assert.True(found.Count == 0, string.Join("\n", found));
        // Still there, by the hour: the statistics and the console's closed list need no more.
        var caseHash = await redis.Database.HashGetAllAsync(RedisKeys.Case(stripped));
        Assert.Equal(CoarseTime.Floor(Opened).ToUnixTimeMilliseconds(), (long)caseHash.Single(e => e.Name == "openedAt").Value);
        Assert.Contains(caseHash, e => e.Name == "closedAt");
        Assert.Contains(caseHash, e => e.Name == "claimedAt");
        Assert.Equal(4, await redis.Database.ListLengthAsync(RedisKeys.CaseTimeline(stripped)));
        Assert.NotNull(await redis.Database.SortedSetScoreAsync(RedisKeys.ClosedCases, stripped));
        Assert.Null(await redis.Database.SortedSetScoreAsync(RedisKeys.RetentionDue, stripped));
        Assert.True(await redis.Database.HashExistsAsync(RedisKeys.Conversation("c-wiped"), "deletedAt"));

        // Routing orders the live case by its exact waiting time; only the statistics' index keeps it by the hour.
        Assert.Equal(Opened.ToUnixTimeMilliseconds(), (long)await redis.Database.HashGetAsync(RedisKeys.Case(live.Id), "openedAt"));
        Assert.Equal(CaseStore.QueueScore(Severity.Medium, Opened), await redis.Database.SortedSetScoreAsync(RedisKeys.Queue, live.Id));
        Assert.Equal(CoarseTime.Floor(Opened).ToUnixTimeMilliseconds(), (long)(await redis.Database.SortedSetScoreAsync(RedisKeys.OpenedCases, live.Id))!);
    }

    [Fact]
    public async Task A_case_deleted_by_retention_keeps_only_hours_in_clear()
    {
        var expired = await WorkedCaseAsync("Kexpired", "c-expired");
        Assert.True(await Cases().ReleaseAsync(expired, "demo", "information-given"));
        clock.Advance(TimeSpan.FromDays(90).Add(TimeSpan.FromMinutes(17.3)));

        Assert.True(await Deletion().ExpireCaseAsync(expired));
        await redis.Database.HashSetAsync(RedisKeys.Conversation("c-expired"), "caseId", "");
        Assert.True((await Deletion().DeleteConversationAsync("c-expired", onlyIfEntriesAtMost: 0)).Found);

        var found = await ExactTimesAsync(expired, "c-expired");
        Assert.True(found.Count == 0, string.Join("\n", found));
        var entry = JsonSerializer.Deserialize<TimelineEntry>((await redis.Database.ListRangeAsync(RedisKeys.CaseTimeline(expired))).Single().ToString())!;
        Assert.Equal((ConversationDeletion.DeletedByRetention, CoarseTime.Floor(clock.GetUtcNow())), (entry.Detail, entry.At));
    }

    [Fact]
    public async Task A_message_handled_after_its_case_was_stripped_writes_no_area_duress_or_rating_onto_it()
    {
        var stripped = await WorkedCaseAsync("Klate", "c-late");
        var cases = Cases();
        // A router elsewhere read the case before the conversation's deletion and writes what the message told after it.
        var read = await cases.GetAsync(stripped);
        Assert.True((await Deletion().DeleteConversationAsync("c-late")).Found);
        Assert.True(await Deletion().ForgetCaseAsync(stripped, null));
        var entries = await redis.Database.ListLengthAsync(RedisKeys.CaseTimeline(stripped));

        Assert.False(await cases.KeepAreaAsync(stripped, ["unit-a"], "{}"));
        Assert.False(await cases.MarkDuressAsync(stripped, "{}"));
        Assert.Null(await cases.RaiseAsync(stripped, Severity.Critical, ["trafficking", "domestic"], known: read));

        var fields = await redis.Database.HashGetAllAsync(RedisKeys.Case(stripped));
        Assert.DoesNotContain(fields, f => f.Name == CaseFields.Area || f.Name == CaseFields.CoveredBy || f.Name == CaseFields.Duress);
        Assert.Equal((int)Severity.High, (int)fields.Single(f => f.Name == "severity").Value);
        Assert.Equal("trafficking", fields.Single(f => f.Name == "categories").Value.ToString());
        Assert.Equal(entries, await redis.Database.ListLengthAsync(RedisKeys.CaseTimeline(stripped)));
    }

    /// <summary>Every time left in clear for the case and its conversation, read straight from Redis, that is not a whole hour.</summary>
    private async Task<List<string>> ExactTimesAsync(string caseId, string conversationId)
    {
        var found = new List<string>();
        var dump = await redis.Server.AllKeysAndValuesAsync();
        foreach (var entry in dump.Entries.Where(e => e.Key.Contains("{k:" + caseId + "}", StringComparison.Ordinal) || e.Key.Contains("{c:" + conversationId + "}", StringComparison.Ordinal)))
        {
            foreach (var part in entry.Parts)
            {
                var name = part.Name is null ? null : Encoding.UTF8.GetString(part.Name);
                var value = Encoding.UTF8.GetString(part.Value);
                if (name is not null && name.EndsWith("At", StringComparison.Ordinal) && long.TryParse(value, out var ms) && ms % Hour != 0)
                {
                    found.Add($"{entry.Key} {name}={value}");
                }
                if (name is null && value.StartsWith('{') && JsonDocument.Parse(value).RootElement.TryGetProperty("at", out var at)
                    && at.ValueKind == JsonValueKind.String && at.GetDateTimeOffset().ToUnixTimeMilliseconds() % Hour != 0)
                {
                    found.Add($"{entry.Key} entry at {at.GetString()}");
                }
            }
        }
        foreach (var index in new[] { RedisKeys.OpenedCases, RedisKeys.ClosedCases, RedisKeys.RetentionDue })
        {
            if (await redis.Database.SortedSetScoreAsync(index, caseId) is { } score && (long)score % Hour != 0) found.Add($"{index} {score}");
        }
        return found;
    }
}
