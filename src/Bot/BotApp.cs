using Hotline.Bot.Channels.BotFramework;
using Hotline.Bot.Channels.DirectLine;
using Hotline.Bot.Channels.Twilio;
using Hotline.Bot.Limits;
using Hotline.ServiceDefaults;

namespace Hotline.Bot;

/// <summary>Builds the Bot; Program runs it, tests start it on a free loopback port.</summary>
public static class BotApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = HotlineWebApp.CreateBuilder(args, configure);
        builder.AddBot();

        var app = builder.Build();
        app.UseHotlineDefaults();
        app.UseCors();
        app.UseNetworkAddresses();
        app.UseRateLimiter();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.UseEmbeddedPages(typeof(BotApp).Assembly);
        app.MapHealthChecks();
        app.MapTelemetry();
        app.MapDirectLineApi();
        app.MapBotFrameworkApi();
        app.MapTwilioApi();
        return app;
    }
}
