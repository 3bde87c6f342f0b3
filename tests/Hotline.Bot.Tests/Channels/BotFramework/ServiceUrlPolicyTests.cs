using Hotline.Bot.Channels.BotFramework;

namespace Hotline.Bot.Tests.Channels.BotFramework;

public sealed class ServiceUrlPolicyTests
{
    private static readonly ServiceUrlPolicy Defaults = ServiceUrlPolicy.Parse(BotFrameworkOptions.DefaultServiceUrls);

    [Theory]
    [InlineData("https://webchat.botframework.com/", "https://webchat.botframework.com/")]
    [InlineData("https://europe.webchat.botframework.com", "https://europe.webchat.botframework.com/")]
    [InlineData("https://smba.trafficmanager.net/emea/", "https://smba.trafficmanager.net/emea/")]
    [InlineData("https://SMBA.trafficmanager.net/amer", "https://smba.trafficmanager.net/amer/")]
    public void Bot_Framework_hosts_are_allowed_by_default(string serviceUrl, string expected) =>
        Assert.Equal(expected, Defaults.Allow(serviceUrl)?.AbsoluteUri);

    [Theory]
    [InlineData("http://webchat.botframework.com/")]                 // plain http to a pattern
    [InlineData("https://botframework.com.evil.example/")]           // suffix trick
    [InlineData("https://evilbotframework.com/")]                    // no dot before the domain
    [InlineData("https://botframework.com/")]                        // the wildcard needs a sub-domain
    [InlineData("https://webchat.botframework.com:8443/")]           // another port
    [InlineData("https://webchat.botframework.com@169.254.169.254/")] // credentials trick
    [InlineData("https://user:pw@webchat.botframework.com/")]
    [InlineData("https://webchat.botframework.com/?x=1")]
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    [InlineData("https://127.0.0.1/")]
    [InlineData("file:///etc/passwd")]
    [InlineData("webchat.botframework.com")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_refused_by_default(string? serviceUrl) => Assert.Null(Defaults.Allow(serviceUrl));

    [Fact]
    public void A_prefix_admits_its_own_scheme_host_port_and_path_only()
    {
        var policy = ServiceUrlPolicy.Parse(["http://127.0.0.1:5055/connector/"]);
        Assert.Equal("http://127.0.0.1:5055/connector/", policy.Allow("http://127.0.0.1:5055/connector")?.AbsoluteUri);
        Assert.Equal("http://127.0.0.1:5055/connector/emea/", policy.Allow("http://127.0.0.1:5055/connector/emea/")?.AbsoluteUri);
        Assert.Null(policy.Allow("http://127.0.0.1:5055/connectors/"));
        Assert.Null(policy.Allow("http://127.0.0.1:5055/connector/../admin/"));
        Assert.Null(policy.Allow("http://127.0.0.1:5056/connector/"));
        Assert.Null(policy.Allow("https://127.0.0.1:5055/connector/"));
        Assert.Null(policy.Allow("http://localhost:5055/connector/"));
    }

    [Theory]
    [InlineData("ftp://example.com/")]
    [InlineData("https://user@example.com/")]
    [InlineData("*.com.")]
    [InlineData("localhost")]
    [InlineData("*")]
    [InlineData(" , ")]
    public void A_bad_allow_list_entry_is_a_configuration_error(string entry) =>
        Assert.Throws<FormatException>(() => ServiceUrlPolicy.Parse(entry.Split(',')));
}
