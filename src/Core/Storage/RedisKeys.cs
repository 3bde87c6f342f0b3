namespace Hotline.Core.Storage;

/// <summary>
/// The Redis key schema. Every key of one conversation shares the hash tag {c:ID}, and every key of one case
/// shares {k:ID}, so multi-key scripts stay on one slot and the same code runs on a Redis Cluster.
/// The team's keys (accounts, the team key and its chain, signing keys, presence, units) share {team}: an account, a
/// removal or a team key rotation changes several of them in one transaction.
/// Each service's Redis user may touch only the patterns infra/redis-users.acl gives it: a new key needs its line there.
/// </summary>
public static class RedisKeys
{
    public static string Conversation(string conversationId) => $"hl:{{c:{conversationId}}}:conv";
    public static string Transcript(string conversationId) => $"hl:{{c:{conversationId}}}:transcript";
    /// <summary>The conversation's data keys, each sealed to the team key (id → sealed key): deleting it shreds the transcript.</summary>
    public static string TranscriptKeys(string conversationId) => $"hl:{{c:{conversationId}}}:keys";
    public static string Delivery(string conversationId) => $"hl:{{c:{conversationId}}}:delivery";
    public static string Address(string conversationId) => $"hl:{{c:{conversationId}}}:address";
    /// <summary>
    /// A conversation's own outbox of events not yet on <see cref="Events"/>: written in the same script as the message,
    /// on the conversation's slot, so a stored message always has its event, on one Redis or a Redis Cluster.
    /// </summary>
    public static string EventOutbox(string conversationId) => $"hl:{{c:{conversationId}}}:events";
    /// <summary>What SCAN matches to find every conversation's event outbox (braces are literal in Redis glob patterns).</summary>
    public const string EventOutboxPattern = "hl:{c:*}:events";
    /// <summary>
    /// The conversations whose event outbox may hold an event (member: the conversation id; score: when its oldest event
    /// was written, unix ms), one per Redis primary, under a hash tag chosen to hash to the first slot that primary serves
    /// (<see cref="Events.OutboxIndex"/>): the script that fills an outbox adds it on the same node, and the sweep reads
    /// these instead of scanning the keyspace. No text; the ids are those the conversation's own key names carry.
    /// </summary>
    public static string EventOutboxIndex(string tag) => $"hl:{{ob:{tag}}}:outboxes";
    /// <summary>What an outbox index's key looks like, as a pattern (<see cref="IdIn"/> gives its tag).</summary>
    public const string EventOutboxIndexPattern = "hl:{ob:*}:outboxes";
    /// <summary>
    /// What the outboxes' full sweep's SCAN matches: every <see cref="EventOutboxPattern"/> and <see cref="EventOutboxIndexPattern"/>
    /// key in one pass (a tag starting 'c' or 'o', a name after it starting 'e' or 'o'); the sweep tells them apart by
    /// those patterns and passes over anything else the glob lets through.
    /// </summary>
    public const string EventOutboxOrIndexPattern = "hl:{[co]*}:[eo]*";
    /// <summary>
    /// What a conversation's deletion still has to do on other slots (its case code, the chat it moved to, its entries on
    /// the shared streams, the Twilio messages to delete), written in the step that deletes the conversation and removed
    /// once that is done (<see cref="Transcripts.ConversationDeletion"/>): no ids of a person, only keyed hashes and ids.
    /// </summary>
    public static string DeletionRemainder(string conversationId) => $"hl:{{c:{conversationId}}}:deleting";
    /// <summary>Conversations whose deletion has begun and not yet ended (field: conversation id, value: "kind:unix ms"), written first.</summary>
    public const string ConversationDeletions = "hl:conversations:deleting";
    /// <summary>
    /// Conversations whose deletion began lately (member: the id; score: the hour it began, as the tombstone keeps), noted
    /// before each deletion's step (expiry's only once its guard would delete) and kept a day: a sender asks it for several
    /// conversations in one command before it posts, and the tombstone only for those in it.
    /// </summary>
    public const string ConversationsDeleted = "hl:conversations:deleted";
    /// <summary>The conversation's risk state, sealed by the Bot (never in clear).</summary>
    public static string ConversationRisk(string conversationId) => $"hl:{{c:{conversationId}}}:risk";
    /// <summary>Operators' ratings beside the screener's, per case, without text: the agreement figures.</summary>
    public const string ScreeningRatings = "hl:screening:ratings";
    /// <summary>
    /// The id a key found by SCAN holds where its pattern has its one "*" (<see cref="CasePattern"/>,
    /// <see cref="ConversationPattern"/>, <see cref="EventOutboxPattern"/>), or null when the key is not of that pattern.
    /// </summary>
    public static string? IdIn(string key, string pattern)
    {
        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        var (prefix, suffix) = (pattern[..star], pattern[(star + 1)..]);
        return key.Length > prefix.Length + suffix.Length && key.StartsWith(prefix, StringComparison.Ordinal) && key.EndsWith(suffix, StringComparison.Ordinal)
            ? key[prefix.Length..^suffix.Length]
            : null;
    }

