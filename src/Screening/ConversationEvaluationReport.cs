using System.Globalization;
using System.Text;
using Hotline.Core;

namespace Hotline.Screening;

/// <summary>
/// How conversation-level screening did on a labelled conversations file: every message is screened alone and folded
/// into its conversation's <see cref="ConversationRisk"/> in file order. Scores the conversation's severity, categories
/// and minor flag at each message, the messages read alone, and the context raises (a message whose conversation
/// severity is above both its own and the conversation's before it). Errors by id, never text.
/// </summary>
public sealed class ConversationEvaluationReport
{
    /// <summary>Conversation severity, categories and minor at each message.</summary>
    public required EvaluationReport InContext { get; init; }

    /// <summary>Each message's own severity (categories and minor are labelled cumulatively, so only severity counts here).</summary>
    public required EvaluationReport Alone { get; init; }

    public required int Conversations { get; init; }

    /// <summary>Conversations whose final severity is as labelled.</summary>
    public required int FinalExact { get; init; }

    /// <summary>Messages that the earlier ones raise, and those the screener raised to at least the label.</summary>
    public required int ContextRaises { get; init; }

    public required int ContextRaisesCaught { get; init; }

    public required IReadOnlyList<string> ContextMisses { get; init; }

    public double ContextRecall => ContextRaises == 0 ? 1 : (double)ContextRaisesCaught / ContextRaises;

    public static ConversationEvaluationReport Evaluate(IEnumerable<LabelledConversationMessage> messages, Screener screener)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(screener);
        var risks = new Dictionary<string, ConversationRisk>(StringComparer.Ordinal);
        var labelledSoFar = new Dictionary<string, Severity>(StringComparer.Ordinal);
        var finals = new Dictionary<string, (Severity Labelled, Severity Screened)>(StringComparer.Ordinal);
        var inContext = new List<(LabelledMessage, ScreeningResult)>();
        var alone = new List<(LabelledMessage, ScreeningResult)>();
        var misses = new List<string>();
        int raises = 0, caught = 0;
        foreach (var labelled in messages)
        {
            var message = labelled.Message;
            var result = screener.Screen(message.Text);
            var risk = risks.GetValueOrDefault(labelled.Conversation, ConversationRisk.None).Add(result);
            risks[labelled.Conversation] = risk;
            alone.Add((message with { Categories = [], Minor = false }, result with { Categories = [], Minor = false }));
            inContext.Add((message with { Severity = labelled.ConversationSeverity },
                result with { Severity = risk.Severity, Categories = risk.Categories, Minor = risk.Minor }));
            var before = labelledSoFar.GetValueOrDefault(labelled.Conversation, Severity.None);
            if (labelled.ConversationSeverity > message.Severity && labelled.ConversationSeverity > before)
            {
                raises++;
                if (risk.Severity >= labelled.ConversationSeverity) caught++;
                else misses.Add($"{message.Id} {labelled.ConversationSeverity.ToWire()}→{risk.Severity.ToWire()}");
            }
            labelledSoFar[labelled.Conversation] = labelled.ConversationSeverity > before ? labelled.ConversationSeverity : before;
            finals[labelled.Conversation] = (labelled.ConversationSeverity, risk.Severity);
        }
        return new ConversationEvaluationReport
        {
            InContext = EvaluationReport.Evaluate(inContext),
            Alone = EvaluationReport.Evaluate(alone),
            Conversations = finals.Count,
            FinalExact = finals.Values.Count(f => f.Labelled == f.Screened),
            ContextRaises = raises,
            ContextRaisesCaught = caught,
            ContextMisses = misses,
        };
    }

    /// <summary>The report as text: the conversation-level scores first, then the messages alone and the context raises.</summary>
    public string Format()
    {
        var c = CultureInfo.InvariantCulture;
        var b = new StringBuilder();
        b.AppendLine(c, $"conversations: {Conversations}; final conversation severity exact {FinalExact}/{Conversations}");
        b.AppendLine(c, $"context raises (the earlier messages lift this one's conversation severity): caught {ContextRaisesCaught}/{ContextRaises} = {ContextRecall:0.000}");
        b.AppendLine(c, $"context misses ({ContextMisses.Count}): {string.Join(", ", ContextMisses)}");
        b.AppendLine(c, $"messages read alone: severity exact accuracy {Alone.SeverityAccuracy:0.000}; urgent recall {Alone.UrgentRecall:0.000}; critical {Alone.CriticalRecall:0.000}; false alarms {Alone.FalseAlarmRate:0.000}");
        b.AppendLine();
        b.AppendLine("in context (labelled conversationSeverity, cumulative categories and minor; screened ConversationRisk):");
        b.Append(InContext.Format());
        return b.ToString();
    }
}
