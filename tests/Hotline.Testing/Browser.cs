using Microsoft.Playwright;

namespace Hotline.Testing;

/// <summary>
/// Debian's chromium (/usr/bin/chromium), headless, driven by Playwright through the node driver that ships inside the
/// Microsoft.Playwright package. Never a downloaded browser. Each launch gets a fresh, empty profile folder (Playwright
/// creates and deletes it), and each page its own context: no cookies or storage shared between pages.
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

    private readonly IPlaywright playwright;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> pageErrors = new();
    private int disposed;

    private Browser(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        Inner = browser;
    }

    /// <summary>The Playwright browser, for what the helpers below do not cover.</summary>
    public IBrowser Inner { get; }

    public static async Task<Browser> LaunchAsync()
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
            return new Browser(playwright, browser);
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
        try
        {
            await Inner.CloseAsync();
        }
        finally
        {
            playwright.Dispose();
        }
        AssertNoPageErrors();
    }
}
