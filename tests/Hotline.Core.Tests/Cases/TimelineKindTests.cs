using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;

namespace Hotline.Core.Tests.Cases;

/// <summary>
/// Timeline kinds keep their wire names: entries stored before the kinds became an enum read back as the same kinds and
/// are written again byte for byte; the console's labels and any Lua script speak only of kinds the enum has.
/// </summary>
[Collection(RedisFixture.Collection)]
public sealed partial class TimelineKindTests(RedisFixture redis) : IAsyncLifetime
{
    /// <summary>Every wire name a service wrote before TimelineKind was an enum (then string constants and literals).</summary>
    private static readonly string[] StoredBefore =
    [
        "approval-granted", "approval-requested", "area", "claimed", "closed", "contact-cleared", "deleted", "contact-refused",
        "contact-unavailable", "declined", "dispatch-acknowledged", "dispatch-en-route", "dispatch-arrived", "dispatch-closed",
        "dispatch-confirmed", "dispatch-fallback", "dispatch-proposed", "dispatch-reassigned", "dispatch-sent", "dispatch-unavailable",
        "duress", "escalated", "follow-up", "note", "notice-sent", "notice-undeliverable", "offer lapsed", "offer withdrawn", "offered",
        "opened", "outcome", "place", "raised", "rated", "reassigned", "referral", "released", "requested-person", "surge", "taken over",
        "transferred", "waiting",
    ];

    public Task InitializeAsync() => redis.FlushAllAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void Every_kind_has_its_own_wire_name_and_reads_back_from_it()
    {
        Assert.Equal(StoredBefore.Order(StringComparer.Ordinal), TimelineKindNames.All.Order(StringComparer.Ordinal));
        foreach (var kind in Enum.GetValues<TimelineKind>().Where(k => k != TimelineKind.Unknown)) Assert.Equal(kind, TimelineKindNames.Parse(kind.ToWire()));
    }

    [Fact]
    public async Task Entries_stored_before_read_as_their_kinds_and_are_written_again_byte_for_byte()
    {
        const string caseId = "Kkinds0000001";
        var at = new DateTimeOffset(2026, 12, 5, 21, 0, 0, TimeSpan.Zero);
        // As the string-typed entry was serialised with default options (so "→" is escaped).
        var stored = StoredBefore.Select(wire =>
            $$"""{"at":"2026-12-05T21:00:00+00:00","kind":"{{wire}}","by":"demo","detail":"high\u2192critical"}""").ToArray();
        await redis.Database.ListRightPushAsync(RedisKeys.CaseTimeline(caseId), stored.Select(s => (RedisValue)s).ToArray());

        var timeline = new CaseTimeline(new HotlineRedis(redis.Connection), new FakeTimeProvider(at));
        var read = await timeline.ReadAsync(caseId);

        Assert.Equal(StoredBefore, read.Select(e => e.Kind.ToWire()));
        Assert.All(read, e => Assert.Equal((at, "demo", "high→critical"), (e.At, e.By, e.Detail)));
        Assert.Equal(stored, read.Select(e => JsonSerializer.Serialize(e)));
        Assert.Equal(stored, read.Select(e => timeline.Entry(e.Kind, "demo", "high→critical")));
    }

