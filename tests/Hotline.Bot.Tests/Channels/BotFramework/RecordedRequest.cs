using System.Text.Json.Nodes;

namespace Hotline.Bot.Tests.Channels.BotFramework;

/// <summary>A request one of the fakes received, as it arrived.</summary>
public sealed record RecordedRequest(string Method, string RawTarget, string? Authorization, string Body, DateTimeOffset At)
{
    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);
}
