using System.Globalization;
using System.Text.RegularExpressions;
using StackExchange.Redis;

namespace Hotline.EndToEnd.Tests;

/// <summary>
/// Someone with Redis access reads every key after a working conversation (a person writes, an operator claims, replies,
/// writes a note, changes presence; the person answers) for the exact times those actions happened: a Unix time in
/// milliseconds or seconds, a stream id, a sorted set's score or an ISO date inside the conversation's minutes that is not
/// the start of an hour. The audit log holds none; every other key that holds one is one docs/THREAT_MODEL.md lists
/// ("Times") as live routing or working data, and none outside that list.
/// </summary>
[Collection(HotlineCollection.Name)]
public sealed partial class ExactTimesInRedisTests(HotlineStack stack) : IAsyncLifetime
{
    public Task InitializeAsync() => stack.ResetTeamAsync();

    public Task DisposeAsync() => stack.ResetTeamAsync();

    /// <summary>Where an exact time may stay, and why (docs/THREAT_MODEL.md, "Times"): key pattern → its parts that hold one.</summary>
    private static readonly string[] Kept =
    [
        // A live conversation, its transcript (each entry's time is bound into its signature), its case and timeline: the
        // operators read them; once the conversation is deleted, the case keeps hours (CoarseTimesTests).
        "hl:{c:*}:conv createdAt", "hl:{c:*}:transcript (value)", "hl:{k:*}:case openedAt", "hl:{k:*}:case claimedAt", "hl:{k:*}:timeline (value)",
        // A case closed meanwhile (the stack is shared: an earlier test's case may close by idle time in this window): its
        // close time and its place in the closed list, exact until its conversation is deleted (then the hour), and the
        // queue's short memory of cases just closed, so that a late claim step is ignored.
        "hl:{k:*}:case closedAt", "hl:cases:closed (score)", "hl:{hl:queue}:left (score)",
        // The outbox index (on a Redis Cluster, or when hl:events refused an event): a conversation whose outbox held an
        // event lately, by when that event was written, until the sweep after it left (seconds).
        "hl:{ob:*}:outboxes (score)",
        // Routing deadlines, left when the case closes.
        "hl:idle (score)",
        // Abuse limits: the web chat case budget of a network address (a keyed hash), expiring with its window.
        "hl:budget:* (score)",
        // The operator's own session (it locks after inactivity), presence (shift and break, for the pause advice) and
        // critical claims within their day (ExactTimesAtRestTests).
        "hl:session:* (value)", "hl:{team}:presence *", "hl:wellbeing:*:critical (score)",
    ];

    [Fact]
    public async Task After_a_conversation_no_exact_time_is_in_the_audit_log_and_the_others_are_the_listed_routing_data()
    {
        var from = DateTimeOffset.UtcNow.AddSeconds(-2).ToUnixTimeMilliseconds();
        var api = await stack.SignInAsync();
        using var visitor = await stack.StartWebChatAsync();
        (await visitor.SayAsync("He is hitting me right now and I am scared, please help me")).EnsureSuccessStatusCode();
        var caseId = (await WebChatToOperatorTests.WaitForCaseAsync(api, visitor.ConversationId, TimeSpan.FromSeconds(30))).GetProperty("id").GetString()!;
        (await api.PostAsync($"/api/cases/{caseId}/claim", null)).EnsureSuccessStatusCode();
        const string Reply = "I am here with you now. Are you somewhere safe to write?";
        (await api.PostAsJsonAsync($"/api/cases/{caseId}/messages", new { text = Reply })).EnsureSuccessStatusCode();
        await visitor.WaitForBotMessageAsync(t => t == Reply, TimeSpan.FromSeconds(30));
        (await visitor.SayAsync("yes I locked the bathroom door")).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("/api/me/presence", new { status = "away" })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("/api/me/presence", new { status = "online" })).EnsureSuccessStatusCode();
        (await api.GetAsync($"/api/cases/{caseId}/transcript")).EnsureSuccessStatusCode();
        await Task.Delay(1_000);
        var until = DateTimeOffset.UtcNow.AddSeconds(2).ToUnixTimeMilliseconds();

