using Xunit;

namespace Hotline.Testing;

/// <summary>
/// One headless Debian chromium shared by the tests of a collection; each test opens its own page (own context).
/// Each test project declares <code>[CollectionDefinition(BrowserFixture.Collection)] public sealed class BrowserCollection : ICollectionFixture&lt;BrowserFixture&gt;;</code>
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Collection = "browser";

    private Browser? browser;

    public Browser Browser => browser ?? throw new InvalidOperationException("BrowserFixture is not initialised");

    public async Task InitializeAsync() => browser = await Browser.LaunchAsync();

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
    }
}
