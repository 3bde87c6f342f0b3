using Hotline.Core.Conversations;
using Hotline.Core.Events;
using Hotline.Core.Identity;

namespace Hotline.Triage.Tests.Routing;

/// <summary>
/// A message event names the case its conversation was linked to when the message was stored: the worker takes it without
/// reading the conversation while that case is still open, and reads the conversation when it is not.
/// </summary>
[Collection(RedisFixture.Collection)]
public sealed class EventsNamingTheirCaseTests(RedisFixture fixture) : RoutingTest<CollectingNotifier>(fixture)
{
    private ConversationStore Conversations => services.GetRequiredService<ConversationStore>();
    private CaseStore Cases => services.GetRequiredService<CaseStore>();

    private async Task<string> ConversationWithCaseAsync(Severity severity)
    {
        var conversationId = Ids.New("C", 12);
        await Conversations.CreateAsync(conversationId, Channel.Sms, Language.Sq);
        await WriteAsync(conversationId, 1, severity, caseId: null);
        await HandleAllEventsAsync();
        return (await Conversations.GetAsync(conversationId))!.CaseId!;
    }

    private Task WriteAsync(string conversationId, long seq, Severity severity, string? caseId) =>
        redis.Database.StreamAddAsync(RedisKeys.Events,
            new MessageEvent(conversationId, seq, Channel.Sms, Language.Sq, severity, severity, ["violence"], clock.GetUtcNow()) { CaseId = caseId }.ToFields());

    [Fact]
    public async Task A_message_naming_its_open_case_raises_that_case()
    {
        var caseId = await ConversationWithCaseAsync(Severity.Low);

        await WriteAsync((await Cases.GetAsync(caseId))!.ConversationId, 2, Severity.Critical, caseId);
        await HandleAllEventsAsync();

        var raised = (await Cases.GetAsync(caseId))!;
        Assert.Equal((CaseStatus.Open, Severity.Critical), (raised.Status, raised.Severity));
    }

    [Fact]
    public async Task A_message_naming_a_case_closed_since_opens_a_new_case_and_leaves_the_closed_one_alone()
    {
        var earlier = await ConversationWithCaseAsync(Severity.Low);
        var conversationId = (await Cases.GetAsync(earlier))!.ConversationId;
        // An operator closes the case after the person's next message was stored naming it.
        Assert.True(await Cases.CloseAsync(earlier, CloseReasons.NoContact, services.GetRequiredService<CaseTimeline>().Entry(TimelineKind.Closed, "op", CloseReasons.NoContact)));
        await Conversations.UnlinkCaseAsync(conversationId);

        await WriteAsync(conversationId, 2, Severity.High, earlier);
        await HandleAllEventsAsync();

        var now = (await Conversations.GetAsync(conversationId))!.CaseId;
        Assert.NotNull(now);
        Assert.NotEqual(earlier, now);
        var opened = (await Cases.GetAsync(now!))!;
        Assert.Equal((CaseStatus.Open, Severity.High), (opened.Status, opened.Severity));
        var closed = (await Cases.GetAsync(earlier))!;
        Assert.Equal((CaseStatus.Closed, Severity.Low), (closed.Status, closed.Severity));
    }

    [Fact]
    public async Task A_message_naming_another_conversations_case_goes_to_its_own()
    {
        var other = await ConversationWithCaseAsync(Severity.Low);
        var mine = await ConversationWithCaseAsync(Severity.Low);
        var conversationId = (await Cases.GetAsync(mine))!.ConversationId;

        await WriteAsync(conversationId, 2, Severity.Critical, other);
        await HandleAllEventsAsync();

        Assert.Equal(Severity.Critical, (await Cases.GetAsync(mine))!.Severity);
        Assert.Equal(Severity.Low, (await Cases.GetAsync(other))!.Severity);
    }
}