    public static string Case(string caseId) => $"hl:{{k:{caseId}}}:case";
    public static string Dedupe(string scope, string id) => $"hl:dedupe:{scope}:{id}";
    /// <summary>A channel conversation that continues another conversation (the person gave its case code).</summary>
    public static string Alias(string channelConversationId) => $"hl:{{c:{channelConversationId}}}:alias";
    /// <summary>Failed case-code attempts from one channel conversation (limits guessing).</summary>
    public static string CodeAttempts(string channelConversationId) => $"hl:{{c:{channelConversationId}}}:code-attempts";
    /// <summary>A case code's conversation, named by the code's keyed hash (<see cref="Conversations.CaseCodeKey.LookupOf"/>), never the code.</summary>
    public static string CaseCode(string lookup) => $"hl:code:{lookup}";
    /// <summary>What SCAN matches to find every case code key (the migration from codes named in clear).</summary>
    public const string CaseCodePattern = "hl:code:*";
    /// <summary>Set once every case code stored in clear has been replaced by its keyed hash.</summary>
    public const string CaseCodesMigrated = "hl:codes:migrated";

    /// <summary>Set once the risk states and duress marks kept as keys of their own are fields of their conversations.</summary>
    public const string ConversationStateMoved = "hl:conv-state:moved";
    /// <summary>What SCAN matches to find every conversation's hash.</summary>
    public const string ConversationPattern = "hl:{c:*}:conv";
    /// <summary>Failed case-code tries from one source (a keyed hash of a network address, or a pseudonymous sender) in a day.</summary>
    public static string CodeFailuresFrom(string sourceHash) => $"hl:codes:failed:{sourceHash}";
    /// <summary>Failed case-code tries across the service in the hour that holds <paramref name="now"/>.</summary>
    public static string CodeFailuresOverall(DateTimeOffset now) => $"hl:codes:failed-all:{now.UtcDateTime:yyyyMMddHH}";

