namespace Hotline.Bot.Tests.Channels.Twilio;

/// <summary>What twilio-node answered for a <see cref="SignCase"/>: the signature, and whether the received request validated (null when not asked).</summary>
public sealed record SignResult(string Signature, bool? Valid);
