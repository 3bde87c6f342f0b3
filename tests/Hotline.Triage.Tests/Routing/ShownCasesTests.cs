using Hotline.Core.Events;
using Hotline.Core.Identity;

namespace Hotline.Triage.Tests.Routing;

/// <summary>
/// A waiting case's message that changes nothing on the consoles' row is signalled only while a console may show the case
/// (it fetched its detail or transcript); a console that opens it gets a signal at once, and reads every message since.
/// </summary>
[Collection(RedisFixture.Collection)]
public sealed class ShownCasesTests(RedisFixture fixture) : RoutingTest<CollectingNotifier>(fixture)
{
    private async Task<(string ConversationId, string CaseId)> ConversationWithCaseAsync()
    {
        var conversationId = Ids.New("C", 12);
        await Conversations.CreateAsync(conversationId, Channel.Sms, Language.Sq);
        await WriteAsync(conversationId, 1, Severity.Low, caseId: null);
        await HandleAllEventsAsync();
        return (conversationId, (await Conversations.GetAsync(conversationId))!.CaseId!);
    }

    private Task WriteAsync(string conversationId, long seq, Severity severity, string? caseId) =>
        redis.Database.StreamAddAsync(RedisKeys.Events,
            new MessageEvent(conversationId, seq, Channel.Sms, Language.Sq, severity, severity, ["violence"], clock.GetUtcNow()) { CaseId = caseId }.ToFields());

    private async Task<int> RowSignalsAsync(string caseId) =>
        (await NotificationsAsync()).Count(n => n.GetValueOrDefault(WireNames.TypeField) == "case" && n.GetValueOrDefault("caseId") == caseId);

    /// <summary>Waits for the shown cases' reading, moving the clock on to the next one meanwhile.</summary>
    private async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var giveUp = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < giveUp, what);
            await Task.Delay(20);
            clock.Advance(ShownCases.Refresh);
        }
    }

    /// <summary>
    /// Waits for the case's row signals to reach the count (the reading loop sends a newly shown case's signal after it
    /// takes the reading), then checks no further one follows.
    /// </summary>
    private async Task SignalsReachAsync(string caseId, int expected, string what)
    {
        var giveUp = DateTime.UtcNow.AddSeconds(10);
        while (await RowSignalsAsync(caseId) < expected)
        {
            Assert.True(DateTime.UtcNow < giveUp, what);
            await Task.Delay(20);
        }
        await Task.Delay(200);
        Assert.Equal(expected, await RowSignalsAsync(caseId));
    }

    private ShownCases Shown => services.GetRequiredService<ShownCases>();
    private Hotline.Core.Conversations.ConversationStore Conversations => services.GetRequiredService<Hotline.Core.Conversations.ConversationStore>();

    [Fact]
    public async Task A_waiting_cases_plain_message_reaches_the_consoles_only_once_one_has_opened_the_case_and_opening_it_brings_a_signal_at_once()
    {
        var (quiet, quietCase) = await ConversationWithCaseAsync();
        var (raised, raisedCase) = await ConversationWithCaseAsync();
        await Shown.StartAsync(CancellationToken.None);
        try
        {
            await WaitUntilAsync(() => !Shown.MayBeShown(quietCase), "the shown cases were never read");
            var before = await RowSignalsAsync(quietCase);
            var raisedBefore = await RowSignalsAsync(raisedCase);

            // Nobody opened either case: the plain message changes nothing a console shows, the worse one raises its case.
            await WriteAsync(quiet, 2, Severity.Low, quietCase);
            await WriteAsync(raised, 2, Severity.High, raisedCase);
            await HandleAllEventsAsync();
            Assert.Equal(before, await RowSignalsAsync(quietCase));
            Assert.Equal(Severity.High, (await services.GetRequiredService<CaseStore>().GetAsync(raisedCase))!.Severity);
            Assert.True(await RowSignalsAsync(raisedCase) > raisedBefore, "the raised case's row was not signalled");

            // A console opens the quiet case (the Operator service marks it as it serves the detail): a signal follows at once,
            // so the page reads the message above, and every later message is signalled.
            await services.GetRequiredService<CaseViews>().ViewedAsync(quietCase);
            await WaitUntilAsync(() => Shown.MayBeShown(quietCase), "the opened case was never read as shown");
            await SignalsReachAsync(quietCase, before + 1, "the opened case got no signal");
            await WriteAsync(quiet, 3, Severity.Low, quietCase);
            await HandleAllEventsAsync();
            Assert.Equal(before + 2, await RowSignalsAsync(quietCase));
        }
        finally
        {
            await Shown.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_case_opened_while_the_shown_cases_cannot_be_read_gets_its_signal_at_the_next_good_reading()
    {
        var (_, caseId) = await ConversationWithCaseAsync();
        const string NeverOpened = "K-never-opened";
        await Shown.StartAsync(CancellationToken.None);
        try
        {
            await WaitUntilAsync(() => !Shown.MayBeShown(caseId), "the shown cases were never read");
            var before = await RowSignalsAsync(caseId);

            // The set cannot be read (a value of the wrong type in its place): every case counts as shown meanwhile.
            await redis.Database.StringSetAsync(RedisKeys.ViewedCases, "not a set");
            await WaitUntilAsync(() => Shown.MayBeShown(NeverOpened), "the failed reading was never noticed");
            await Task.Delay(200); // a reading the last clock step started ends (failing) first

            // A console opens the case before the next reading (the clock stands still, so none happens in between);
            // the next good reading signals it, as it was not shown at the last good one.
            await redis.Database.KeyDeleteAsync(RedisKeys.ViewedCases);
            await services.GetRequiredService<CaseViews>().ViewedAsync(caseId);
            await WaitUntilAsync(() => !Shown.MayBeShown(NeverOpened), "the shown cases were never read again");
            Assert.True(Shown.MayBeShown(caseId));
            await SignalsReachAsync(caseId, before + 1, "the case opened while the readings failed got no signal");
        }
        finally
        {
            await Shown.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Until_the_shown_cases_are_read_every_message_is_signalled()
    {
        var (conversationId, caseId) = await ConversationWithCaseAsync();
        var before = await RowSignalsAsync(caseId);

        await WriteAsync(conversationId, 2, Severity.Low, caseId);
        await HandleAllEventsAsync();

        Assert.Equal(before + 1, await RowSignalsAsync(caseId));
    }
}
