namespace Hotline.Core.Outbox;

public static class ReplyStateNames
{
    public static string ToWire(this ReplyState state) => state switch
    {
        ReplyState.Sending => "sending",
        ReplyState.Held => "held",
        ReplyState.Sent => "sent",
        ReplyState.Delivered => "delivered",
        ReplyState.Failed => "failed",
        ReplyState.Read => "read",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static bool TryParse(string? wire, out ReplyState state)
    {
        foreach (var candidate in Enum.GetValues<ReplyState>())
        {
            if (candidate.ToWire() == wire)
            {
                state = candidate;
                return true;
            }
        }
        state = default;
        return false;
    }
}
