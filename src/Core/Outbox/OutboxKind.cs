namespace Hotline.Core.Outbox;

public enum OutboxKind
{
    Reply = 0,
    OperatorJoined = 1,
    OperatorLeft = 2,
    /// <summary>During a surge: the bot tells a waiting person their place in the queue, in their language.</summary>
    QueuePlace = 3,
    /// <summary>The operator is typing: shown to the person where the channel can show it, never stored.</summary>
    Typing = 4,
    /// <summary>The operator confirmed that whoever gave the case code elsewhere is the same person: the conversation moves there.</summary>
    MoveConfirmed = 5,
    /// <summary>The operator refused a move asked for with the case code: nothing moves.</summary>
    MoveRefused = 6,
    /// <summary>A supervisor deleted the conversation: the Bot deletes what only it may touch (<c>ConversationDeletion</c>).</summary>
    DeleteConversation = 7,
    /// <summary>
    /// The Triage worker deletes a conversation whose time is up (the retention of its closed case): the Bot deletes it, as
    /// for <see cref="DeleteConversation"/>, unless the person wrote again since (<see cref="OutboxMessage.Sequence"/>: the
    /// transcript's length when it was decided). Nothing is said to the person.
    /// </summary>
    Expire = 8,
}
