using Hotline.Bot.Secrets;
using Hotline.Core.Dispatch;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.EndToEnd.Tests;

/// <summary>Mobile-unit dispatch: proposed by Triage, confirmed by an operator, acknowledged by the unit on its phone page; else the next unit, then the fallback.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class DispatchTests(ConsoleStack stack)
{
    private const string CriticalInDurres = "burri po me rreh tani ketu ne Durres, ka thike ne dore, ndihme";

    [Fact]
    public async Task Operator_confirms_the_proposed_dispatch_and_the_unit_acknowledges_it_on_its_phone()
    {
        await using var browser = await Browser.LaunchAsync();
        var console = await stack.OpenConsoleAsync(browser);
        var api = await stack.SignInAsync();
        var (visitor, caseId) = await stack.OpenCaseAsync(CriticalInDurres, api);
        using var _ = visitor;
        var proposed = await ConsoleStack.WaitForDetailAsync(api, caseId, d => d.TryGetProperty("dispatch", out var x) && x.ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(10));
        var dispatch = proposed.GetProperty("dispatch");
        // Until an operator confirms, no service holds the area in clear: the proposal names the unit only.
        Assert.False(dispatch.TryGetProperty("municipality", out var clearArea), $"the proposal holds an area in clear: {clearArea}");
        Assert.Equal("proposed", dispatch.GetProperty("status").GetString());
        Assert.Equal("unit-durres", dispatch.GetProperty("unit").GetString());
        var code = dispatch.GetProperty("code").GetString()!;

        await console.ClickAsync($"#queue button[data-case-id='{caseId}']");
        await Assertions.Expect(console.Locator("#dispatch-status")).ToContainTextAsync(code, new() { Timeout = 10_000 });
        // The console opened the area from the case's sealed facts and sends it with the confirmation.
        await Assertions.Expect(console.Locator("#dispatch-status")).ToContainTextAsync("Durrës", new() { Timeout = 10_000 });
        await console.ClickAsync("#dispatch-confirm");
        var sms = await stack.Notifier.WaitForAsync(n => n.CaseId == caseId && n.Purpose == "dispatch", TimeSpan.FromSeconds(10));
        Assert.Equal("unit-durres", sms.Recipient);
        Assert.Contains(code, sms.Text);
        // The notice names the area only sealed to the Bot's key: the Bot puts it into the SMS when it sends.
        Assert.DoesNotContain("Durrës", sms.Text);
        Assert.Equal("Durrës", DispatchArea.Open(sms.SealedArea!, code, stack.BotHost!.Services.GetRequiredService<BotSecrets>().Box));
        Assert.DoesNotContain("thike", sms.Text);

        var phone = await browser.NewPhonePageAsync();
        await phone.GotoAsync(new Uri(stack.OperatorUrl, "unit.html").ToString());
        await phone.FillAsync("#username", "unit-durres");
        await phone.FillAsync("#password", ConsoleStack.UnitPassword);
        await phone.ClickAsync("#signin button[type=submit]");
        var item = phone.Locator($"#dispatches li[data-code='{code}']");
        // The unit's phone opened the area sealed to the unit's own key.
        await Assertions.Expect(item).ToContainTextAsync("Durrës", new() { Timeout = 10_000 });
        await Assertions.Expect(item).Not.ToContainTextAsync("thike");
        // Nowhere in Redis is the area in clear, beyond the units' own profiles (the municipalities each one covers).
        var scanner = new LeakScanner("Durrës");
        scanner.ScanRedis(new RedisDump((await stack.Redis.AllKeysAndValuesAsync()).Entries.Where(e => !e.Key.StartsWith(RedisKeys.Unit(""), StringComparison.Ordinal)).ToList()));
        scanner.AssertNoLeaks();
        await item.Locator("button").ClickAsync();
        await Assertions.Expect(item).ToContainTextAsync("acknowledged", new() { Timeout = 10_000 });

        // Triage writes "sent" on the timeline after it queues the unit's SMS, so the timeline may trail the status for a moment.
        string[] steps = ["dispatch-proposed", "dispatch-confirmed", "dispatch-sent", "dispatch-acknowledged"];
        var done = await ConsoleStack.WaitForDetailAsync(api, caseId, d => d.GetProperty("dispatch").GetProperty("status").GetString() == "acknowledged"
            && steps.All(step => ConsoleStack.TimelineHas(d, step)), TimeSpan.FromSeconds(30));
        foreach (var step in steps) Assert.True(ConsoleStack.TimelineHas(done, step), step);
        await Assertions.Expect(console.Locator("#timeline")).ToContainTextAsync("Unit acknowledged", new() { Timeout = 10_000 });

        // On the way, arrived, closed: each step from the phone shows on the case's timeline in the console.
        await item.Locator("button", new() { HasText = "On our way" }).ClickAsync();
        await Assertions.Expect(item).ToContainTextAsync("en route", new() { Timeout = 10_000 });
        await Assertions.Expect(console.Locator("#timeline")).ToContainTextAsync("Unit en route", new() { Timeout = 10_000 });
        await item.Locator("button", new() { HasText = "Arrived" }).ClickAsync();
        await Assertions.Expect(console.Locator("#timeline")).ToContainTextAsync("Unit arrived", new() { Timeout = 10_000 });
        await item.Locator("button", new() { HasText = "Close dispatch" }).ClickAsync();
        await Assertions.Expect(item).ToContainTextAsync("closed", new() { Timeout = 10_000 });
        await Assertions.Expect(item.Locator("button")).ToHaveCountAsync(0);
        var closed = await ConsoleStack.WaitForDetailAsync(api, caseId, d => ConsoleStack.TimelineHas(d, "dispatch-closed"), TimeSpan.FromSeconds(10));
        Assert.True(ConsoleStack.TimelineHas(closed, "dispatch-en-route") && ConsoleStack.TimelineHas(closed, "dispatch-arrived"));
        // The same step twice is refused, and changes nothing.
        var unitApi = await stack.SignInAsync("unit-durres", ConsoleStack.UnitPassword);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, (await unitApi.PostAsJsonAsync($"/api/unit/dispatches/{code}/status", new { status = "arrived" })).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await unitApi.PostAsJsonAsync($"/api/unit/dispatches/{code}/status", new { status = "teleported" })).StatusCode);
    }

    [Fact]
    public async Task A_new_dispatch_vibrates_the_units_phone_and_sounds_in_the_chosen_language()
    {
        await using var browser = await Browser.LaunchAsync();
        var phone = await browser.NewPhonePageAsync();
        // What the phone would do: each vibration pattern and each tone started, recorded as the page asks for them.
        await phone.AddInitScriptAsync("""
            (() => {
              window.hlVibrations = [];
              navigator.vibrate = (pattern) => { window.hlVibrations.push(pattern); return true; };
              window.hlTones = 0;
              const start = OscillatorNode.prototype.start;
              OscillatorNode.prototype.start = function () { window.hlTones++; return start.apply(this, arguments); };
            })();
            """);
        await phone.GotoAsync(new Uri(stack.OperatorUrl, "unit.html").ToString());
        await phone.SelectOptionAsync("#ui-language", "sq");
        await phone.FillAsync("#username", "unit-tirana");
        await phone.FillAsync("#password", ConsoleStack.UnitPassword);
        await phone.ClickAsync("#signin button[type=submit]");
        // The dispatches it already has are known: none of them rings.
        await Assertions.Expect(phone.Locator("#unit-status")).Not.ToBeEmptyAsync(new() { Timeout = 10_000 });
        Assert.Equal(0, await phone.EvaluateAsync<int>("() => window.hlVibrations.length"));

        var api = await stack.SignInAsync();
        var (visitor, caseId) = await stack.OpenCaseAsync("burri po me rreh tani ketu ne Tirane, ka thike ne dore, ndihme", api);
        using var _ = visitor;
        var proposed = await ConsoleStack.WaitForDetailAsync(api, caseId, d => d.TryGetProperty("dispatch", out var x) && x.ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(30));
        var code = proposed.GetProperty("dispatch").GetProperty("code").GetString()!;
        (await api.PostAsync($"/api/cases/{caseId}/claim", null)).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync($"/api/cases/{caseId}/dispatch/confirm", new { municipality = "Tiranë" })).EnsureSuccessStatusCode();

        var item = phone.Locator($"#dispatches li[data-code='{code}']");
        await Assertions.Expect(item).ToContainTextAsync("dërguar", new() { Timeout = 30_000 });
        await Assertions.Expect(item.Locator("button", new() { HasText = code })).ToBeVisibleAsync();
        await phone.WaitForFunctionAsync("() => window.hlVibrations.length === 1 && window.hlTones >= 3", null, new() { Timeout = 10_000 });
        Assert.Equal("[300,150,300,150,300]", (await phone.EvaluateAsync<JsonElement>("() => window.hlVibrations[0]")).GetRawText());
        await Axe.AssertNoSeriousAsync(phone, "unit page with a new dispatch");

        // Acknowledged and closed from the phone, so nothing of this test is left waiting for a unit.
        await item.Locator("button", new() { HasText = code }).ClickAsync();
        await Assertions.Expect(item.Locator("button", new() { HasText = "Mbyll" })).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await item.Locator("button", new() { HasText = "Mbyll" }).ClickAsync();
        await Assertions.Expect(item.Locator("button")).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        Assert.Equal(1, await phone.EvaluateAsync<int>("() => window.hlVibrations.length"));
        (await api.PostAsync($"/api/cases/{caseId}/release", null)).EnsureSuccessStatusCode();
        browser.AssertNoPageErrors();
    }

    [Fact]
    public async Task An_unacknowledged_dispatch_goes_to_the_next_unit_then_to_the_fallback()
    {
        var api = await stack.SignInAsync();
        var (visitor, caseId) = await stack.OpenCaseAsync(CriticalInDurres, api);
        using var _ = visitor;
        await ConsoleStack.WaitForDetailAsync(api, caseId, d => d.TryGetProperty("dispatch", out var x) && x.ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(10));
        // The unit needs the area, which only the console can open: a confirmation without it, or with an area the unit
        // does not cover, is refused and changes nothing.
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync($"/api/cases/{caseId}/dispatch/confirm", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsJsonAsync($"/api/cases/{caseId}/dispatch/confirm", new { municipality = "Korçë" })).StatusCode);
        Assert.Equal("proposed", (await ConsoleStack.DetailAsync(api, caseId)).GetProperty("dispatch").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync($"/api/cases/{caseId}/dispatch/confirm", new { municipality = "Durrës" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsJsonAsync($"/api/cases/{caseId}/dispatch/confirm", new { municipality = "Durrës" })).StatusCode);
        await stack.Notifier.WaitForAsync(n => n.CaseId == caseId && n.Purpose == "dispatch" && n.Recipient == "unit-durres", TimeSpan.FromSeconds(10));

        stack.Clock.Advance(TimeSpan.FromSeconds(301));
        await stack.Notifier.WaitForAsync(n => n.CaseId == caseId && n.Purpose == "dispatch" && n.Recipient == "unit-durres-2", TimeSpan.FromSeconds(10));
        // The next unit is told first, then the dispatch is handed to it, then the timeline says so: wait for the last.
        await ConsoleStack.WaitForDetailAsync(api, caseId, d => ConsoleStack.TimelineHas(d, "dispatch-reassigned"), TimeSpan.FromSeconds(30));
        // The first unit can no longer acknowledge it; the second one could.
        var first = await stack.SignInAsync("unit-durres", ConsoleStack.UnitPassword);
        var code = (await ConsoleStack.DetailAsync(api, caseId)).GetProperty("dispatch").GetProperty("code").GetString();
        Assert.Equal(HttpStatusCode.NotFound, (await first.PostAsync($"/api/unit/dispatches/{code}/ack", null)).StatusCode);

        stack.Clock.Advance(TimeSpan.FromSeconds(301));
        var fallback = await stack.Notifier.WaitForAsync(n => n.CaseId == caseId && n.Purpose == "dispatch-fallback", TimeSpan.FromSeconds(10));
        Assert.Equal("oncall-supervisor", fallback.Recipient);
        // The SMS is queued first, then the status changes, then the timeline says so: wait for the last of the three.
        var detail = await ConsoleStack.WaitForDetailAsync(api, caseId, d => d.GetProperty("dispatch").GetProperty("status").GetString() == "fallback"
            && ConsoleStack.TimelineHas(d, "dispatch-fallback"), TimeSpan.FromSeconds(30));
        Assert.True(ConsoleStack.TimelineHas(detail, "dispatch-reassigned"));
        Assert.True(ConsoleStack.TimelineHas(detail, "dispatch-fallback"));
    }

    [Fact]
    public async Task A_dispatch_whose_area_an_earlier_version_stored_in_clear_gets_it_sealed()
    {
        var api = await stack.SignInAsync();
        var (visitor, caseId) = await stack.OpenCaseAsync(CriticalInDurres, api);
        using var _ = visitor;
        var proposed = await ConsoleStack.WaitForDetailAsync(api, caseId, d => d.TryGetProperty("dispatch", out var x) && x.ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(30));
        var code = proposed.GetProperty("dispatch").GetProperty("code").GetString()!;
        (await api.PostAsJsonAsync($"/api/cases/{caseId}/dispatch/confirm", new { municipality = "Durrës" })).EnsureSuccessStatusCode();
        await stack.Notifier.WaitForAsync(n => n.CaseId == caseId && n.Purpose == "dispatch", TimeSpan.FromSeconds(30));

        // What an earlier version left for a dispatch it sent: the municipality in clear, nothing sealed.
        await using (var redis = await stack.Redis.ConnectAsync())
        {
            var db = redis.GetDatabase();
            await db.HashDeleteAsync(RedisKeys.Dispatch(caseId), ["coveredBy", "areaSealed", "areaBot"]);
            await db.HashSetAsync(RedisKeys.Dispatch(caseId), "municipality", "Durrës");
        }

        var migration = stack.OperatorHost!.Services.GetRequiredService<Hotline.Operator.Dispatch.DispatchAreaMigration>();
        Assert.True(await migration.MigrateAsync(CancellationToken.None) >= 1);

        var scanner = new LeakScanner("Durrës");
        scanner.ScanRedis(new RedisDump((await stack.Redis.AllKeysAndValuesAsync()).Entries.Where(e => !e.Key.StartsWith(RedisKeys.Unit(""), StringComparison.Ordinal)).ToList()));
        scanner.AssertNoLeaks();
        // Sealed to the unit (its page opens it) and to the Bot (for the next notice), for this dispatch.
        var unit = await stack.SignInAsync("unit-durres", ConsoleStack.UnitPassword);
        var mine = (await unit.GetFromJsonAsync<JsonElement>("/api/unit/dispatches")).EnumerateArray().Single(d => d.GetProperty("code").GetString() == code);
        Assert.False(string.IsNullOrEmpty(mine.GetProperty("sealedMunicipality").GetString()));
        var dispatch = await stack.OperatorHost.Services.GetRequiredService<DispatchStore>().GetAsync(caseId);
        Assert.Equal("Durrës", DispatchArea.Open(dispatch!.AreaForBot!, code, stack.BotHost!.Services.GetRequiredService<BotSecrets>().Box));
        Assert.Contains("unit-durres", dispatch.CoveredBy);
    }

    [Fact]
    public async Task No_dispatch_is_proposed_where_no_unit_covers_the_area()
    {
        var api = await stack.SignInAsync();
        var (visitor, caseId) = await stack.OpenCaseAsync("burri po me rreh tani ne Korce, ka thike ne dore, ndihme", api);
        using var _ = visitor;
        var detail = await ConsoleStack.WaitForDetailAsync(api, caseId, d => ConsoleStack.TimelineHas(d, "dispatch-unavailable") || ConsoleStack.TimelineHas(d, "dispatch-proposed"), TimeSpan.FromSeconds(10));
        Assert.True(ConsoleStack.TimelineHas(detail, "dispatch-unavailable"));
        Assert.False(detail.TryGetProperty("dispatch", out var d) && d.ValueKind == JsonValueKind.Object);
        // An operator who learns the area from the conversation sets it, and Triage proposes the covering unit.
        (await api.PutAsJsonAsync($"/api/cases/{caseId}/record", new { municipality = "Kamëz" })).EnsureSuccessStatusCode();
        var proposed = await ConsoleStack.WaitForDetailAsync(api, caseId, d => d.TryGetProperty("dispatch", out var x) && x.ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(10));
        Assert.Equal("unit-tirana", proposed.GetProperty("dispatch").GetProperty("unit").GetString());
    }
}
