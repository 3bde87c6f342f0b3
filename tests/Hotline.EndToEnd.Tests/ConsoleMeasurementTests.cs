using System.Globalization;
using Xunit.Abstractions;

namespace Hotline.EndToEnd.Tests;

/// <summary>
/// The console's figures, measured in Debian's chromium on loopback (not pass/fail timings): sign-in to usable, unlock
/// after a reload (passphrase to usable), an urgent
/// message to its row in the queue (20 samples), opening a 500-entry transcript and appending one entry to it.
/// Run: HOTLINE_MEASURE=1 dotnet test tests/Hotline.EndToEnd.Tests --filter FullyQualifiedName~ConsoleMeasurementTests
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleMeasurementTests(ConsoleStack stack, ITestOutputHelper output)
{
    [MeasurementFact]
    public async Task Sign_in_to_usable_and_urgent_message_to_queue_row()
    {
        await using var browser = await Browser.LaunchAsync();
        var signIns = new List<double>();
        IPage? console = null;
        for (var i = 0; i < 3; i++)
        {
            console = await stack.OpenConsoleAsync(browser);
            await console.WaitForFunctionAsync("() => window.hlTimings && window.hlTimings.usableAt", null, new() { Timeout = 30_000 });
            signIns.Add(await console.EvaluateAsync<double>("() => window.hlTimings.usableAt - window.hlTimings.submitAt"));
        }
        Report($"sign-in to usable (submit → queue shown, live, team key unlocked), {signIns.Count} runs: " +
            string.Join(", ", signIns.Select(v => v.ToString("F0", CultureInfo.InvariantCulture) + " ms")));

        // After a reload the session stays: the passphrase alone unlocks the keys in the page (Argon2id) and the console.
        var unlocks = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            await console!.ReloadAsync();
            await Assertions.Expect(console.Locator("#signin-hint")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await console.FillAsync("#password", ConsoleStack.DemoPassword);
            await console.ClickAsync("#signin button[type=submit]");
            await console.WaitForFunctionAsync("() => window.hlTimings && window.hlTimings.usableAt", null, new() { Timeout = 30_000 });
            await Assertions.Expect(console.Locator("#live")).ToHaveTextAsync("Live", new() { Timeout = 30_000 });
            unlocks.Add(await console.EvaluateAsync<double>("() => window.hlTimings.usableAt - window.hlTimings.submitAt"));
        }
        Report($"unlock after a reload (passphrase → queue shown, live, team key unlocked), {unlocks.Count} runs: " +
            string.Join(", ", unlocks.Select(v => v.ToString("F0", CultureInfo.InvariantCulture) + " ms")));

        // When each row first appears in the queue, by the page's clock.
        await console!.EvaluateAsync("""
            () => { window.rowSeen = {};
              const mark = () => document.querySelectorAll('#queue button[data-case-id]').forEach(b => { window.rowSeen[b.dataset.caseId] ??= Date.now(); });
              mark(); new MutationObserver(mark).observe(document.getElementById('queue'), { childList: true, subtree: true }); }
            """);
        var api = await stack.SignInAsync();
        var latencies = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            using var visitor = await stack.StartWebChatAsync();
            var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            (await visitor.SayAsync("burri po me rreh tani, ka thike ne dore, ndihme")).EnsureSuccessStatusCode();
            var caseId = (await WebChatToOperatorTests.WaitForCaseAsync(api, visitor.ConversationId, TimeSpan.FromSeconds(15))).GetProperty("id").GetString();
            await console.WaitForFunctionAsync("id => window.rowSeen[id]", caseId, new() { Timeout = 15_000, PollingInterval = 5 });
            latencies.Add(await console.EvaluateAsync<double>("id => window.rowSeen[id]", caseId) - before);
            (await api.PostAsync($"/api/cases/{caseId}/claim", null)).EnsureSuccessStatusCode();
            (await api.PostAsync($"/api/cases/{caseId}/release", null)).EnsureSuccessStatusCode();
        }
        latencies.Sort();
        Report($"urgent message → row in the queue, {latencies.Count} samples: median {latencies[latencies.Count / 2]:F0} ms, worst {latencies[^1]:F0} ms, best {latencies[0]:F0} ms");
        browser.AssertNoPageErrors();
    }

    [MeasurementFact]
    public async Task Open_a_500_entry_transcript_and_append_one_entry()
    {
        var api = await stack.SignInAsync();
        var (visitor, caseId) = await stack.OpenCaseAsync("He locked me in the flat and took my passport", api);
        using var _ = visitor;
        (await api.PostAsync($"/api/cases/{caseId}/claim", null)).EnsureSuccessStatusCode();
        // While the case is held the bot stays quiet: each message is one entry.
        var entries = (await api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/cases/{caseId}/transcript")).GetArrayLength();
        for (var i = entries; i < 500; i++) (await visitor.SayAsync($"message {i} of a long conversation, with a few more words in it")).EnsureSuccessStatusCode();
        var total = 0;
        for (var wait = 0; wait < 200 && total < 500; wait++)
        {
            total = (await api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/cases/{caseId}/transcript")).GetArrayLength();
            if (total < 500) await Task.Delay(100);
        }

        await using var browser = await Browser.LaunchAsync();
        var console = await stack.OpenConsoleAsync(browser);
        var opens = new List<double>();
        for (var run = 0; run < 3; run++)
        {
            var t0 = await console.EvaluateAsync<double>("() => performance.now()");
            await console.ClickAsync($"#queue button[data-case-id='{caseId}']");
            await console.WaitForFunctionAsync("n => document.querySelectorAll('#transcript li').length >= n", total, new() { Timeout = 60_000, PollingInterval = 5 });
            opens.Add(await console.EvaluateAsync<double>("() => performance.now()") - t0);
            await console.EvaluateAsync("() => import('/console/case-view.js').then(m => m.clearCase())");
        }
        await console.ClickAsync($"#queue button[data-case-id='{caseId}']");
        await console.WaitForFunctionAsync("n => document.querySelectorAll('#transcript li').length >= n", total, new() { Timeout = 60_000 });
        var appends = new List<double>();
        for (var run = 0; run < 3; run++)
        {
            var count = await console.Locator("#transcript li").CountAsync();
            var t0 = await console.EvaluateAsync<double>("() => performance.now()");
            (await visitor.SayAsync($"one more, {run}")).EnsureSuccessStatusCode();
            await console.WaitForFunctionAsync("n => document.querySelectorAll('#transcript li').length > n", count, new() { Timeout = 60_000, PollingInterval = 5 });
            appends.Add(await console.EvaluateAsync<double>("() => performance.now()") - t0);
        }
        Report($"open a {total}-entry transcript (click → all entries decrypted and shown): " + string.Join(", ", opens.Select(v => v.ToString("F0", CultureInfo.InvariantCulture) + " ms")) +
            $"; append one entry (person's message posted → shown): " + string.Join(", ", appends.Select(v => v.ToString("F0", CultureInfo.InvariantCulture) + " ms")));
        (await api.PostAsync($"/api/cases/{caseId}/release", null)).EnsureSuccessStatusCode();
        browser.AssertNoPageErrors();
    }

    private void Report(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}
