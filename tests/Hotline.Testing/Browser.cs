using Microsoft.Playwright;

namespace Hotline.Testing;

/// <summary>
/// Debian's chromium (/usr/bin/chromium), headless, driven by Playwright through the node driver that ships inside the
/// Microsoft.Playwright package. Never a downloaded browser. One chromium serves the whole test run (started on first use,
/// again if it ever goes away): starting the driver and chromium for every test cost a second or more each on CI. A
/// <see cref="Browser"/> is one test's share of it: each page it opens has its own context (no cookies, storage or cache
/// shared with any other page), and disposing it closes them.
/// Every page it opens is watched for page errors (an uncaught exception, an unhandled rejection, console.error):
/// disposing the browser fails the test that saw one, so no browser test passes over a broken page.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";

    /// <summary>The flags this machine needs: root (no sandbox), no GPU, and no background connections to a closed network.</summary>
    public static readonly IReadOnlyList<string> Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--disable-default-apps",
        "--disable-extensions", "--metrics-recording-only", "--no-default-browser-check",
    ];

    private static readonly SemaphoreSlim Starting = new(1, 1);
    private static (IPlaywright Playwright, IBrowser Chromium)? shared;
    private static bool exitHooked;

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> pageErrors = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<IBrowserContext> contexts = new();
    private int disposed;

    private Browser(IBrowser browser) => Inner = browser;

    /// <summary>The shared Playwright browser, for what the helpers below do not cover (contexts opened on it directly are the caller's to close).</summary>
    public IBrowser Inner { get; }

    /// <summary>This test's share of the run's chromium, started first if it is not running.</summary>
    public static async Task<Browser> LaunchAsync()
    {
        await Starting.WaitAsync();
        try
        {
            if (shared is not { Chromium.IsConnected: true })
            {
                shared?.Playwright.Dispose();
                shared = await StartAsync();
                if (!exitHooked)
                {
                    exitHooked = true;
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
                }
            }
            return new Browser(shared.Value.Chromium);
        }
        finally
        {
            Starting.Release();
        }
    }

    /// <summary>Closes the run's chromium and its driver when the test process ends, so neither outlives it.</summary>
    private static void Stop()
    {
        if (shared is not { } running) return;
        try
        {
            running.Chromium.CloseAsync().Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // Already gone: nothing is left to close.
        }
        running.Playwright.Dispose();
    }

    private static async Task<(IPlaywright, IBrowser)> StartAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"Debian's chromium is not installed at {Chromium}: run infra/test, which installs it (apt-get install chromium)");
        }
        // Belt and braces: nothing here may fetch a browser of Playwright's own.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = Arguments,
                Timeout = 60_000, // a cold start on a busy 2-core CI machine
                Env = new Dictionary<string, string> { ["PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD"] = "1" },
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A fresh page in its own context (a desktop-sized window).</summary>
    public Task<IPage> NewPageAsync() =>
        NewPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });

    /// <summary>A page the size of a small phone, with touch.</summary>
    public Task<IPage> NewPhonePageAsync() =>
        NewPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 360, Height = 640 }, IsMobile = true, HasTouch = true });

    /// <summary>A fresh page in its own context with these options; closing the page's context closes it.</summary>
    public async Task<IPage> NewPageAsync(BrowserNewContextOptions options)
    {
        var context = await Inner.NewContextAsync(options);
        contexts.Enqueue(context);
        var page = await context.NewPageAsync();
        Watch(page);
        return page;
    }

    /// <summary>The page errors seen so far, each with the page's address.</summary>
    public IReadOnlyCollection<string> PageErrors => pageErrors.ToArray();

    /// <summary>Fails now if any page has had an error (disposing checks again).</summary>
    public void AssertNoPageErrors()
    {
        if (!pageErrors.IsEmpty) throw new PageErrorException(pageErrors.ToArray());
    }

    private void Watch(IPage page)
    {
        page.PageError += (_, error) => pageErrors.Enqueue($"pageerror at {page.Url}: {error}");
        page.Console += (_, message) =>
        {
            // A 4xx answer the page expects and handles (a wrong passphrase, an ended session) is logged by chromium
            // itself as a console error; that is the server speaking, not the page failing. A 5xx is a failure.
            if (message.Type == "error" && !IsHandledClientError(message.Text))
            {
                pageErrors.Enqueue($"console.error at {page.Url}: {message.Text}");
            }
        };
    }

    private static bool IsHandledClientError(string text) =>
        text.StartsWith("Failed to load resource: the server responded with a status of 4", StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        while (contexts.TryDequeue(out var context))
        {
            try
            {
                await context.CloseAsync();
            }
            catch (PlaywrightException) when (!Inner.IsConnected)
            {
                // chromium itself went away (the test fails on its own account); the next launch starts a new one.
            }
        }
        AssertNoPageErrors();
    }
}
