using Hotline.Core.Storage;

namespace Hotline.Bot.Channels.Twilio;

/// <summary>
/// The channel's Redis keys. A conversation's keys share its hash tag {c:ID}; message SIDs and pseudonyms are not
/// personal data (a SID names a record at Twilio, a pseudonym is a keyed hash of an address nobody can reverse).
/// </summary>
internal static class TwilioKeys
{
    /// <summary>Pseudonym of a sender (channel + address) → the conversation id, with a time-to-live.</summary>
    public static string Sender(string pseudonym) => $"hl:twilio:sender:{pseudonym}";

    /// <summary>
    /// Every message SID of a conversation, both ways, for its deletion to have Twilio delete them. No expiry: it lives as long
    /// as the conversation (<see cref="Hotline.Core.Transcripts.ConversationDeletion.KeysOf"/>).
    /// </summary>
    public static string MessageSids(string conversationId) => $"hl:{{c:{conversationId}}}:twilio:sids";

    /// <summary>Replies held, sealed, while WhatsApp's window is closed; sent when the person writes again.</summary>
    public static string Held(string conversationId) => $"hl:{{c:{conversationId}}}:twilio:held";

    /// <summary>
    /// A conversation's send order as an earlier version kept it (hash: <c>queued</c>, the last turn handed out; <c>sent</c>,
    /// the highest turn done; 7 days): read only while the conversation's hash lacks <see cref="Twilio.SendOrder"/>'s fields.
    /// </summary>
    public static string SendOrder(string conversationId) => $"hl:{{c:{conversationId}}}:twilio:order";

    /// <summary>
    /// One message's delivery state (a JSON string: status, error code, time, conversation id): never its text or its numbers.
    /// </summary>
    public static string MessageState(string messageSid) => $"hl:twilio:state:{messageSid}";

    /// <summary>A message's delivery state as an earlier version kept it (a hash, 30 days): deleted with the message at Twilio.</summary>
    public static string EarlierMessageState(string messageSid) => $"hl:twilio:msg:{messageSid}";

    /// <summary>A webhook delivery already taken (Twilio retries).</summary>
    public static string Inbound(string messageSid) => RedisKeys.Dedupe("twilio", messageSid);

    /// <summary>
    /// One part of a queued reply already accepted by Twilio, so a redelivered queue entry does not send it twice: the key
    /// of a part without a conversation (or of one whose conversation was deleted as Twilio took it), and of parts an earlier
    /// version recorded. A part in a live conversation is marked by <see cref="SentPartMember"/> instead.
    /// </summary>
    public static string SentPart(string outgoingId, int part) => RedisKeys.Dedupe("twilio-out", $"{outgoingId}:{part}");

    /// <summary>
    /// A part of a queued reply already accepted by Twilio, as a member of its conversation's <see cref="MessageSids"/>: added
    /// in the same SADD as the part's SID (no key, no command of its own), and gone with the set. Message SIDs never hold a
    /// ':', these always do (<see cref="Hotline.Core.Transcripts.ConversationDeletion"/> hands only SIDs over for deletion).
    /// </summary>
    public static string SentPartMember(string outgoingId, int part) => $"sent:{outgoingId}:{part}";

    /// <summary>One part of a staff notice (an hl:notices entry) already accepted by Twilio, so a redelivered notice does not send it twice.</summary>
    public static string SentNoticePart(string entryId, int part) => RedisKeys.Dedupe("twilio-notice", $"{entryId}:{part}");

    /// <summary>The replies waiting to be posted to Twilio (a stream read by a consumer group): payloads sealed.</summary>
    public const string Outgoing = "hl:twilio:outgoing";

    /// <summary>Message SIDs to delete at Twilio (score: when to try next, unix ms).</summary>
    public const string PendingDeletions = "hl:twilio:wipe";

    /// <summary>How many deletions of each pending SID were tried.</summary>
    public const string DeletionAttempts = "hl:twilio:wipe:attempts";
}
