using Hotline.Core.Hosting;
using Hotline.Bot.Channels.BotFramework;
using Hotline.Bot.Channels.DirectLine;
using Hotline.Bot.Channels.Twilio;
using Hotline.ServiceDefaults;

namespace Hotline.Bot;

/// <summary>Builds the Bot; Program runs it, tests start it on a free loopback port.</summary>
public static class BotApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.AddHotlineLogging();
        configure?.Invoke(builder);
        builder.AddBot();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSafePageHeaders();
        app.UseCors();
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
