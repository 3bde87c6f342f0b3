namespace Hotline.Bot.Channels.Twilio;

/// <summary>What Twilio said to a message.</summary>
internal abstract record SendResult
{
    /// <summary>Accepted (201): the message's SID and first status.</summary>
    public sealed record Sent(string Sid, string Status) : SendResult;

    /// <summary>Refused for good (a 4xx other than 429): Twilio's error code, never its message (it may quote the number).</summary>
    public sealed record Rejected(int HttpStatus, int? ErrorCode) : SendResult;

    /// <summary>Still 429, 5xx or no answer after every attempt: worth trying again later.</summary>
    public sealed record Unavailable(int? HttpStatus) : SendResult;
}
