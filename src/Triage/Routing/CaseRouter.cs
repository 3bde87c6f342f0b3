using Hotline.Core;
using Hotline.Core.Cases;
using Hotline.Core.Conversations;
using Hotline.Core.Events;
using Hotline.Core.Identity;
using Hotline.Core.Storage;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Hotline.Triage.Routing;

/// <summary>
/// Consumes message events: opens a case when a conversation becomes high or critical, raises it when a later
/// message is worse, and tells the consoles. Idempotent: a redelivered event changes nothing twice.
/// </summary>
public sealed class CaseRouter(
    HotlineRedis redis,
    CaseStore cases,
    ConversationStore conversations,
    ILogger<CaseRouter> logger,
    TimeProvider time) : StreamGroupWorker(redis, logger, time)
{
    public const string GroupName = "triage";
    private readonly HotlineRedis redis = redis;

    protected override string Stream => RedisKeys.Events;
    protected override string Group => GroupName;
    protected override TimeSpan PollInterval => TimeSpan.FromMilliseconds(500);

    protected override async Task HandleAsync(StreamEntry entry, CancellationToken cancellationToken)
    {
        if (MessageEvent.FromFields(entry.Values) is not { } message)
        {
            logger.LogWarning("Skipping malformed event {EntryId}", entry.Id.ToString());
            return;
        }
        var conversation = await conversations.GetAsync(message.ConversationId).ConfigureAwait(false);
        if (conversation is null) return;

        CaseRecord? changed;
        if (conversation.CaseId is { } caseId)
        {
            changed = await cases.RaiseAsync(caseId, message.ConversationSeverity, message.Categories, message.Minor).ConfigureAwait(false);
        }
        else if (message.MessageSeverity >= Severity.High ||
                 (message.ConversationSeverity >= Severity.High && conversation.PreviousCaseId is null))
        {
            var winner = await conversations.LinkCaseAsync(message.ConversationId, Ids.New("K", 12)).ConfigureAwait(false);
            changed = await cases.OpenAsync(winner, message.ConversationId, message.ConversationSeverity, message.Categories,
                message.Language, message.Channel, message.Minor).ConfigureAwait(false);
            logger.LogInformation("Opened case {CaseId} at {Severity}", changed.Id, changed.Severity.ToWire());
        }
        else
        {
            return;
        }
        if (changed is not null)
        {
            await redis.PublishAsync(RedisKeys.Notifications, [new("type", "case"), new("caseId", changed.Id)]).ConfigureAwait(false);
        }
    }
}