    public const string Events = "hl:events";
    /// <summary>Pub/sub: a person is typing in a conversation (the message is the conversation id; nothing else).</summary>
    public const string PersonTyping = "hl:typing";
    public const string Outbox = "hl:outbox";
    /// <summary>Each operator reply's delivery state (field: transcript sequence; value: sending, sent, delivered, read, ...).</summary>
    public static string ReplyStates(string conversationId) => $"hl:{{c:{conversationId}}}:replies";
    /// <summary>A channel's handle for an operator reply (a Twilio SID, a web chat activity id) → "conversation|sequence".</summary>
    public static string ReplyHandle(string handle) => $"hl:reply:{handle}";
    /// <summary>Pub/sub: a reply's delivery state moved ("conversation|sequence|state"; no text).</summary>
    public const string ReplyStateChanged = "hl:replies";
    public const string Notifications = "hl:notify";
    public const string Queue = "hl:queue";
    // The queue's companions carry the tag {hl:queue}: a key without braces hashes whole, so these share hl:queue's slot and
    // one script changes the queue and them together on a Redis Cluster (Cases.CaseQueue).
    /// <summary>Who holds each claimed case (field: case id, value: "username|change number").</summary>
    public const string QueueHeld = "hl:{hl:queue}:held";
    /// <summary>How many cases each operator holds (field: username, value: count), for routing's load without reading every case.</summary>
    public const string QueueLoad = "hl:{hl:queue}:load";
    /// <summary>The place each waiting case's person was last told and when (field: case id, value: "place|unix ms").</summary>
    public const string QueueTold = "hl:{hl:queue}:told";
    /// <summary>Cases closed lately (member: case id, score: unix ms), so that a late index step of their claim is ignored.</summary>
    public const string QueueLeft = "hl:{hl:queue}:left";
    public const string ActiveCases = "hl:cases:active";
    /// <summary>Case ids by the time they closed (ids only), for the console's "recently closed" list.</summary>
    public const string ClosedCases = "hl:cases:closed";
    /// <summary>Case ids by the time they opened (ids only), for the monthly statistics.</summary>
    public const string OpenedCases = "hl:cases:opened";
    /// <summary>Cases whose stripping has begun and not yet ended (field: case id, value: "kind:unix ms"), written first.</summary>
    public const string CaseDeletions = "hl:cases:deleting";
    /// <summary>Closed cases by the time their retention ends (ids only): the Triage worker deletes each then (<see cref="Cases.CaseRetention"/>).</summary>
    public const string RetentionDue = "hl:cases:retention";
    /// <summary>
    /// How far the one-time walk over every case hash has come (field: a primary's endpoint, value: its SCAN cursor, "end"
    /// once round; field "done" once every primary is), scheduling cases closed before retention existed.
    /// </summary>
    public const string RetentionBackfill = "hl:cases:retention:backfill";
    /// <summary>What SCAN matches to find every case's hash (the retention backfill).</summary>
    public const string CasePattern = "hl:{k:*}:case";

    // The team's keys, all under the one hash tag {team}.
    public const string TeamKey = "hl:{team}:keys:team";
    /// <summary>Pub/sub: the team key record changed (the message is its version): services forget the record they keep.</summary>
    public const string TeamKeyChanged = "hl:{team}:keys:team:changed";
    /// <summary>Each retired team private key, sealed to the team key that replaced it (field: the retired version).</summary>
    public const string TeamKeyChain = "hl:{team}:keys:team:chain";
    /// <summary>Every operator's signing public key and the team's certificate of it (field: username), kept after removal with its time.</summary>
    public const string OperatorSigningKeys = "hl:{team}:keys:operators";
    public static string Operator(string username) => $"hl:{{team}}:operator:{username}";
    public const string Operators = "hl:{team}:operators";
    public const string Presence = "hl:{team}:presence";
    public static string Unit(string unitName) => $"hl:{{team}}:unit:{unitName}";
    public const string Units = "hl:{team}:units";

    /// <summary>The server secret that makes prelogin's stand-in parameters for unknown names stable.</summary>
    public const string PreloginSecret = "hl:keys:prelogin";
    public const string BotKey = "hl:keys:bot";
    public static string Session(string tokenHash) => $"hl:session:{tokenHash}";

    /// <summary>Pub/sub channel that wakes a stream's consumers at once instead of waiting for their next poll.</summary>
    public static string Wake(string stream) => stream + ":wake";

    // Routing, console, dispatch and audit (issue 6). Case-scoped keys share the case's hash tag.
    public static string CaseTimeline(string caseId) => $"hl:{{k:{caseId}}}:timeline";
    public static string CaseNotes(string caseId) => $"hl:{{k:{caseId}}}:notes";
    /// <summary>A case's sealed facts (<see cref="Cases.MessageFacts"/>), one field per transcript entry, and one for the area an operator recorded.</summary>
    public static string CaseFacts(string caseId) => $"hl:{{k:{caseId}}}:facts";
    public static string CaseRecordFields(string caseId) => $"hl:{{k:{caseId}}}:record";
    public static string Dispatch(string caseId) => $"hl:{{k:{caseId}}}:dispatch";
    public static string Approval(string approvalId) => $"hl:approval:{approvalId}";
    /// <summary>Failed sign-ins from one network address (keyed by a keyed hash of it, never the address).</summary>
    public static string SignInFailures(string addressHash) => $"hl:signin:failures:{addressHash}";
    /// <summary>A recipient's merged staff alerts in the current window (count, critical), and when each window ends.</summary>
    public static string NoticeMerge(string recipient) => $"hl:{{notices}}:merge:{recipient}";
    public const string NoticeMergeWindows = "hl:{notices}:windows";

