using StackExchange.Redis;

namespace Hotline.Core.Conversations;

/// <summary>
/// The bot's answer to an inbound message, kept and given its send turn by the very step that stores the message, if the
/// conversation is still as the words were chosen for: its severity after the message is <see cref="Severity"/> and a
/// duress signal is on exactly when <see cref="UnderDuress"/> (otherwise, or once the conversation is deleted, the step stores
/// the message alone and the caller answers as usual, after it). The turn is the conversation hash's
/// <see cref="TurnField"/> plus one (read from <see cref="EarlierTurns"/>' <c>queued</c> field while the hash has none, a
/// key of the conversation's slot an earlier version kept), written with the fields and values of <see cref="AlsoSet"/>.
/// </summary>
public sealed record AnswerInStep(string Text, Severity Severity, bool UnderDuress, string TurnField, RedisKey EarlierTurns, IReadOnlyList<string> AlsoSet)
{
    /// <summary>Puts the kept answer on its channel's queue with its turn: called straight after the step, before the message's event is relayed.</summary>
    public Func<long, Task>? QueueAsync { get; init; }

    /// <summary>
    /// The kept answer as an entry of its channel's queue, the turn not yet among its fields: on one Redis the step that
    /// keeps it also appends it to that stream (with the turn as <c>n</c>), so it is queued in the same write as the message
    /// and no write of its own waits for Redis's next sync; <see cref="QueueAsync"/> is then not called. Null, on a cluster
    /// (the stream is on its own slot), or when the stream refused it, <see cref="QueueAsync"/> queues it after the step.
    /// </summary>
    public QueuedAnswer? Queue { get; init; }
}

/// <summary>A channel's queue (a stream of its own, <see cref="Stream"/>) and the kept answer's entry on it, the turn left out.</summary>
public sealed record QueuedAnswer(RedisKey Stream, NameValueEntry[] Fields);
