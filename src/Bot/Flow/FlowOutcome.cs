using Hotline.Core;
using Hotline.Screening;

namespace Hotline.Bot.Flow;

/// <summary>What the flow did with a message: how it was screened and whether the bot answered.</summary>
public sealed record FlowOutcome(ScreeningResult Screening, Severity ConversationSeverity, bool BotReplied, bool OperatorHolds)
{
    /// <summary>The channel had delivered this message before (<see cref="InboundMessage.Once"/>): nothing was stored or said.</summary>
    public bool Duplicate { get; init; }
}