        // The streams between the services (hl:events, hl:outbox, hl:notify, hl:notices, hl:twilio:*) keep an entry, and the
        // exact time its id tells, only until it is handled: deleted then, or trimmed with the next claim round (every 15 s).
        await using (var redis = await stack.Redis.ConnectAsync())
        {
            var streams = new[] { RedisKeys.Events, RedisKeys.Outbox, RedisKeys.Notifications };
            var quiet = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < quiet && (await Task.WhenAll(streams.Select(k => redis.GetDatabase().StreamLengthAsync(k)))).Any(n => n > 0)) await Task.Delay(250);
        }
        var dump = await stack.Redis.AllKeysAndValuesAsync();
        var found = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in dump.Entries)
        {
            foreach (var part in entry.Parts)
            {
                var text = System.Text.Encoding.UTF8.GetString(part.Value);
                var name = part.Name is { } n ? System.Text.Encoding.UTF8.GetString(n) : null;
                var where = entry.Type switch
                {
                    RedisType.SortedSet => "(score)",
                    RedisType.Hash or RedisType.Stream when name is not null => name.EndsWith("At", StringComparison.Ordinal) || name == "at" ? name : "*",
                    RedisType.Stream => "(stream id)",
                    _ => "(value)",
                };
                if (ExactTime(text, from, until) is { } at) found.TryAdd($"{Pattern(entry.Key)} {where}", at);
                if (name is not null && ExactTime(name, from, until) is { } inName) found.TryAdd($"{Pattern(entry.Key)} (member or field)", inName);
            }
        }
        Assert.DoesNotContain(found.Keys, k => k.StartsWith("hl:{audit}", StringComparison.Ordinal));
        var unlisted = found.Where(f => !Kept.Contains(f.Key)).Select(f => $"{f.Key} = {f.Value}").ToList();
        Assert.True(unlisted.Count == 0, "exact times outside the listed routing data:\n" + string.Join("\n", unlisted));
    }

    /// <summary>The first exact time within [from, until] the text holds (Unix ms or s, a stream id, an ISO date), not at the start of an hour.</summary>
    private static string? ExactTime(string text, long from, long until)
    {
        foreach (Match m in UnixTime().Matches(text))
        {
            var n = long.Parse(m.Value, CultureInfo.InvariantCulture);
            var ms = m.Value.Length == 10 ? n * 1000 : n;
            if (ms >= from - 1000 && ms <= until && ms % 3_600_000 != 0) return m.Value;
        }
        foreach (Match m in IsoTime().Matches(text))
        {
            if (DateTimeOffset.TryParse(m.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                && at.ToUnixTimeMilliseconds() is var ms && ms >= from - 1000 && ms <= until && ms % 3_600_000 != 0) return m.Value;
        }
        return null;
    }

    /// <summary>A key or field name with its ids replaced by '*': "hl:{c:*}:conv", "hl:session:*".</summary>
    private static string Pattern(string name) => Username().Replace(IdLike().Replace(name, "*"), "*");

    [GeneratedRegex("(?<=^hl:wellbeing:)[^:]+")]
    private static partial Regex Username();

    [GeneratedRegex("(?<![0-9])1[0-9]{9}(?:[0-9]{3})?(?![0-9])")]
    private static partial Regex UnixTime();

    [GeneratedRegex(@"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?(?:Z|[+-][0-9]{2}:[0-9]{2})?")]
    private static partial Regex IsoTime();

    [GeneratedRegex("(?<=\\{[a-z]:)[^}]+|(?<=[:{])[A-Za-z0-9_+/=.-]*[0-9][A-Za-z0-9_+/=.-]*|(?<=[:{])[A-Za-z0-9_+/=-]{16,}")]
    private static partial Regex IdLike();
}
