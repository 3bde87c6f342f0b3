namespace Hotline.Bot.Tests.Channels.Twilio;

/// <summary>One request the fake received: the Messages resource's form fields, or a deletion's SID.</summary>
public sealed record FakeTwilioRequest(string Method, string Path, IReadOnlyDictionary<string, string> Form, string? Authorization, int AnsweredWith, DateTimeOffset At, string? Sid)
{
    public string? To => Form.GetValueOrDefault("To");
    public string? Body => Form.GetValueOrDefault("Body");
}
