namespace Hotline.Screening;

/// <summary>What a message that says nothing about the person's situation is.</summary>
public enum SmallTalkKind
{
    /// <summary>The message says something: it reaches the queue.</summary>
    None = 0,

    /// <summary>Only a greeting ("hi", "përshëndetje", "tung", "good evening").</summary>
    Greeting = 1,

    /// <summary>Only thanks or an acknowledgement ("thank you", "faleminderit", "ok", "mirë").</summary>
    Thanks = 2,
}
