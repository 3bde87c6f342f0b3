using Hotline.Bot.Channels;
using Hotline.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hotline.Bot.Channels.Twilio;

public static class TwilioExtensions
{
    /// <summary>
    /// SMS and WhatsApp through Twilio: options from HOTLINE_TWILIO_* (checked at start when set; the Bot starts without
    /// them and the endpoints answer 503), the outbox and its sender, the wiper, the staff notice sender, and one delivery per
    /// channel.
    /// </summary>
    public static WebApplicationBuilder AddTwilioChannel(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TwilioOptions>()
            .Configure(o => TwilioOptions.Bind(o, builder.Configuration))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TwilioOptions>, TwilioOptionsValidator>();
        // The pipeline times each attempt and the whole call; the client's own timeout would cut the retries short.
        services.AddHttpClient(TwilioRestClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            // No request logging handlers (their lines are below the System.Net.Http filter anyway): two fewer async layers a send.
            .RemoveAllLoggers()
            .AddOutboundRetries("twilio", sp => sp.GetRequiredService<IOptions<TwilioOptions>>().Value.Retries);
        services.AddSingleton<TwilioRestClient>();
        services.AddSingleton<TwilioSenders>();
        services.AddSingleton<WhatsAppWindows>();
        services.AddSingleton<MessageStates>();
        services.AddSingleton<DeletionChecks>();
        services.AddSingleton<TwilioCallbacks>();
        services.AddSingleton<TwilioOutbox>();
        services.AddSingleton<TwilioInbound>();
        services.AddSingleton<IChannelDelivery>(sp => new TwilioChannelDelivery(Channel.Sms, sp.GetRequiredService<TwilioOutbox>()));
        services.AddSingleton<IChannelDelivery>(sp => new TwilioChannelDelivery(Channel.WhatsApp, sp.GetRequiredService<TwilioOutbox>()));
        services.AddHostedService<TwilioSender>();
        services.AddHostedService<TwilioWiper>();
        services.AddHostedService<MessageSidsMigration>();
        services.TryAddSingleton<Hotline.Core.Live.ConsoleSignals>();
        services.AddHostedService<StaffNoticeSender>();
        return builder;
    }
}
