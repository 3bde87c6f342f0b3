using Hotline.Core.Crypto;
using Hotline.Core.Notices;
using Hotline.Core.Transcripts;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.EndToEnd.Tests;

/// <summary>
/// The whole hotline for the console, escalation and dispatch tests: Triage, Bot and Operator with a clock the tests
/// move, a fake notifier, a duress phrase, short deadlines, an operator, a supervisor and three mobile units.
/// </summary>
public sealed class ConsoleStack : HotlineHost
{
    public const string DemoPassword = HotlineStack.DemoPassword;
    public const string Operator2 = "nightshift";
    public const string Operator2Password = "another long passphrase";
    public const string Supervisor = "lead";
    public const string SupervisorPassword = "supervisor long passphrase";
    public const string UnitPassword = "unit long passphrase";
    public const string DuressPhrase = "blue umbrella";

    public ConsoleStack() : this(new TestClock(), new FakeNotifier())
    {
    }

    private ConsoleStack(TestClock clock, FakeNotifier notifier) : base(new HotlineHostOptions
    {
        Name = "hotline-console",
        Bot = true,
        Triage = true,
        Operator = true,
        Settings = new Dictionary<string, string?>
        {
            ["HOTLINE_DURESS_PHRASES"] = DuressPhrase,
            ["HOTLINE_ROUTING:CriticalDeadlineSeconds"] = "60",
            ["HOTLINE_ROUTING:HighDeadlineSeconds"] = "300",
            ["HOTLINE_ROUTING:UnitAcknowledgeSeconds"] = "300",
            ["HOTLINE_ROUTING:TickMilliseconds"] = "100",
        },
        DemoPassword = DemoPassword,
        Accounts =
        [
            new(Operator2Password, "add-operator", Operator2, "Operator", "--languages", "sq,en", "--capacity", "3"),
            new(SupervisorPassword, "add-operator", Supervisor, "Supervisor"),
            new(UnitPassword, "add-unit", "unit-durres", "Durrës,Shijak"),
            new(UnitPassword, "add-unit", "unit-durres-2", "durres"),
            new(UnitPassword, "add-unit", "unit-tirana", "Tiranë,Kamëz"),
        ],
        Services = services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton<IOutboundNotifier>(notifier);
        },
    })
    {
        Clock = clock;
        Notifier = notifier;
    }

    public TestClock Clock { get; }
    public FakeNotifier Notifier { get; }

    public Task<HttpClient> SignInAsync() => SignInAsync("demo", DemoPassword);

    /// <summary>A person writes; returns the case the message opened, as GET /api/cases?status=open lists it.</summary>
    public async Task<(WebChatVisitor Visitor, string CaseId)> OpenCaseAsync(string text, HttpClient api)
    {
        var visitor = await StartWebChatAsync();
        (await visitor.SayAsync(text)).EnsureSuccessStatusCode();
        // Not a measurement (the listing-time tests measure): a busy machine may take longer than the promise.
        var listed = await WebChatToOperatorTests.WaitForCaseAsync(api, visitor.ConversationId, TimeSpan.FromSeconds(30));
        return (visitor, listed.GetProperty("id").GetString()!);
    }

    /// <summary>A person writes; returns the case the message opened, as demo's GET /api/cases?status=open lists it.</summary>
    public async Task<(WebChatVisitor Visitor, string CaseId)> OpenCaseAsync(string text) => await OpenCaseAsync(text, await SignInAsync());

    /// <summary>Opens demo's console in a page and signs in.</summary>
    public Task<IPage> OpenConsoleAsync(Browser browser) => OpenConsoleAsync(browser, "demo", DemoPassword);

    /// <summary>Opens demo's console and the case from its queue, once its transcript shows these words.</summary>
    public async Task<IPage> OpenCaseInConsoleAsync(Browser browser, string caseId, string showing)
    {
        var page = await OpenConsoleAsync(browser);
        await OpenFromQueueAsync(page, caseId, showing);
        return page;
    }

    /// <summary>A person writes these words; demo opens the case in the console and claims it.</summary>
    public async Task<(WebChatVisitor Visitor, string CaseId, IPage Page)> ClaimInConsoleAsync(Browser browser, string words)
    {
        var (visitor, caseId) = await OpenCaseAsync(words);
        try
        {
            var page = await OpenCaseInConsoleAsync(browser, caseId, words);
            await ClaimAsync(page);
            return (visitor, caseId, page);
        }
        catch
        {
            visitor.Dispose();
            throw;
        }
    }

    /// <summary>The conversation's transcript as Redis holds it: each entry's stored value and what it says (sealed).</summary>
    public async Task<IReadOnlyList<(string Raw, TranscriptEntry Entry)>> StoredTranscriptAsync(string conversationId)
    {
        await using var redis = await ConnectAsAsync("bot");
        var values = await redis.Db.ListRangeAsync(RedisKeys.Transcript(conversationId));
        return values.Select(v => ((string)v!, JsonSerializer.Deserialize<TranscriptEntry>((string)v!)!)).ToList();
    }

    /// <summary>Opens the console in a page and signs in (the key unlock runs Argon2id in the page: allow for it).</summary>
    public Task<IPage> OpenConsoleAsync(Browser browser, string username, string password) => OpenConsoleAsync(browser, OperatorUrl, username, password);

    /// <summary>Opens the console in a page of this size and signs in.</summary>
    public Task<IPage> OpenConsoleAsync(Browser browser, BrowserNewContextOptions options, string username, string password) =>
        OpenConsoleAsync(browser, OperatorUrl, username, password, options);

    /// <summary>
    /// Opens the console of this Operator service in a page (of this size, or a desktop window) and signs in; <c>prepare</c>
    /// may set the page up (its routes) before it loads.
    /// </summary>
    public static async Task<IPage> OpenConsoleAsync(Browser browser, Uri operatorService, string username, string password, BrowserNewContextOptions? options = null,
        Func<IPage, Task>? prepare = null)
    {
        var page = options is null ? await browser.NewPageAsync() : await browser.NewPageAsync(options);
        if (prepare is not null) await prepare(page);
        await page.GotoAsync(operatorService.ToString());
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#signin button[type=submit]");
        await Assertions.Expect(page.Locator("#live")).ToHaveTextAsync("Live", new() { Timeout = 30_000 });
        return page;
    }

    /// <summary>Opens a case from the console's queue and waits until its transcript shows these words.</summary>
    public static async Task OpenFromQueueAsync(IPage page, string caseId, string showing)
    {
        await page.ClickAsync($"#queue button[data-case-id='{caseId}']", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#transcript")).ToContainTextAsync(showing, new() { Timeout = 15_000 });
    }

    /// <summary>Claims the case on screen and waits until the console shows it held (Release enabled).</summary>
    public static async Task ClaimAsync(IPage page)
    {
        await page.ClickAsync("#claim");
        await Assertions.Expect(page.Locator("#release")).ToBeEnabledAsync(new() { Timeout = 15_000 });
    }

    /// <summary>Writes a reply in the composer and sends it with Ctrl+Enter, as operators do.</summary>
    public static async Task ReplyAsync(IPage page, string text)
    {
        await page.FillAsync("#reply-text", text);
        await page.Keyboard.PressAsync("Control+Enter");
    }

    public static async Task<JsonElement> DetailAsync(HttpClient api, string caseId) =>
        await api.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/detail");

    /// <summary>Polls the case's detail until the condition holds.</summary>
    public static async Task<JsonElement> WaitForDetailAsync(HttpClient api, string caseId, Func<JsonElement, bool> condition, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        JsonElement last = default;
        while (DateTime.UtcNow < until)
        {
            last = await DetailAsync(api, caseId);
            if (condition(last)) return last;
            await Task.Delay(50);
        }
        throw new TimeoutException($"The case did not reach the expected state in time: {last}");
    }

    public static bool TimelineHas(JsonElement detail, string kind) =>
        detail.GetProperty("timeline").EnumerateArray().Any(t => t.GetProperty("kind").GetString() == kind);

    /// <summary>
    /// What a compromised Operator host can do: appends an "operator <paramref name="by"/>" entry as the Operator service's Redis
    /// user, sealed to the team key, chained, signed with the service's own key, carrying <paramref name="words"/> (an operator's
    /// signature over the text, or none), dated no earlier than <paramref name="notBefore"/> (Unix ms).
    /// </summary>
    public async Task AppendAsOperatorServiceAsync(string conversationId, string by, string text, OperatorSignature? words, long notBefore = 0)
    {
        await using var redis = await ConnectAsAsync("operator");
        var key = RedisKeys.Transcript(conversationId);
        var teamPublic = Convert.FromBase64String((string)(await redis.Db.HashGetAsync(RedisKeys.TeamKey, "public"))!);
        var service = ServiceSigningKey(Signers.Operator);
        // Appended only if nobody wrote in between, as the hotline's own writers do, so the chain holds.
        for (var appended = false; !appended;)
        {
            var length = await redis.Db.ListLengthAsync(key);
            var tail = JsonSerializer.Deserialize<TranscriptEntry>((string)(await redis.Db.ListGetByIndexAsync(key, length - 1))!)!;
            var forged = TranscriptEntry.Seal(conversationId, length, Author.Operator, by, Math.Max(tail.At + 1, notBefore), tail.ChainHash(), System.Text.Encoding.UTF8.GetBytes(text), teamPublic, service, words);
            appended = (long)await redis.Db.ScriptEvaluateAsync(
                "if redis.call('LLEN', KEYS[1]) ~= tonumber(ARGV[1]) then return 0 end return redis.call('RPUSH', KEYS[1], ARGV[2])",
                [key], [length, JsonSerializer.Serialize(forged)]) > 0;
        }
    }

    /// <summary>Changes one audit entry's detail in place (an attacker with Redis access), runs the check, then puts it back.</summary>
    public async Task TamperWithAuditAsync(Func<Task> check)
    {
        await using var redis = await Redis.ConnectAsync();
        var db = redis.GetDatabase();
        var last = (await db.StreamRangeAsync(Hotline.Core.Storage.RedisKeys.AuditLog, "-", "+", count: 1, messageOrder: StackExchange.Redis.Order.Descending))[0];
        await db.StreamDeleteAsync(Hotline.Core.Storage.RedisKeys.AuditLog, [last.Id]);
        var forged = last.Values.Select(v => v.Name == "detail" ? new StackExchange.Redis.NameValueEntry("detail", "nothing happened") : v).ToArray();
        // Under the hour of the entry it replaces, as the service writes ids: no exact time is left behind.
        var hour = $"{Hotline.Operator.Audit.AuditLog.IdMilliseconds(last.Id.ToString())}-*";
        var forgedId = await db.StreamAddAsync(Hotline.Core.Storage.RedisKeys.AuditLog, forged, messageId: hour);
        try
        {
            await check();
        }
        finally
        {
            await db.StreamDeleteAsync(Hotline.Core.Storage.RedisKeys.AuditLog, [forgedId]);
            await db.StreamAddAsync(Hotline.Core.Storage.RedisKeys.AuditLog, last.Values, messageId: hour);
        }
    }
}
