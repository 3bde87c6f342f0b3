namespace Hotline.EndToEnd.Tests;

/// <summary>An offer that is not taken moves on to the next operator's console; each waiting case's place is kept current in the console and, throttled, for the person.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class OfferAndQueuePlaceTests(ConsoleStack stack) : IAsyncLifetime
{
    public Task InitializeAsync() => stack.ResetTeamAsync();

    public Task DisposeAsync() => stack.ResetTeamAsync();

    [Fact]
    public async Task An_offer_not_claimed_within_its_window_goes_to_the_next_operator_and_a_decline_moves_it_on()
    {
        await using var browser = await Browser.LaunchAsync();
        var pages = new Dictionary<string, IPage>
        {
            ["demo"] = await stack.OpenConsoleAsync(browser),
            [ConsoleStack.Operator2] = await stack.OpenConsoleAsync(browser, ConsoleStack.Operator2, ConsoleStack.Operator2Password),
        };
        // The two operators are online (their consoles are open); the supervisor is not.
        var demo = await stack.SignInAsync();
        (await demo.PostAsJsonAsync("/api/me/presence", new { status = "online" })).EnsureSuccessStatusCode();
        (await (await stack.SignInAsync(ConsoleStack.Operator2, ConsoleStack.Operator2Password)).PostAsJsonAsync("/api/me/presence", new { status = "online" })).EnsureSuccessStatusCode();

        var (visitor, caseId) = await stack.OpenCaseAsync("burri po me rreh tani, ka thike ne dore, ndihme", demo);
        using var _ = visitor;
        var detail = await ConsoleStack.WaitForDetailAsync(demo, caseId, d => d.TryGetProperty("offeredTo", out var o) && o.ValueKind == JsonValueKind.String, TimeSpan.FromSeconds(10));
        var first = detail.GetProperty("offeredTo").GetString()!;
        var second = pages.Keys.Single(k => k != first);
        await Assertions.Expect(pages[first].Locator($"#alerts li.offer[data-case-id='{caseId}']")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        Assert.Equal(0, await pages[second].Locator($"#alerts li.offer[data-case-id='{caseId}']").CountAsync());

        // The test moves time past the offer window (a third of the deadline), well before the deadline itself.
        var deadline = TimeSpan.FromSeconds(detail.GetProperty("case").GetProperty("severity").GetString() == "critical" ? 60 : 300);
        stack.Clock.Advance(deadline * 33 / 100 + TimeSpan.FromSeconds(1));
        await Assertions.Expect(pages[second].Locator($"#alerts li.offer[data-case-id='{caseId}']")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(pages[first].Locator($"#alerts li.offer[data-case-id='{caseId}']")).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        detail = await ConsoleStack.DetailAsync(demo, caseId);
        Assert.Equal(second, detail.GetProperty("offeredTo").GetString());
        Assert.True(ConsoleStack.TimelineHas(detail, "offer lapsed"));
        Assert.Equal(0, detail.GetProperty("escalation").GetInt32());
        // Only the operator holding the offer can decline it.
        var firstApi = first == "demo" ? demo : await stack.SignInAsync(ConsoleStack.Operator2, ConsoleStack.Operator2Password);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, (await firstApi.PostAsync($"/api/cases/{caseId}/decline", null)).StatusCode);

        // The second operator declines from the alert: nobody else is free, so the offer ends and the case waits for the deadline.
        await pages[second].ClickAsync($"#alerts li.offer[data-case-id='{caseId}'] button:has-text('Decline')");
        detail = await ConsoleStack.WaitForDetailAsync(demo, caseId, d => ConsoleStack.TimelineHas(d, "waiting") && !d.TryGetProperty("offeredTo", out var _), TimeSpan.FromSeconds(10));
        Assert.Contains(detail.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("kind").GetString() == "declined" && t.GetProperty("by").GetString() == second);
        Assert.Equal("open", detail.GetProperty("case").GetProperty("status").GetString());

        (await demo.PostAsync($"/api/cases/{caseId}/claim", null)).EnsureSuccessStatusCode();
        (await demo.PostAsync($"/api/cases/{caseId}/release", null)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task The_console_keeps_each_waiting_cases_place_current_as_the_queue_moves()
    {
        await using var browser = await Browser.LaunchAsync();
        var page = await stack.OpenConsoleAsync(browser, ConsoleStack.Operator2, ConsoleStack.Operator2Password);
        var demo = await stack.SignInAsync();
        const string high = "My husband hits me and I am afraid of him";
        var (visitorA, ahead) = await stack.OpenCaseAsync(high, demo);
        using var a = visitorA;
        var (visitorB, waiting) = await stack.OpenCaseAsync(high, demo);
        using var b = visitorB;
        Assert.Equal("high", (await ConsoleStack.DetailAsync(demo, waiting)).GetProperty("case").GetProperty("severity").GetString());

        var row = page.Locator($"#queue button[data-case-id='{waiting}']");
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 10_000 });
        var place = int.Parse((await row.GetAttributeAsync("data-place"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((place - 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            await page.Locator($"#queue button[data-case-id='{ahead}']").GetAttributeAsync("data-place"));

        // The case ahead is claimed: one place up, live.
        (await demo.PostAsync($"/api/cases/{ahead}/claim", null)).EnsureSuccessStatusCode();
        await Assertions.Expect(row).ToHaveAttributeAsync("data-place", $"{place - 1}", new() { Timeout = 10_000 });
        await Assertions.Expect(row).ToContainTextAsync($"place {place - 1} ·");

        // A more urgent case arrives: it goes ahead, one place down.
        var (visitorC, critical) = await stack.OpenCaseAsync("burri po me rreh tani, ka thike ne dore, ndihme", demo);
        using var c = visitorC;
        await Assertions.Expect(row).ToHaveAttributeAsync("data-place", $"{place}", new() { Timeout = 10_000 });

        foreach (var id in new[] { ahead, waiting, critical })
        {
            await demo.PostAsync($"/api/cases/{id}/claim", null);
            (await demo.PostAsync($"/api/cases/{id}/release", null)).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task In_a_surge_a_waiting_person_is_told_a_better_place_again_only_after_the_interval()
    {
        // Nobody is online (the reset before each test): the waiting cases are a surge.
        var demo = await stack.SignInAsync();
        const string high = "My husband hits me and I am afraid of him";
        var (visitorA, ahead) = await stack.OpenCaseAsync(high, demo);
        using var a = visitorA;
        var (visitor, caseId) = await stack.OpenCaseAsync(high, demo);
        using var _ = visitor;
        var told = (await visitor.WaitForBotMessageAsync(t => t.Contains("in line", StringComparison.Ordinal), TimeSpan.FromSeconds(10))).GetProperty("text").GetString()!;
        Assert.DoesNotContain("You are number 1 in line", told);

        // Everything ahead of the person is taken: place 1, told again only once the interval has passed (180 s).
        var queue = await demo.GetFromJsonAsync<JsonElement>("/api/cases?status=open");
        var taken = queue.EnumerateArray().Select(c => c.GetProperty("id").GetString()!).TakeWhile(id => id != caseId).ToList();
        Assert.Contains(ahead, taken);
        foreach (var id in taken) (await demo.PostAsync($"/api/cases/{id}/claim", null)).EnsureSuccessStatusCode();
        stack.Clock.Advance(TimeSpan.FromSeconds(60));
        await Task.Delay(1500);
        Assert.Single(visitor.BotTexts(), t => t.Contains("in line", StringComparison.Ordinal));
        stack.Clock.Advance(TimeSpan.FromSeconds(121));
        await visitor.WaitForBotMessageAsync(t => t.Contains("You are number 1 in line", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        // Triage sends the place to the person, then writes it on the timeline: the message can arrive first.
        await ConsoleStack.WaitForDetailAsync(demo, caseId, d => ConsoleStack.TimelineHas(d, "place"), TimeSpan.FromSeconds(30));

        foreach (var id in taken.Append(caseId))
        {
            await demo.PostAsync($"/api/cases/{id}/claim", null);
            (await demo.PostAsync($"/api/cases/{id}/release", null)).EnsureSuccessStatusCode();
        }
    }
}
