using Hotline.Core.Conversations;
using Hotline.Core.Events;
using Hotline.Core.Identity;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Hotline.Triage.Tests.Routing;

/// <summary>A Triage worker that dies while it opens a case: the worker that handles the event next opens it.</summary>
[Collection(RedisFixture.Collection)]
public sealed class CaseOpeningTests(RedisFixture redis) : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        await redis.FlushAllAsync();
        services = RoutingServices.Build(redis, clock, new CollectingNotifier());
    }

    public async Task DisposeAsync() => await services.DisposeAsync();

    [Fact]
    public async Task A_conversation_linked_to_a_case_whose_worker_died_before_writing_it_gets_that_case_queued_with_its_deadline()
    {
        var conversations = services.GetRequiredService<ConversationStore>();
        var conversationId = Ids.New("C", 12);
        await conversations.CreateAsync(conversationId, Channel.Sms, Language.Sq);
        // All the worker that died had done: the conversation points at the case it was about to write.
        var caseId = Ids.New("K", 12);
        await conversations.LinkCaseAsync(conversationId, caseId);
        var message = new MessageEvent(conversationId, 1, Channel.Sms, Language.Sq, Severity.Critical, Severity.Critical, ["trafficking"], clock.GetUtcNow());
        await redis.Database.StreamAddAsync(RedisKeys.Events, message.ToFields());

        var router = services.GetServices<IHostedService>().OfType<CaseRouter>().Single();
        await router.StartAsync(CancellationToken.None);
        try
        {
            // The state stays once reached, so looking every 50 ms cannot miss it; the limit is generous, as nothing here measures time.
            var giveUp = DateTime.UtcNow.AddSeconds(60);
            while (await redis.Database.SortedSetScoreAsync(RedisKeys.Queue, caseId) is null)
            {
                Assert.True(DateTime.UtcNow < giveUp, "the case was never queued");
                await Task.Delay(50);
            }
        }
        finally
        {
            await router.StopAsync(CancellationToken.None);
        }

        var record = await services.GetRequiredService<CaseStore>().GetAsync(caseId);
        Assert.Equal((CaseStatus.Open, Severity.Critical, conversationId), (record!.Status, record.Severity, record.ConversationId));
        Assert.True(await redis.Database.SetContainsAsync(RedisKeys.ActiveCases, caseId));
        Assert.NotNull(await redis.Database.SortedSetScoreAsync(RedisKeys.Deadlines, caseId));
        Assert.Contains(await services.GetRequiredService<CaseTimeline>().ReadAsync(caseId), e => e.Kind == TimelineKind.Opened);
    }
}
