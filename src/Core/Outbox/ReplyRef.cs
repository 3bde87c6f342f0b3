using System.Globalization;

namespace Hotline.Core.Outbox;

/// <summary>One operator reply: its conversation and its sequence number in the transcript (no text).</summary>
public sealed record ReplyRef(string ConversationId, long Sequence)
{
    public override string ToString() => ConversationId + "|" + Sequence.ToString(CultureInfo.InvariantCulture);

    public static ReplyRef? Parse(string? value)
    {
        var at = value?.LastIndexOf('|') ?? -1;
        if (at <= 0 || !long.TryParse(value.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)) return null;
        return new ReplyRef(value![..at], sequence);
    }
}