    /// <summary>Present while the Redis memory alert was sent lately (expires after the repeat interval), across Triage workers.</summary>
    public const string RedisMemoryAlert = "hl:{notices}:alert:redis-memory";

    /// <summary>Web chat conversations of one network address (its keyed hash) whose cases rank as usual, lately (within its case budget).</summary>
    public static string CaseBudget(string addressHash) => $"hl:budget:{addressHash}";
    /// <summary>
    /// A rate limit's count in its current window, shared by every Bot: the policy (starts, posts, sms), the partition (a
    /// keyed hash of an address or sender, or a conversation id) and the limit itself, so a changed limit starts afresh.
    /// </summary>
    public static string RateWindow(string policy, string partition, int permits, TimeSpan window) =>
        $"hl:rate:{{{policy}:{partition}}}:{permits}:{(long)window.TotalSeconds}";
    public static string ConversationFlag(string conversationId, string flag) => $"hl:{{c:{conversationId}}}:flag:{flag}";

    /// <summary>Due times of cases' next escalation step (score: unix ms).</summary>
    public const string Deadlines = "hl:deadlines";
    /// <summary>When the operator a waiting case is offered to must have claimed it, or it goes to the next (member: case id, score: unix ms).</summary>
    public const string OfferDeadlines = "hl:offers";
    /// <summary>When the person last wrote in each waiting case's conversation (member: case id, score: unix ms), for closing idle ones.</summary>
    public const string IdleCases = "hl:idle";
    /// <summary>
    /// When a staff console last fetched each case's detail or transcript (member: case id, score: unix ms): the cases a
    /// console may be showing, whose transcript must be refreshed live (<see cref="Cases.CaseViews"/>).
    /// </summary>
    public const string ViewedCases = "hl:viewed";
    /// <summary>Due times of dispatches waiting for a unit's acknowledgement (member: case id, score: unix ms).</summary>
    public const string DispatchDeadlines = "hl:dispatch:deadlines";
    public const string PresenceConnections = "hl:presence:connections";
    public const string Surge = "hl:surge";
    public const string CannedAnswers = "hl:canned";
    public const string Approvals = "hl:approvals";
    /// <summary>Outbound notices (SMS/WhatsApp to staff: on-call supervisor, mobile units) for a channel sender to deliver.</summary>
    public const string Notices = "hl:notices";
    /// <summary>
    /// The hour's aggregates of the Hotline meter's instruments the dashboard reads (<see cref="Telemetry.MetricHistory"/>):
    /// field "instrument|tags|stat", numbers only; expires after <see cref="Telemetry.MetricHistory.Kept"/>.
    /// </summary>
    public static string HistoryHour(DateTimeOffset at) => $"hl:history:h:{at.UtcDateTime:yyyyMMddHH}";
    /// <summary>The same aggregates for the whole day (without the per-minute gauge readings), for the bot's wait quote.</summary>
    public static string HistoryDay(DateTimeOffset at) => $"hl:history:d:{at.UtcDateTime:yyyyMMdd}";
    /// <summary>Critical cases an operator claimed (member: case id, score: unix ms), for the wellbeing view.</summary>
    public static string CriticalClaims(string username) => $"hl:wellbeing:{username}:critical";
    public static string DispatchCode(string code) => $"hl:dispatch:code:{code}";
    public static string UnitDispatches(string unitName) => $"hl:unit:{unitName}:dispatches";
    public const string AuditLog = "hl:{audit}:log";
    public const string AuditHead = "hl:{audit}:head";
    /// <summary>The audit chain's head as the Operator service signed it from time to time (JSON per item: count, head, at, signer, sig).</summary>
    public const string AuditSignedHeads = "hl:{audit}:signed";

    /// <summary>The latest audit head each supervisor's console countersigned (field: username, value: JSON with their signature).</summary>
    public const string AuditCountersignedHeads = "hl:{audit}:countersigned";

    /// <summary>
    /// The Operator service's signature over the audit entries an earlier version wrote with exact times, whose times it
    /// coarsened to the hour (JSON as a signed head: count, head (their digest), at 0, signer, sig): their links hold, their hashes cover the exact times.
    /// </summary>
    public const string AuditCoarsened = "hl:{audit}:coarsened";
}
