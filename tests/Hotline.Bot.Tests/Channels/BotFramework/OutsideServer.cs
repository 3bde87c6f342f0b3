using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hotline.Bot.Tests.Channels.BotFramework;

/// <summary>A server the bot must never call: it only counts what reaches it.</summary>
public sealed class OutsideServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private OutsideServer(WebApplication app) => this.app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public static async Task<OutsideServer> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new OutsideServer(app);
        app.Run(async context =>
        {
            server.Requests.Enqueue(await FakeBotFrameworkCloud.RecordAsync(context));
            context.Response.StatusCode = StatusCodes.Status200OK;
        });
        await app.StartAsync();
        server.BaseUrl = FakeBotFrameworkCloud.AddressOf(app);
        return server;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
