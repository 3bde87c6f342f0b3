using System.Text.Json.Serialization;
using Hotline.Core;

namespace Hotline.Bot.Channels.DirectLine;

/// <summary>What deleting a web chat conversation did, for the page to say exactly that.</summary>
public sealed record WebChatDeletion(
    [property: JsonPropertyName("deleted")] bool Deleted,
    [property: JsonPropertyName("caseCodeRevoked")] bool CaseCodeRevoked,
    [property: JsonPropertyName("caseClosing")] bool CaseClosing);
