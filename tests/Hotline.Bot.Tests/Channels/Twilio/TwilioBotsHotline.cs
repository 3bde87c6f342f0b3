namespace Hotline.Bot.Tests.Channels.Twilio;

/// <summary>
/// Redis, the Triage worker and the fake Twilio, with no Bot of its own: each test starts the Bots it needs, in the order
/// it needs them, so which Bot holds which piece of work is known (a rolling restart, two Bots relaying SMS).
/// </summary>
public sealed class TwilioBotsHotline() : TwilioHotline(bot: false);
