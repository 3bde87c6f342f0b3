namespace Hotline.Bot.Channels.Twilio;

public sealed class TwilioUnavailableException(int? httpStatus)
    : Exception(httpStatus is { } s ? $"Twilio kept answering HTTP {s}" : "Twilio could not be reached");
