namespace Hotline.Screening;

/// <summary>
/// Context found around indicators: why a word of danger does not mean danger now, or whose danger it is. Each flag
/// travels with the indicator it changed, so that an operator reads why a message was rated lower than its words.
/// The values are fixed (they are combined and shown by name); the members are grouped by what they do.
/// </summary>
[Flags]
public enum ScreeningContext
{
    None = 0,

    // The words are not danger at all: the indicator is dropped.

    /// <summary>"he didn't hit me", "nuk më rrahu".</summary>
    Negated = 1,
    /// <summary>A set phrase whose words only look like danger ("killing time", "më vrau koka").</summary>
    Idiom = 16,
    /// <summary>"lol I'll kill him": a hyperbole in a joking message.</summary>
    Joking = 1024,
    /// <summary>The words belong to a game, a story, a sport, an animal or a kitchen, not to a person at risk.</summary>
    Figurative = 2048,

    // Danger, but not now: the indicator stays, its level is capped.

    /// <summary>"when I was a child", "vite më parë", with no now or next in its clause: medium at most (low if safe now).</summary>
    DistantPast = 2,
    /// <summary>"what if someone were…", "po sikur…", inside a question for information: low at most.</summary>
    Hypothetical = 4,
    /// <summary>A student's, journalist's or professional's question that is not about the writer: low at most.</summary>
    InformationRequest = 32,
    /// <summary>"she is safe now", "tani jam mirë": someone else's danger that is over, medium at most.</summary>
    SafeNow = 64,
    /// <summary>"nothing has happened yet": a warning sign that is not acute, medium at most.</summary>
    NothingYet = 512,

    // Whose danger, and how near: marks the conversation-level risk and the explanation read.

    /// <summary>Someone else is the one at risk ("my neighbour's girl"), kept apart from the writer's own danger.</summary>
    ThirdPerson = 8,
    /// <summary>"he is in prison", "ka ikur jashtë": the abuser is away, which lowers the message unless two signs of danger now say otherwise.</summary>
    AbuserAway = 128,
    /// <summary>"I would never do it", "s'kam ndër mend": thoughts without a plan.</summary>
    NoPlan = 256,
}