    [Fact]
    public async Task A_kind_a_newer_version_wrote_reads_as_unknown_keeping_its_name_and_is_written_back_unchanged()
    {
        const string caseId = "Kkinds0000002";
        string[] stored =
        [
            """{"at":"2026-12-05T21:00:00+00:00","kind":"opened","by":null,"detail":"high"}""",
            """{"at":"2026-12-05T21:01:00+00:00","kind":"callback-scheduled","by":"demo","detail":"in 2 h"}""",
            """{"at":"2026-12-05T21:02:00+00:00","kind":"claimed","by":"demo","detail":null}""",
        ];
        await redis.Database.ListRightPushAsync(RedisKeys.CaseTimeline(caseId), stored.Select(s => (RedisValue)s).ToArray());

        var read = await new CaseTimeline(new HotlineRedis(redis.Connection), TimeProvider.System).ReadAsync(caseId);

        // The whole timeline reads; the step this version does not know is a kind of its own, named as it was written.
        Assert.Equal([TimelineKind.Opened, TimelineKind.Unknown, TimelineKind.Claimed], read.Select(e => e.Kind));
        Assert.Equal([null, "callback-scheduled", null], read.Select(e => e.UnknownKind));
        Assert.Equal(stored, read.Select(e => JsonSerializer.Serialize(e)));
        // The console gets the name as it is (and shows it as plain words), with the Operator's options too.
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        };
        Assert.Equal("""{"at":"2026-12-05T21:01:00+00:00","kind":"callback-scheduled","by":"demo","detail":"in 2 h"}""", JsonSerializer.Serialize(read[1], web));
        Assert.Equal("""{"at":"2026-12-05T21:02:00+00:00","kind":"claimed","by":"demo"}""", JsonSerializer.Serialize(read[2], web));
        Assert.Equal(read[1], JsonSerializer.Deserialize<TimelineEntry>(JsonSerializer.Serialize(read[1], web), web));
    }

    [Fact]
    public void Writing_stays_strict_an_unknown_kind_is_never_written_new_and_a_kind_is_a_string()
    {
        var at = new DateTimeOffset(2026, 12, 5, 21, 0, 0, TimeSpan.Zero);
        const string refused = "an entry of an unknown timeline kind is written only as it was read";
        Assert.Equal(refused, Assert.Throws<JsonException>(() => new CaseTimeline(new HotlineRedis(redis.Connection), TimeProvider.System).Entry(TimelineKind.Unknown)).Message);
        Assert.Equal(refused, Assert.Throws<JsonException>(() => JsonSerializer.Serialize(new TimelineEntry(at, TimelineKind.Unknown, null, null))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => JsonSerializer.Serialize(TimelineKind.Unknown));
        Assert.Equal("a timeline kind is a string, not Number",
            Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TimelineEntry>("""{"at":"2026-12-05T21:00:00Z","kind":7,"by":null,"detail":null}""")).Message);
        Assert.False(TimelineKindNames.TryParse("escalation", out _));
        Assert.Equal("'escalation' is not a timeline kind", Assert.Throws<FormatException>(() => TimelineKindNames.Parse("escalation")).Message);
    }

    [Fact]
    public void The_console_labels_every_timeline_kind_and_nothing_else_as_one()
    {
        var labels = File.ReadAllText(RepoPaths.Combine("src", "Operator", "wwwroot", "console", "labels.js"));
        var table = TimelineTable().Match(labels);
        Assert.True(table.Success, "labels.js has no timeline table");
        var keys = LabelKey().Matches(table.Groups[1].Value).Select(m => m.Groups["quoted"].Success ? m.Groups["quoted"].Value : m.Groups["bare"].Value).ToList();
        Assert.Equal(TimelineKindNames.All.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Lua_scripts_that_name_a_timeline_kind_name_one_the_enum_has()
    {
        var sources = Directory.EnumerateFiles(RepoPaths.Combine("src"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".lua", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var unknown = sources.SelectMany(f => LuaKind().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Kind: m.Groups[1].Value)))
            .Where(k => !TimelineKindNames.TryParse(k.Kind, out _));
        Assert.Empty(unknown);
    }

    [GeneratedRegex(@"\btimeline: \{(.*?)\n  \},", RegexOptions.Singleline)]
    private static partial Regex TimelineTable();

    /// <summary>A key of the table: "offer lapsed": [ or opened: [.</summary>
    [GeneratedRegex(@"(?:""(?<quoted>[^""]+)""|(?<bare>[a-z][\w-]*))\s*:\s*\[")]
    private static partial Regex LabelKey();

    /// <summary>A kind a Lua table names (kind = 'offered'), as a script building a timeline entry with cjson would.</summary>
    [GeneratedRegex(@"\bkind\s*=\s*'([^']+)'")]
    private static partial Regex LuaKind();
}
