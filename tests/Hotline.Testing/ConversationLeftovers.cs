using System.Text;

namespace Hotline.Testing;

/// <summary>
/// What a deleted conversation leaves in Redis, as the inspector user sees every key. Before the deletion,
/// <see cref="Capture"/> takes what only that conversation holds (every value of its own keys: sealed entries, the
/// delivery copy, the sealed address, the risk state; its case code; its case's notes and sealed facts); after it,
/// <see cref="Find"/> lists everything of it still there beyond what the deletion says it keeps: the conversation's
/// tombstone fields and the case's routing facts and timeline.
/// </summary>
public sealed class ConversationLeftovers
{
    private readonly string conversationTag;
    private readonly string? caseTag;
    private readonly List<(string Where, string Value)> secrets = [];

    private ConversationLeftovers(string conversationId, string? caseId)
    {
        conversationTag = "{c:" + conversationId + "}";
        caseTag = caseId is null ? null : "{k:" + caseId + "}";
    }

    /// <param name="caseCode">The conversation's case code, if it has one.</param>
    public static ConversationLeftovers Capture(RedisDump before, string conversationId, string? caseId, string? caseCode)
    {
        var leftovers = new ConversationLeftovers(conversationId, caseId);
        foreach (var entry in before.Entries)
        {
            // Twilio's message ids are what the deletion at Twilio works from: kept (with their duplicate guards) until Twilio confirms it.
            var own = entry.Key.Contains(leftovers.conversationTag, StringComparison.Ordinal) && !entry.Key.EndsWith(":conv", StringComparison.Ordinal)
                && !entry.Key.EndsWith(":twilio:sids", StringComparison.Ordinal);
            var caseData = leftovers.caseTag is not null && entry.Key.Contains(leftovers.caseTag, StringComparison.Ordinal)
                && (entry.Key.EndsWith(":notes", StringComparison.Ordinal) || entry.Key.EndsWith(":facts", StringComparison.Ordinal));
            if (!own && !caseData) continue;
            foreach (var part in entry.Parts)
            {
                var value = Encoding.UTF8.GetString(part.Value);
                // Long values only: a sealed entry, a blob, a position list; never a bare number that anything may hold.
                if (value.Length >= 12) leftovers.secrets.Add((entry.Key, value));
            }
        }
        if (caseCode is not null) leftovers.secrets.Add(("the case code", caseCode));
        return leftovers;
    }

    /// <summary>How many values were captured (a test checks there was something to delete).</summary>
    public int Captured => secrets.Count;

    /// <summary>Everything of the conversation still in Redis beyond what the deletion keeps; empty when the deletion is complete.</summary>
    public IReadOnlyList<string> Find(RedisDump after, IReadOnlyCollection<string> tombstoneFields, IReadOnlyCollection<string> identifyingCaseFields)
    {
        var found = new List<string>();
        foreach (var entry in after.Entries)
        {
            if (entry.Key.Contains(conversationTag, StringComparison.Ordinal))
            {
                if (!entry.Key.EndsWith(":conv", StringComparison.Ordinal)) found.Add($"{entry.Location} still exists");
                else found.AddRange(entry.Parts.Where(p => p.Name is not null && !tombstoneFields.Contains(Encoding.UTF8.GetString(p.Name)))
                    .Select(p => $"{entry.Location} still has field {Encoding.UTF8.GetString(p.Name!)}"));
            }
            if (caseTag is not null && entry.Key.Contains(caseTag, StringComparison.Ordinal))
            {
                if (entry.Key.EndsWith(":case", StringComparison.Ordinal))
                {
                    found.AddRange(entry.Parts.Where(p => p.Name is not null && identifyingCaseFields.Contains(Encoding.UTF8.GetString(p.Name)))
                        .Select(p => $"{entry.Location} still has field {Encoding.UTF8.GetString(p.Name!)}"));
                }
                else if (!entry.Key.EndsWith(":timeline", StringComparison.Ordinal) && !entry.Key.EndsWith(":dispatch", StringComparison.Ordinal))
                {
                    found.Add($"{entry.Location} still exists");
                }
            }
            var text = entry.Text + "\n" + entry.Key;
            found.AddRange(secrets.Where(s => text.Contains(s.Value, StringComparison.Ordinal)).Select(s => $"{entry.Location} still holds a value of {s.Where}"));
        }
        return found;
    }
}
