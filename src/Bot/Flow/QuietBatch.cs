using Hotline.Bot.Channels.Twilio;
using Hotline.Core;
using Hotline.Core.Cases;
using Hotline.Core.Conversations;
using Hotline.Core.Dispatch;
using Hotline.Core.Events;
using Hotline.Core.Places;
using Hotline.Core.Telemetry;
using Hotline.Core.Transcripts;
using Hotline.Screening;

namespace Hotline.Bot.Flow;

/// <summary>
/// A sender's messages over its limit, stored together: each screened as any other and judged in turn against the
/// conversation's risk as the ones before it left it, then all stored by one script (<see cref="MessageBatchRecorder"/>)
/// with ONE event that says the highest severity among them and the conversation's risk after the last (an urgent word
/// raises the case at once, as it would alone). No answer is worded or sent: the bot does not answer a sender over its
/// limit. The Triage worker and the consoles see one change for the batch instead of one per message.
/// </summary>
public sealed class QuietBatch(Screener screener, ConversationRiskStore risks, MobileUnits units, MessageBatchRecorder recorder, TimeProvider time,
    DuressDetector? duress = null, HotlineMetrics? metrics = null)
{
    /// <summary>A message as screened, once however often its batch is stored again.</summary>
    public sealed record Judged(string Text, string OnceId, ScreeningResult Screening, string? Place, IReadOnlyList<string> CoveredBy);

    public async Task<Judged> JudgeAsync(string text, string onceId)
    {
        var started = time.GetTimestamp();
        var screening = screener.Screen(text);
        metrics?.Screened(screening.Severity, time.GetElapsedTime(started));
        var place = Municipalities.Canonical(screening.Place) ?? Municipalities.Find(text);
        IReadOnlyList<string> coveredBy = place is null ? [] : await units.NamesCoveringAsync(place).ConfigureAwait(false);
        return new Judged(text, onceId, screening, place, coveredBy);
    }

    /// <summary>
    /// Stores <paramref name="messages"/> after <paramref name="tail"/>'s entry, their ids taken in <paramref name="onceSet"/>;
    /// on <see cref="BatchRecordedKind.Stored"/>, the tail to store the sender's next messages after.
    /// </summary>
    public async Task<(BatchRecorded Result, QuietTail? Next)> StoreAsync(QuietTail tail, IReadOnlyList<Judged> messages, string onceSet, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tail);
        ArgumentNullException.ThrowIfNull(messages);
        var (conversationId, conversation) = (tail.ConversationId, tail.Record);
        var (risk, stored) = risks.Open(conversationId, conversation.Severity, tail.SealedRisk);
        var now = time.GetUtcNow();
        var safetyQuestionAsked = conversation.Severity >= Severity.High && conversation.Operator is null;
        var (language, top, carrier, anyDuress, allSmallTalk, anyHuman) = (conversation.Language, Severity.None, 0, false, true, false);
        var (age, place, indicators) = ((int?)null, (string?)null, (IReadOnlyList<IndicatorRef>)[]);
        var coveredBy = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < messages.Count; i++)
        {
            var (text, screening) = (messages[i].Text, messages[i].Screening);
            var underDuress = duress?.IsDuress(text, safetyQuestionAsked) == true;
            if (underDuress) screening = screening with { Severity = Severity.Critical };
            risk = risk.Add(screening, now);
            if (screening.Language != Language.Other) language = screening.Language;
            var requestedHuman = !underDuress && HumanRequest.IsRequest(text);
            anyDuress |= underDuress;
            anyHuman |= requestedHuman;
            allSmallTalk &= screening.Severity == Severity.None && !requestedHuman && !underDuress
                && (SmallTalk.Classify(text) != SmallTalkKind.None || Keywords.Classify(text).Kind != KeywordKind.None);
            coveredBy.UnionWith(messages[i].CoveredBy);
            // The facts as the console and the Triage worker combine them message by message: the latest age, the first
            // area named. The indicators are the carrier's alone: their offsets belong to its entry.
            age = screening.Age ?? age;
            place ??= messages[i].Place;
            // The event is sealed to the entry of the batch's most severe message (the first of them).
            if (i > 0 && screening.Severity <= top) continue;
            (top, carrier) = (screening.Severity, i);
            indicators = screening.Indicators.Select(x => new IndicatorRef(x.Id, x.Category, x.Start, x.Length)).ToList();
        }
        // Minor as the conversation's risk says after the last of them.
        var facts = new MessageFacts(age, place, risk.Minor, indicators);
        var draft = new MessageEvent(conversationId, 0, conversation.Channel, language, top, risk.Severity, risk.Categories, now, anyDuress,
            SmallTalk: allSmallTalk, RequestedHuman: anyHuman)
        {
            RaisedByContext = risk.RaisedByContext,
            NamesArea = messages.Any(m => m.Place is not null),
            CoveredBy = [.. coveredBy],
            CaseId = conversation.CaseId,
        };
        var write = risks.Replace(conversationId, stored, risk);
        var result = await recorder.RecordAsync(conversationId, tail.Tail, messages.Select(m => m.Text).ToList(), messages.Select(m => m.OnceId).ToList(), onceSet,
            carrier, new InboundStep(draft, facts, write), language != conversation.Language ? language : null, anyDuress, conversation.Operator, cancellationToken).ConfigureAwait(false);
        if (result.Kind != BatchRecordedKind.Stored) return (result, null);
        var record = conversation with { Severity = result.ConversationSeverity, Language = language };
        return (result, new QuietTail(conversationId, record, TranscriptTail.Of(result.Entries[^1]), write.After));
    }
}

/// <summary>
/// What a Bot knows of a conversation right after storing to it: its record, its transcript's last entry and its sealed
/// risk state. The sender's next messages are sealed after it without reading it again; the script that stores them
/// refuses if the transcript moved on meanwhile, and the conversation is read again.
/// </summary>
public sealed record QuietTail(string ConversationId, ConversationRecord Record, TranscriptTail Tail, string? SealedRisk);
