using Hotline.Core.Dispatch;
using Hotline.Bot.Channels;
using Hotline.Core;
using Hotline.Core.Outbox;
using Hotline.Core.Conversations;
using Hotline.Core.Events;
using Hotline.Core.Storage;
using Hotline.Core.Transcripts;
using Hotline.Core.Places;
using Hotline.Core.Live;
using Hotline.Core.Cases;
using Hotline.Core.Team;
using Hotline.Bot.Channels.Twilio;
using Hotline.Screening;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Hotline.Bot.Flow;

/// <summary>
/// The same flow whatever the channel: screen, store the text sealed, tell Triage without the text (which opens a case
/// for anything but small talk), then the bot answers in the person's language, truthfully, unless an operator holds
/// the conversation.
/// </summary>
public sealed class ConversationFlow(
    Screener screener,
    ConversationStore conversations,
    TranscriptStore transcripts,
    MessageRecorder recorder,
    EventOutbox events,
    IEnumerable<IChannelDelivery> deliveries,
    CaseCodes codes,
    ConversationRiskStore risks,
    CaseStore cases,
    MobileUnits units,
    ClaimWaits waits,
    PresenceStore presence,
    TimeProvider time,
    ILogger<ConversationFlow> logger,
    DuressDetector? duress = null,
    Limits.CaseBudget? budget = null,
    Hotline.Core.Telemetry.HotlineMetrics? metrics = null)
{
    private readonly Dictionary<Channel, IChannelDelivery> byChannel = deliveries.ToDictionary(d => d.Channel);

    /// <summary>Starts a conversation and greets the person; does nothing if it already exists.</summary>
    public Task<bool> StartAsync(string conversationId, Channel channel, CancellationToken cancellationToken) =>
        StartAsync(conversationId, channel, BotTexts.Greeting, cancellationToken);

    /// <summary>Starts a conversation with a channel's own greeting (the neutral first SMS); does nothing if it already exists.</summary>
    public async Task<bool> StartAsync(string conversationId, Channel channel, string greeting, CancellationToken cancellationToken)
    {
        if (!await conversations.CreateAsync(conversationId, channel, Language.Other).ConfigureAwait(false)) return false;
        await SayAsync(conversationId, channel, Speaker.Bot, greeting, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Queues on <paramref name="batch"/> what <see cref="ReceiveAsync"/> reads of a channel conversation first, so a
    /// channel adapter sends it with its own reads and hands the result down in <see cref="InboundMessage.Loaded"/>.
    /// </summary>
    public Task<PreloadedConversation> Preload(IBatch batch, string channelConversationId)
    {
        // The conversation's hash holds the sealed risk state and the transcript's tail as the last append left them
        // (TranscriptTail): read together, so an append that finds the transcript's length as the tail says knows the
        // state is the one read (only a message's step writes it, always with an entry).
        // The alias (the conversation this one continues) is read after it, only when the hash says there may be one.
        var record = conversations.Get(batch, channelConversationId);
        return All(record);

        async Task<PreloadedConversation> All(Task<ConversationRecord?> record)
        {
            var conversation = await record.ConfigureAwait(false);
            var continuedIn = await codes.ContinuedInAsync(channelConversationId, conversation).ConfigureAwait(false);
            return new(continuedIn, conversation, TailOf(conversation), conversation?.Fields.GetValueOrDefault(ConversationStore.RiskField));
        }
    }

    /// <summary>The transcript's tail as the conversation's hash noted it, or null (none noted, or an empty transcript).</summary>
    private static TranscriptTail? TailOf(ConversationRecord? conversation) =>
        TranscriptTail.FromField(conversation?.Fields.GetValueOrDefault(TranscriptTail.Field));

    public async Task<FlowOutcome> ReceiveAsync(InboundMessage received, CancellationToken cancellationToken)
    {
        var screeningStarted = time.GetTimestamp();
        var screening = screener.Screen(received.Text);
        metrics?.Screened(screening.Severity, time.GetElapsedTime(screeningStarted));
        // A channel conversation may continue another one (the person gave its case code there).
        // Both reads go out together (one round trip), unless the channel adapter read them with its own; the conversation
        // is usually the channel's own.
        var loading = received.Loaded is { } loaded ? Task.FromResult(loaded.Record) : conversations.GetAsync(received.ConversationId);
        var resolving = received.Loaded is { } read ? Task.FromResult(read.ContinuedIn ?? received.ConversationId) : ResolveAsync(received.ConversationId, loading);
        var message = received with { ConversationId = await resolving.ConfigureAwait(false) };
        if (message.ConversationId == received.ConversationId && await TryContinueAsync(received, screening, cancellationToken).ConfigureAwait(false) is { } continued)
        {
            return continued;
        }
        var conversation = (message.ConversationId == received.ConversationId ? await loading.ConfigureAwait(false) : await conversations.GetAsync(message.ConversationId).ConfigureAwait(false))
            ?? throw new InvalidOperationException("The conversation does not exist");
        // A web chat address over its case budget (often a carrier's address shared by strangers): this conversation still
        // opens its own case and keeps its own replies; the case only ranks after the others of its severity.
        var sharedNetwork = received.Source is { } source && budget is not null && message.ConversationId == received.ConversationId
            && conversation.CaseId is null && conversation.PreviousCaseId is null && OpensCase(screening, message.Text)
            && await budget.IsOverAsync(source, received.ConversationId, cancellationToken).ConfigureAwait(false);
        // Duress: the agreed phrase, or "no" to the safety question the urgent answer asks. Critical at once, innocent reply.
        var underDuress = duress?.IsDuress(message.Text, safetyQuestionAsked: conversation.Severity >= Severity.High && conversation.Operator is null) == true;
        if (underDuress) screening = screening with { Severity = Severity.Critical };
        var language = screening.Language != Language.Other ? screening.Language : conversation.Language;
        // Everything the person writes reaches the queue except a greeting or thanks alone, or a stop or wipe word (the
        // SMS channel acts on those before the flow); a request for a person always does, at least as medium.
        var requestedHuman = !underDuress && HumanRequest.IsRequest(message.Text);
        var smallTalk = screening.Severity == Severity.None && !requestedHuman && !underDuress
            ? SmallTalk.Classify(message.Text) is var kind && kind != SmallTalkKind.None ? kind
              : Keywords.Classify(message.Text).Kind != KeywordKind.None ? SmallTalkKind.Greeting : SmallTalkKind.None
            : SmallTalkKind.None;
        // What could name the person (age, area, minor, where indicators fired) goes sealed; routing gets the units covering the area.
        var place = Municipalities.Canonical(screening.Place) ?? Municipalities.Find(message.Text);
        IReadOnlyList<string> coveredBy = place is null ? [] : await units.NamesCoveringAsync(place).ConfigureAwait(false);
        var indicators = screening.Indicators.Select(i => new IndicatorRef(i.Id, i.Category, i.Start, i.Length)).ToList();
        // One script stores the entry, replaces the sealed risk state, raises the conversation and queues the event: a
        // stored message always has its event, and when another message of the conversation is stored first, this one is
        // judged again against the state that one left (the risk is written only over the state it was read from).
        // What the channel adapter read of this very conversation serves the first attempt; a later one reads again. The
        // state counts only with the tail read before it (an empty transcript's tail is read again, after the state).
        // A conversation read here (not by the channel adapter) serves alike: its hash holds the tail and the state together.
        var preloaded = message.ConversationId != received.ConversationId ? null
            : received.Loaded is { Tail: not null } l ? l
            : received.Loaded is null && TailOf(conversation) is { } tail ? new PreloadedConversation(null, conversation, tail, conversation.Fields.GetValueOrDefault(ConversationStore.RiskField))
            : null;
        // The conversation and the tail are already known: the answer needs no further read.
        // A message stored in another conversation (given its case code) is answered where it was written.
        var route = message.ConversationId != received.ConversationId ? new ConversationRoute(received.Channel, received.ConversationId)
            : conversation.Route ?? new ConversationRoute(message.Channel, message.ConversationId);
        // When the answer will be kept and queued in one step, that step also takes the message's event out of the outbox.
        var answersInOneStep = conversation.Operator is null && !received.Quiet && route.ChannelConversationId == message.ConversationId
            && byChannel.TryGetValue(route.Channel, out var delivery) && delivery.AnswersInOneStep(message.ConversationId);
        // The answer's words are usually known before the message is stored (the conversation as read, the message as
        // judged): the step that stores the message then keeps the answer too, if the conversation is still as they assumed.
        ChannelAnswer? inStep = null;
        Func<InboundStep, Task<AnswerInStep?>>? answerInStep = answersInOneStep ? async step =>
        {
            inStep = null;
            var severity = Max(conversation.Severity, Max(step.Draft.ConversationSeverity, step.Draft.MessageSeverity));
            var duressOn = underDuress || (long.TryParse(conversation.Fields.GetValueOrDefault(ConversationStore.DuressUntilField), out var until)
                && until > time.GetUtcNow().ToUnixTimeMilliseconds());
            try
            {
                var words = await WordsAsync(conversation, message, screening.Severity, severity, duressOn, smallTalk, requestedHuman, sharedNetwork, language, mayMakeCode: false)
                    .ConfigureAwait(false);
                inStep = words is null ? null : byChannel[route.Channel].AnswerInStep(message.ConversationId, words, severity, duressOn);
            }
            catch (Exception e) when (RedisFailures.IsUnavailable(e))
            {
                // Answered after the message is stored, as any other.
            }
            return inStep is null ? null : inStep.Step with { QueueAsync = inStep.QueueAsync };
        } : null;
        var recording = recorder.RecordOnceAsync(message.ConversationId, async _ =>
        {
            // The message in the light of the earlier ones (sealed, text-free state): "he's back" after a disclosure is critical.
            var (before, stored) = Interlocked.Exchange(ref preloaded, null) is { } first
                ? risks.Open(message.ConversationId, conversation.Severity, first.SealedRisk)
                : await risks.ReadAsync(message.ConversationId, conversation.Severity).ConfigureAwait(false);
            var risk = before.Add(screening, time.GetUtcNow());
            var draft = new MessageEvent(message.ConversationId, 0, message.Channel, language, screening.Severity, risk.Severity,
                risk.Categories, time.GetUtcNow(), underDuress, SmallTalk: smallTalk != SmallTalkKind.None, RequestedHuman: requestedHuman)
            {
                RaisedByContext = risk.RaisedByContext,
                NamesArea = place is not null,
                CoveredBy = coveredBy,
                SharedNetwork = sharedNetwork,
                CaseId = conversation.CaseId,
            };
            return new InboundStep(draft, new MessageFacts(screening.Age, place, risk.Minor, indicators), risks.Replace(message.ConversationId, stored, risk));
        }, message.Text, language != conversation.Language ? language : null, underDuress, message.ConversationId == received.ConversationId ? received.Once : null, cancellationToken,
            knownTail: preloaded?.Tail, leaveRelayed: answersInOneStep, answer: answerInStep, aliasCheck: message.ConversationId == received.ConversationId);
        RecordedMessage? recorded;
        try
        {
            recorded = await recording.ConfigureAwait(false);
        }
        catch (ConversationMovedException) when (received.Once is null)
        {
            return await ReceiveMovedAsync(received, cancellationToken).ConfigureAwait(false);
        }
        if (recorded is null) return new FlowOutcome(screening, conversation.Severity, BotReplied: false, OperatorHolds: false) { Duplicate = true };
        // The event is on hl:events; the bot's answer removes it from the conversation's outbox in its own step.
        var removed = false;
        try
        {
            (var outcome, removed) = await AnswerStoredAsync(conversation, message, route, screening, recorded, recorded.AnswerTurn is null ? null : inStep,
                smallTalk, requestedHuman, sharedNetwork, language, received.Quiet, cancellationToken).ConfigureAwait(false);
            return outcome;
        }
        finally
        {
            if (!removed && recorded.Relayed is { } relayed) await ForgetRelayedAsync(message.ConversationId, relayed).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The channel conversation continues another after all (its alias was set without the hash's mark, as an earlier version
    /// does; the step that refused the message marked it): the message goes where the alias leads, as any continued
    /// conversation's. A channel that takes its message's id with the step (<see cref="InboundMessage.Once"/>) is told
    /// instead (<see cref="ConversationMovedException"/>): a continued conversation's message id is taken otherwise.
    /// </summary>
    private async Task<FlowOutcome> ReceiveMovedAsync(InboundMessage received, CancellationToken cancellationToken)
    {
        var continuedIn = await codes.ResolveAsync(received.ConversationId).ConfigureAwait(false);
        // An alias gone since (expired): the channel conversation is the message's own after all.
        var loaded = continuedIn == received.ConversationId ? null : new PreloadedConversation(continuedIn, null);
        return await ReceiveAsync(received with { Loaded = loaded }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The conversation a channel conversation's message goes to, its hash as read saying whether to read its alias.</summary>
    private async Task<string> ResolveAsync(string channelConversationId, Task<ConversationRecord?> loading) =>
        await codes.ContinuedInAsync(channelConversationId, await loading.ConfigureAwait(false)).ConfigureAwait(false) ?? channelConversationId;

    /// <summary>Removes an event already relayed from the conversation's outbox; if Redis does not answer, the sweep relays it once more.</summary>
    private async Task ForgetRelayedAsync(string conversationId, string relayed)
    {
        try
        {
            await events.RemoveAsync(conversationId, relayed).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            logger.LogWarning(e, "A relayed event stays in its conversation's outbox; the sweep relays it again");
        }
    }

    /// <summary>
    /// The bot's answer to a message just stored (none while an operator holds the conversation, or over the sender's
    /// limit); whether its step also removed the message's relayed event from the outbox.
    /// </summary>
    private async Task<(FlowOutcome Outcome, bool RemovedRelayed)> AnswerStoredAsync(ConversationRecord conversation, InboundMessage message, ConversationRoute route, ScreeningResult screening,
        RecordedMessage recorded, ChannelAnswer? kept, SmallTalkKind smallTalk, bool requestedHuman, bool sharedNetwork, Language language, bool quiet, CancellationToken cancellationToken)
    {
        var (entry, severity) = (recorded.Entry, recorded.ConversationSeverity);
        // Asked first: the call itself formats its arguments and looks its template up, on every message, even when nothing is logged.
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Screened message {Sequence} of a {Channel} conversation: {Severity}", entry.Sequence, message.Channel.ToWire(), screening.Severity.ToWire());
        }

        if (conversation.Operator is not null || quiet) return (new FlowOutcome(screening, severity, BotReplied: false, OperatorHolds: conversation.Operator is not null), false);

        bool removed;
        try
        {
            // Kept with the message, its turn taken, and queued by the recorder before the event was relayed.
            if (kept is not null && recorded.AnswerTurn is not null) return (new FlowOutcome(screening, severity, BotReplied: recorded.AnswerQueued, OperatorHolds: false), false);
            var answer = (await WordsAsync(conversation, message, screening.Severity, severity, recorded.UnderDuress, smallTalk, requestedHuman, sharedNetwork, language,
                mayMakeCode: true).ConfigureAwait(false))!;
            removed = await SayAsync(message.ConversationId, route, answer, recorded, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            // The message is stored with its event and reaches its case, so the request must succeed (a retry would store
            // it twice); only the bot's answer is missing, and the person is told nothing untrue.
            logger.LogError(e, "Message {Sequence} of a {Channel} conversation is stored; the bot's answer could not be stored or sent", entry.Sequence, message.Channel.ToWire());
            return (new FlowOutcome(screening, severity, BotReplied: false, OperatorHolds: false), false);
        }
        return (new FlowOutcome(screening, severity, BotReplied: true, OperatorHolds: false), removed);
    }

    /// <summary>
    /// The bot's answer to a message in a conversation at <paramref name="severity"/> after it, duress on or not; null when
    /// the words need a new case code and <paramref name="mayMakeCode"/> is false (making one is a write of its own).
    /// </summary>
    private async Task<string?> WordsAsync(ConversationRecord conversation, InboundMessage message, Severity messageSeverity, Severity severity, bool underDuress,
        SmallTalkKind smallTalk, bool requestedHuman, bool sharedNetwork, Language language, bool mayMakeCode)
    {
        // After a case was released or closed, the new case opens at the new message's own severity (as the router does).
        var effective = conversation.CaseId is null && conversation.PreviousCaseId is not null ? messageSeverity : severity;
        var needsCode = effective >= Severity.High && conversation.CaseCodeLookup is null;
        if (needsCode && !mayMakeCode) return null;
        var answer = await AnswerAsync(conversation, message.Text, effective, smallTalk, requestedHuman, sharedNetwork, language).ConfigureAwait(false);
        if (needsCode && await codes.NewForAsync(message.ConversationId).ConfigureAwait(false) is { } code)
        {
            answer = BotTexts.WithCaseCode(answer, code, language);
        }
        return underDuress ? DuressDetector.InnocentReply(language) : answer;
    }

    /// <summary>
    /// What the bot says, true of this moment: the message has just opened a case (the router opens it from the event
    /// already published), or joins one already waiting, or is small talk with no case.
    /// </summary>
    private async Task<string> AnswerAsync(ConversationRecord conversation, string text, Severity effective, SmallTalkKind smallTalk, bool requestedHuman, bool sharedNetwork, Language language)
    {
        // The case is read only where its severity or place change the words; otherwise its link on the conversation says
        // whether one is waiting (a close or release removes the link).
        var waiting = conversation.CaseId is not null && (effective >= Severity.High || requestedHuman) ? await cases.WaitingAsync(conversation.CaseId).ConfigureAwait(false) : null;
        if (effective >= Severity.High)
        {
            return waiting is not null && waiting.Severity >= Severity.High ? BotTexts.StillComing(language) : BotTexts.Urgent(language);
        }
        if (requestedHuman)
        {
            // The case is (or is about to be) at least medium: its place counts everyone ahead of it in the live queue.
            var at = Max(Max(waiting?.Severity ?? Severity.None, effective), Severity.Medium);
            var place = await cases.PlaceAsync(at, waiting?.OpenedAt ?? time.GetUtcNow(), waiting?.SharedNetwork ?? sharedNetwork).ConfigureAwait(false);
            return BotTexts.HumanRequested(language, place, await waits.TypicalAsync(at).ConfigureAwait(false));
        }
        if (effective <= Severity.Low && ServiceQuestion.Classify(text) is var topic && topic != ServiceTopic.None)
        {
            var online = topic == ServiceTopic.Hours ? (await presence.AllAsync().ConfigureAwait(false)).Count(p => p.Status == PresenceStatus.Online) : 0;
            return BotTexts.AboutService(topic, language, online);
        }
        if (conversation.CaseId is not null) return BotTexts.Noted(language);
        return smallTalk switch
        {
            SmallTalkKind.Greeting => BotTexts.Listening(language),
            SmallTalkKind.Thanks => BotTexts.Welcome(language),
            _ => BotTexts.ForNewCase(effective, language),
        };
    }

    /// <summary>Whether this message would open a case (the router opens one for anything but small talk alone).</summary>
    private static bool OpensCase(ScreeningResult screening, string text) =>
        screening.Severity > Severity.None || HumanRequest.IsRequest(text)
        || (SmallTalk.Classify(text) == SmallTalkKind.None && Keywords.Classify(text).Kind == KeywordKind.None);

    private static Severity Max(Severity a, Severity b) => a > b ? a : b;

    public async Task SignalTypingAsync(string conversationId, Channel channel, CancellationToken cancellationToken)
    {
        var route = await RouteAsync(conversationId, channel).ConfigureAwait(false);
        if (byChannel.TryGetValue(route.Channel, out var delivery)) await delivery.SignalTypingAsync(route.ChannelConversationId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Says something to the person, wherever they are now (the channel they continued on, if they gave the case code
    /// elsewhere), and keeps it, sealed, in the transcript.
    /// </summary>
    public async Task SayAsync(string conversationId, Channel channel, Speaker speaker, string text, CancellationToken cancellationToken)
    {
        if (speaker == Speaker.Bot)
        {
            await transcripts.AppendAsync(conversationId, Author.Bot, null, text, cancellationToken).ConfigureAwait(false);
        }
        await DeliverAsync(await RouteAsync(conversationId, channel).ConfigureAwait(false), speaker, text, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The bot's answer to a message just stored: the route, the transcript's tail and the team key are known. A channel
    /// that can keeps the answer and queues it in one step on the conversation's slot, which also removes the message's
    /// relayed event from the outbox (returns true then).
    /// </summary>
    private async Task<bool> SayAsync(string conversationId, ConversationRoute route, string text, RecordedMessage stored, CancellationToken cancellationToken)
    {
        if (route.ChannelConversationId == conversationId && byChannel.TryGetValue(route.Channel, out var delivery)
            && await delivery.AnswerInOneStepAsync(conversationId, text, new AnswerStep(stored.Entry, stored.TeamPublicKey, stored.Relayed), cancellationToken).ConfigureAwait(false))
        {
            return stored.Relayed is not null;
        }
        await transcripts.AppendAsync(conversationId, Author.Bot, null, text, cancellationToken, knownTail: stored.Entry, teamPublicKey: stored.TeamPublicKey).ConfigureAwait(false);
        await DeliverAsync(route, Speaker.Bot, text, cancellationToken).ConfigureAwait(false);
        return false;
    }

    /// <summary>An operator's reply, on the conversation's route: how far it got (for the console beside the reply).</summary>
    public async Task<ReplyState> SayReplyAsync(string conversationId, Channel channel, string text, ReplyRef reply, CancellationToken cancellationToken)
    {
        var route = await RouteAsync(conversationId, channel).ConfigureAwait(false);
        return await DeliveryFor(route).DeliverReplyAsync(route.ChannelConversationId, text, reply, cancellationToken).ConfigureAwait(false);
    }

    private Task DeliverAsync(ConversationRoute route, Speaker speaker, string text, CancellationToken cancellationToken) =>
        DeliveryFor(route).DeliverAsync(route.ChannelConversationId, speaker, text, cancellationToken);

    private IChannelDelivery DeliveryFor(ConversationRoute route) => byChannel.TryGetValue(route.Channel, out var delivery)
        ? delivery
        : throw new InvalidOperationException($"No delivery is configured for channel {route.Channel.ToWire()}");

    private async Task<ConversationRoute> RouteAsync(string conversationId, Channel channel) =>
        (await conversations.GetAsync(conversationId).ConfigureAwait(false))?.Route ?? new ConversationRoute(channel, conversationId);

    /// <summary>A message that is a case code continues the code's conversation here; anything else is not handled.</summary>
    private async Task<FlowOutcome?> TryContinueAsync(InboundMessage message, ScreeningResult screening, CancellationToken cancellationToken)
    {
        var (outcome, target) = await codes.TryRedeemAsync(message.ConversationId, message.Channel, message.Text, message.Source).ConfigureAwait(false);
        switch (outcome)
        {
            case CodeRedemption.MoveRequested:
            case CodeRedemption.AlreadyRequested:
                var continued = (await conversations.GetAsync(target!).ConfigureAwait(false))!;
                var language = continued.Language != Language.Other ? continued.Language : screening.Language;
                if (outcome == CodeRedemption.MoveRequested)
                {
                    // Nothing moves yet. Where the conversation is now, the person hears of it at once: if it was not them, they can say so.
                    await SayAsync(target!, continued.Channel, Speaker.Bot, BotTexts.MoveRequested(language), cancellationToken).ConfigureAwait(false);
                    await transcripts.AppendAsync(target!, Author.Bot, null, BotTexts.MoveRequestedNote(message.Channel), cancellationToken).ConfigureAwait(false);
                    // Through the conversation's outbox, like a message's event: the console hears of the request even if this process dies now.
                    var moved = new MessageEvent(target!, 0, message.Channel, language, Severity.None, continued.Severity, [], time.GetUtcNow(), SmallTalk: true);
                    await events.PublishAsync(target!, moved.ToFields()).ConfigureAwait(false);
                    logger.LogInformation("A case code was given on {Channel}; the move waits for the operator", message.Channel.ToWire());
                }
                await SayAsync(message.ConversationId, message.Channel, Speaker.Bot, BotTexts.MoveOnHold(language), cancellationToken).ConfigureAwait(false);
                return new FlowOutcome(screening, Severity.None, BotReplied: true, OperatorHolds: false);
            case CodeRedemption.Unknown:
            case CodeRedemption.TooManyAttempts:
                var conversation = await conversations.GetAsync(message.ConversationId).ConfigureAwait(false);
                await SayAsync(message.ConversationId, message.Channel, Speaker.Bot, BotTexts.CodeNotRecognised(screening.Language), cancellationToken).ConfigureAwait(false);
                return new FlowOutcome(screening, conversation?.Severity ?? Severity.None, BotReplied: true, OperatorHolds: false);
            default:
                return null;
        }
    }
}
