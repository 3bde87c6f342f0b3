using Hotline.Bot.Channels.Twilio;
using Hotline.Core.Storage;
using Microsoft.Extensions.Options;

namespace Hotline.Bot.Secrets;

/// <summary>
/// The rotating pseudonym keys: a fresh one every <see cref="TwilioOptions.AddressLifetime"/> (the time a pseudonym keeps
/// pointing at its conversation), each destroyed one such period after its own ends. SMS and WhatsApp senders, Bot
/// Framework conversations and network addresses are all hashed under them, so one instance (one cache of the loaded keys)
/// serves all three. Once a key is destroyed, not even the Bot's secrets tie an address to its pseudonym.
/// </summary>
public sealed class PseudonymKeys(HotlineRedis redis, BotSecrets secrets, IOptions<TwilioOptions> options, TimeProvider time)
{
    public RotatingKeys Keys { get; } = new(redis, secrets.PseudonymKey, "pseudonym", options.Value.AddressLifetime, options.Value.AddressLifetime, time);
}
