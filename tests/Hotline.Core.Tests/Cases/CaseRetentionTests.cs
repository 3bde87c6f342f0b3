using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hotline.Core.Tests.Cases;

/// <summary>
/// Retention by outcome: a closing case is scheduled for deletion after the retention of its outcome (set per outcome by
/// HOTLINE_RETENTION_&lt;OUTCOME&gt;_DAYS, the rest by HOTLINE_RETENTION_DAYS); a bad variable stops the service at start;
/// due cases are claimed by exactly one worker at a time.
/// </summary>
[Collection(RedisFixture.Collection)]
public sealed class CaseRetentionTests(RedisFixture redis) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 20, 0, 0, TimeSpan.Zero);

    private HotlineRedis hotline = null!;

    public async Task InitializeAsync()
    {
        await redis.FlushAllAsync();
        hotline = new HotlineRedis(redis.Connection);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static IOptions<RetentionOptions> Options(params (string Name, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Name, (string?)s.Value))).Build();
        var services = new ServiceCollection().AddHotlineCore(configuration, "triage");
        return services.BuildServiceProvider().GetRequiredService<IOptions<RetentionOptions>>();
    }

    private async Task<string> OpenAsync(CaseStore cases)
    {
        var id = Hotline.Core.Identity.Ids.New("K", 12);
        await cases.OpenAsync(id, "c-" + id, Severity.High, ["domestic"], Language.Sq, Channel.Sms);
        return id;
    }

    [Fact]
    public async Task Each_outcome_is_kept_for_its_own_retention_and_every_other_for_the_default()
    {
        var options = Options(("HOTLINE_RETENTION_DAYS", "30"), ("HOTLINE_RETENTION_TEST_OR_MISUSE_DAYS", "2"), ("HOTLINE_RETENTION_NO_CONTACT_DAYS", "7"));
        var clock = new FakeTimeProvider(Now);
        var retention = new CaseRetention(hotline, options, clock);
        var cases = new CaseStore(hotline, clock, retention);
        var misuse = await OpenAsync(cases);
        var noContact = await OpenAsync(cases);
        var handedBack = await OpenAsync(cases);
        var informed = await OpenAsync(cases);
        foreach (var id in new[] { misuse, handedBack, informed }) Assert.Equal(ClaimOutcome.Claimed, await cases.ClaimAsync(id, "demo"));

        Assert.True(await cases.ReleaseAsync(misuse, "demo", "test-or-misuse"));
        Assert.True(await cases.CloseAsync(noContact, CloseReasons.NoContact, "{}"));
        Assert.True(await cases.ReleaseAsync(handedBack, "demo"));
        Assert.True(await cases.ReleaseAsync(informed, "demo", "information-given"));

        Assert.Equal(Now.AddDays(2), await retention.DueAsync(misuse));
        Assert.Equal(Now.AddDays(7), await retention.DueAsync(noContact));
        Assert.Equal(Now.AddDays(30), await retention.DueAsync(handedBack));
        Assert.Equal(Now.AddDays(30), await retention.DueAsync(informed));

        // A supervisor records an outcome after the close: its retention counts from the close.
        clock.Advance(TimeSpan.FromDays(1));
        await cases.OutcomeRecordedAsync(informed, "test-or-misuse");
        Assert.Equal(Now.AddDays(2), await retention.DueAsync(informed));

        // Just before two days nothing is due; just after, the two cases whose outcome keeps them two days are.
        clock.Advance(TimeSpan.FromDays(1) - TimeSpan.FromMinutes(1));
        Assert.Empty(await retention.ClaimDueAsync(100));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(new[] { informed, misuse }.Order(), (await retention.ClaimDueAsync(100)).Select(c => c.CaseId).Order());
    }

    [Fact]
    public async Task A_deleted_conversations_case_is_not_scheduled_and_a_case_the_person_continued_leaves_the_schedule()
    {
        var clock = new FakeTimeProvider(Now);
        var retention = new CaseRetention(hotline, Options(), clock);
        var cases = new CaseStore(hotline, clock, retention);
        var wiped = await OpenAsync(cases);
        Assert.True(await cases.CloseAsync(wiped, CloseReasons.Deleted, "{}"));
        Assert.Null(await retention.DueAsync(wiped));

        var earlier = await OpenAsync(cases);
        Assert.True(await cases.CloseAsync(earlier, CloseReasons.Prank, "{}"));
        Assert.Equal(Now.AddDays(90), await retention.DueAsync(earlier));
        var later = await OpenAsync(cases);
        await cases.ContinueAsync(later, earlier);
        Assert.Null(await retention.DueAsync(earlier));
        Assert.Equal(earlier, await cases.EarlierCaseAsync(later));
    }

    [Theory]
    [InlineData("HOTLINE_RETENTION_DAYS", "ninety")]
    [InlineData("HOTLINE_RETENTION_DAYS", "0")]
    [InlineData("HOTLINE_RETENTION_PERSON_LEFT_DAYS", "-3")]
    [InlineData("HOTLINE_RETENTION_INFORMATION_DAYS", "10")]
    public void A_malformed_or_unknown_retention_variable_stops_the_service_at_start_naming_it(string name, string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Options((name, value)).Value);
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_outcome_the_console_offers_and_every_close_reason_can_have_its_own_retention()
    {
        var options = Options([.. RetentionOptions.Outcomes.Select((o, i) => (RetentionOptions.VariableFor(o), (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)))]).Value;
        Assert.Equal(CaseOutcomes.Codes.Count + 4, RetentionOptions.Outcomes.Count);
        for (var i = 0; i < RetentionOptions.Outcomes.Count; i++) Assert.Equal(TimeSpan.FromDays(i + 1), options.For(RetentionOptions.Outcomes[i]));
        Assert.Equal("HOTLINE_RETENTION_TEST_OR_MISUSE_DAYS", RetentionOptions.VariableFor("test-or-misuse"));
    }

    [Fact]
    public async Task Two_workers_claiming_at_once_never_get_the_same_case_and_an_unfinished_one_comes_back_after_its_lease()
    {
        var clock = new FakeTimeProvider(Now);
        var options = Options(("HOTLINE_RETENTION_DAYS", "1"));
        var first = new CaseRetention(hotline, options, clock);
        var second = new CaseRetention(hotline, options, clock);
        var ids = Enumerable.Range(0, 200).Select(i => $"K{i:D11}").ToList();
        foreach (var id in ids) await first.ScheduleAsync(id, null);
        clock.Advance(TimeSpan.FromDays(1));

        async Task<List<string>> DrainAsync(CaseRetention worker)
        {
            var mine = new List<string>();
            while (await worker.ClaimDueAsync(7) is { Count: > 0 } claimed) mine.AddRange(claimed.Select(c => c.CaseId));
            return mine;
        }
        var both = await Task.WhenAll(Task.Run(() => DrainAsync(first)), Task.Run(() => DrainAsync(second)));

        Assert.Empty(both[0].Intersect(both[1]));
        Assert.Equal(ids.Order(), both[0].Concat(both[1]).Order());
        // The worker that claimed the first one died before finishing it: after the lease it is due again, the others were done.
        foreach (var id in ids.Skip(1)) await first.DoneAsync(id);
        Assert.Empty(await second.ClaimDueAsync(100));
        clock.Advance(CaseRetention.Lease + TimeSpan.FromSeconds(1));
        Assert.Equal([ids[0]], (await second.ClaimDueAsync(100)).Select(c => c.CaseId));
    }
}
