namespace Hotline.Bot.Tests.Channels.Twilio;

/// <summary>A request for the official twilio library to sign (at signUrl) and, with receivedUrl, to validate as received there.</summary>
public sealed record SignCase(
    string SignUrl,
    IReadOnlyList<KeyValuePair<string, string>> Params,
    string? ReceivedUrl = null,
    string? Signature = null,
    string Token = FakeTwilio.AuthToken);
