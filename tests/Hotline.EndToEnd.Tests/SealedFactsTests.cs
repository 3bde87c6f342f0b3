using StackExchange.Redis;

namespace Hotline.EndToEnd.Tests;

/// <summary>
/// Facts that could name a person (an age, an area, that they are a minor, where indicators fired) are sealed to the team
/// key from the moment screening finds them: Redis holds them only as ciphertext, and only the operator's browser opens them.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class SealedFactsTests(ConsoleStack stack)
{
    private const string Phone = "0695551837";
    private const string Disclosure = "I'm 15 and I live in Berat, my stepfather hits me every night, call me on " + Phone;

    [Fact]
    public async Task Age_area_minor_and_indicator_positions_are_not_in_clear_in_Redis_and_the_console_shows_them()
    {
        var api = await stack.SignInAsync();
        var (visitor, caseId) = await stack.OpenCaseAsync(Disclosure, api);
        using var _ = visitor;
        await ConsoleStack.WaitForDetailAsync(api, caseId, d => d.GetProperty("facts").GetArrayLength() > 0 && ConsoleStack.TimelineHas(d, "area"), TimeSpan.FromSeconds(10));

        // What someone with Redis access reads (the inspector user may read every key): the case, its sealed facts,
        // its timeline and the events stream hold no age, area, minor flag or indicator position.
        await using var redis = await stack.Redis.ConnectAsync();
        var db = redis.GetDatabase();
        var hash = await db.HashGetAllAsync(RedisKeys.Case(caseId));
        Assert.DoesNotContain(hash, e => e.Name == "age" || e.Name == "place" || e.Name == "minor" || e.Name == "indicators");
        Assert.DoesNotContain(hash, e => e.Value == "15" || e.Value.ToString().Contains("Berat", StringComparison.OrdinalIgnoreCase));
        foreach (var sealedValue in (await db.HashGetAllAsync(RedisKeys.CaseFacts(caseId))).Select(e => e.Value.ToString()))
        {
            // Standard base64 of a sealed box: no JSON, no name (digits may occur by chance, so the age is checked opened).
            foreach (var clear in new[] { "Berat", "\"age\"", "stepfather", "{" }) Assert.DoesNotContain(clear, sealedValue, StringComparison.Ordinal);
        }
        var timeline = string.Join("\n", (await db.ListRangeAsync(RedisKeys.CaseTimeline(caseId))).Select(v => v.ToString()));
        Assert.DoesNotContain("Berat", timeline, StringComparison.OrdinalIgnoreCase);
        var conversationId = (await api.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("conversationId").GetString();
        var events = (await db.StreamRangeAsync(RedisKeys.Events)).Where(e => e["conversationId"] == conversationId).ToList();
        Assert.NotEmpty(events);
        Assert.All(events, e =>
        {
            Assert.DoesNotContain(e.Values, v => v.Name == "age" || v.Name == "place" || v.Name == "minor" || v.Name == "indicators");
            Assert.DoesNotContain(e.Values, v => v.Value == "15" || v.Value.ToString().Contains("Berat", StringComparison.OrdinalIgnoreCase));
        });
        // Not only the keys above: every key Redis holds and every file of its folder and of the data folder (the
        // append-only file holds all ever written), searched in every encoding for the words, the place, the phone number,
        // the case code and the facts as a field would hold them.
        // The case code comes with the hotline's answer to the disclosure: wait for it, so that the scan looks for it.
        var answer = await visitor.WaitForBotMessageAsync(t => CodePattern().IsMatch(t), TimeSpan.FromSeconds(30));
        var code = CodePattern().Match(answer.GetProperty("text").GetString()!).Value;
        Assert.NotEmpty(code);
        string[] inClear =
        [
            Disclosure, "Berat", "stepfather", Phone, Phone[1..], "+355" + Phone[1..], "\"age\":15", "age=15", "age\r\n$2\r\n15", "\"minor\":true",
            "minor=true", "minor=1", "minor\r\n$1\r\n1", "minor\r\n$4\r\ntrue", "\"municipality\"", "municipality=", "municipality\r\n",
        ];
        var scanner = new LeakScanner([.. inClear, code, code.Replace("-", "", StringComparison.Ordinal)]);
        var dump = await stack.Redis.AllKeysAndValuesAsync();
        scanner.ScanRedis(dump);
        scanner.ScanDirectory(stack.Redis.DataDirectory);
        scanner.ScanDirectory(stack.DataDir);
        scanner.AssertNoLeaks();
        string[] identifying = ["age", "place", "municipality", "minor", "indicators", "caseCode"];
        Assert.DoesNotContain(dump.Entries, e => e.Type == RedisType.Hash && e.Parts.Any(p => identifying.Contains(System.Text.Encoding.UTF8.GetString(p.Name ?? []))));

        // Nor does the API: the case and its detail carry the facts sealed.
        var detail = await ConsoleStack.DetailAsync(api, caseId);
        Assert.False(detail.TryGetProperty("age", out var _) || detail.TryGetProperty("place", out var _) || detail.TryGetProperty("indicators", out var _));
        Assert.DoesNotContain("Berat", detail.GetRawText(), StringComparison.OrdinalIgnoreCase);

        // The operator's browser opens them with the team key.
        await using var browser = await Browser.LaunchAsync();
        var console = await stack.OpenConsoleAsync(browser);
        await console.ClickAsync($"#queue button[data-case-id='{caseId}']");
        var facts = console.Locator("#case-facts");
        await Assertions.Expect(facts).ToContainTextAsync("Berat", new() { Timeout = 10_000 });
        await Assertions.Expect(facts).ToContainTextAsync("15");
        await Assertions.Expect(console.Locator("#case-facts dt:has-text('Minor') + dd")).ToHaveTextAsync("yes");
        await Assertions.Expect(console.Locator("#indicators li").First).Not.ToContainTextAsync("No indicator", new() { Timeout = 10_000 });
        browser.AssertNoPageErrors();
    }

    [System.Text.RegularExpressions.GeneratedRegex("[a-z]+-[a-z]+-[0-9]{3}-[0-9]{3}-[0-9]{3}")]
    private static partial System.Text.RegularExpressions.Regex CodePattern();
}
