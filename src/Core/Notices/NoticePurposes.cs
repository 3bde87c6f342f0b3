namespace Hotline.Core.Notices;

/// <summary>Why a staff notice was sent (OutboundNotice.Purpose): the sender treats "contact" apart, the rest are shown as written.</summary>
public static class NoticePurposes
{
    public const string Escalation = "escalation";
    public const string Dispatch = "dispatch";
    public const string DispatchFallback = "dispatch-fallback";

    /// <summary>About the hotline itself, not a case (Redis memory running out): no case id, never merged.</summary>
    public const string Operations = "operations";

    /// <summary>An approved contact reveal: the channel sender adds the person's number, which is never put on the stream.</summary>
    public const string Contact = "contact";
}
