using System.Text.Json;
using Hotline.Core;

namespace Hotline.Screening;

/// <summary>
/// One labelled message of a conversation, as in screening-conversations-dev.jsonl: the message alone
/// (<see cref="LabelledMessage.Severity"/>), and the conversation so far (cumulative categories and minor, and
/// <see cref="ConversationSeverity"/>, the highest severity reached when read with the earlier messages).
/// </summary>
public sealed record LabelledConversationMessage(string Conversation, LabelledMessage Message, Severity ConversationSeverity)
{
    /// <summary>Reads one JSONL line; null with a reason if it is not one.</summary>
    public static LabelledConversationMessage? Parse(string line, out string? error)
    {
        if (LabelledMessage.Parse(line, out error) is not { } message) return null;
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        if (!root.TryGetProperty("conversation", out var c) || c.ValueKind != JsonValueKind.String || c.GetString() is not { Length: > 0 } conversation)
        {
            error = $"{message.Id}: no conversation";
            return null;
        }
        if (!root.TryGetProperty("conversationSeverity", out var s) || !WireNames.TryParseSeverity(s.GetString(), out var severity))
        {
            error = $"{message.Id}: no conversationSeverity";
            return null;
        }
        return new LabelledConversationMessage(conversation, message, severity);
    }
}
