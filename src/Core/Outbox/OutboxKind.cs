namespace Hotline.Core.Outbox;

/// <summary>What an outbox message asks of the Bot. Sent by name (the outbox entry's kind field): never rename one.</summary>
public enum OutboxKind
{
    Reply,
    OperatorJoined,
    OperatorLeft,
    /// <summary>During a surge: the bot tells a waiting person their place in the queue, in their language.</summary>
    QueuePlace,
    /// <summary>The operator is typing: shown to the person where the channel can show it, never stored.</summary>
    Typing,
    /// <summary>The operator confirmed that whoever gave the case code elsewhere is the same person: the conversation moves there.</summary>
    MoveConfirmed,
    /// <summary>The operator refused a move asked for with the case code: nothing moves.</summary>
    MoveRefused,
    /// <summary>A supervisor deleted the conversation: the Bot deletes what only it may touch (<c>ConversationDeletion</c>).</summary>
    DeleteConversation,
    /// <summary>
    /// The Triage worker deletes a conversation whose time is up (the retention of its closed case): the Bot deletes it, as
    /// for <see cref="DeleteConversation"/>, unless the person wrote again since (<see cref="OutboxMessage.Sequence"/>: the
    /// transcript's length when it was decided). Nothing is said to the person.
    /// </summary>
    Expire,
}
