using Hotline.Core.Cases;
using Hotline.Core.Events;

namespace Hotline.Core.Conversations;

/// <summary>
/// What one inbound message stores with its entry: its text-free event, the facts that could name the person (sealed on
/// the event) and, when the conversation keeps one, its new risk state.
/// </summary>
public sealed record InboundStep(MessageEvent Draft, MessageFacts Facts, ConversationRiskWrite? Risk = null);
