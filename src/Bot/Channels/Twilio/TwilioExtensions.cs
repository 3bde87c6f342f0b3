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
        services.AddHttpClient(TwilioRestClient.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(15))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        services.AddSingleton<TwilioRestClient>();
        services.AddSingleton<TwilioSenders>();
        services.AddSingleton<WhatsAppWindows>();
        services.AddSingleton<MessageStates>();
        services.AddSingleton<TwilioCallbacks>();
        services.AddSingleton<TwilioOutbox>();
        services.AddSingleton<TwilioInbound>();
        services.AddSingleton<IChannelDelivery>(sp => new TwilioChannelDelivery(Channel.Sms, sp.GetRequiredService<TwilioOutbox>()));
        services.AddSingleton<IChannelDelivery>(sp => new TwilioChannelDelivery(Channel.WhatsApp, sp.GetRequiredService<TwilioOutbox>()));
        services.AddHostedService<TwilioSender>();
        services.AddHostedService<TwilioWiper>();
        services.TryAddSingleton<Hotline.Core.Live.ConsoleSignals>();
        services.AddHostedService<StaffNoticeSender>();
        return builder;
    }
}
