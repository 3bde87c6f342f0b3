namespace Hotline.Core.Storage;

/// <summary>
/// The Redis key schema. Every key of one conversation shares the hash tag {c:ID}, and every key of one case
/// shares {k:ID}, so multi-key scripts stay on one slot and the same code runs on a Redis Cluster.
/// </summary>
public static class RedisKeys
{
    public static string Conversation(string conversationId) => $"hl:{{c:{conversationId}}}:conv";
    public static string Transcript(string conversationId) => $"hl:{{c:{conversationId}}}:transcript";
    public static string Delivery(string conversationId) => $"hl:{{c:{conversationId}}}:delivery";
    public static string Address(string conversationId) => $"hl:{{c:{conversationId}}}:address";
    public static string Case(string caseId) => $"hl:{{k:{caseId}}}:case";
    public static string Dedupe(string scope, string id) => $"hl:dedupe:{scope}:{id}";

    public const string Events = "hl:events";
    /// <summary>Pub/sub: a person is typing in a conversation (the message is the conversation id; nothing else).</summary>
    public const string PersonTyping = "hl:typing";
    public const string Outbox = "hl:outbox";
    public const string Notifications = "hl:notify";
    public const string Queue = "hl:queue";
    public const string ActiveCases = "hl:cases:active";
    public const string TeamKey = "hl:keys:team";
    public const string BotKey = "hl:keys:bot";
    public static string Operator(string username) => $"hl:operator:{username}";
    public const string Operators = "hl:operators";
    public static string Session(string tokenHash) => $"hl:session:{tokenHash}";

    /// <summary>Pub/sub channel that wakes a stream's consumers at once instead of waiting for their next poll.</summary>
    public static string Wake(string stream) => stream + ":wake";
}
